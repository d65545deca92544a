// Team page: everyone sees the staff list; only admins add, change roles, reset passwords, deactivate.
import {
  type FieldMetadata,
  getFormProps,
  getSelectProps,
  type SubmissionResult,
  useForm,
} from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/cloudflare'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { FieldErrors, FormError, TextField } from '~/components/form-field'
import { SubmitButton } from '~/components/submit-button'
import { USER_ROLES } from '~/core/auth/role-names'
import { can } from '~/core/auth/roles'
import { AddMemberSchema } from '~/core/auth/schemas'
import { TeamActionServerSchema } from '~/core/auth/schemas.server'
import { PersonGapSchema } from '~/core/tenants/person-gap'
import { personGapHours, savePersonGap } from '~/core/tenants/person-gap.server'
import { applyTeamAction, listStaff } from '~/core/tenants/team.server'
import { makeTranslator, type Translate } from '~/i18n'
import { errorFlash, redirectWithFlash } from '~/lib/flash.server'
import { orNotFound, requireUser } from '~/lib/guard.server'
import { titled } from '~/lib/meta'

export const meta = titled('title.team')

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, scope, locale } = await requireUser(context, request)
  return {
    locale,
    me: user.id,
    isAdmin: can(user.role, 'team:manage'),
    staff: await listStaff(scope),
    personGapHours: await personGapHours(scope),
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { scope, user } = await requireUser(context, request, 'team:manage')
  const formData = await request.formData()
  if (formData.get('intent') === 'personGap') {
    const gap = parseWithZod(formData, { schema: PersonGapSchema })
    if (gap.status !== 'success') return data({ gapResult: gap.reply() }, { status: 400 })
    const saved = await savePersonGap(scope, user.role, gap.value.personGapHours)
    if (!saved.ok)
      return data(
        { gapResult: gap.reply({ fieldErrors: { personGapHours: [saved.message] } }) },
        { status: 400 },
      )
    return redirectWithFlash('/equipe', {
      kind: 'success',
      message: 'protection.team.saved',
      vars: { hours: String(saved.hours) },
    })
  }
  const submission = parseWithZod(formData, { schema: TeamActionServerSchema })
  if (submission.status !== 'success') {
    const intent = submission.payload.intent
    if (intent === 'add')
      return data({ result: submission.reply({ hideFields: ['password'] }) }, { status: 400 })
    const first = Object.values(submission.error ?? {}).flat()[0] ?? 'errors.required'
    return redirectWithFlash('/equipe', errorFlash(first))
  }
  const result = await orNotFound(applyTeamAction(scope, submission.value))
  if (!result.ok) {
    if (submission.value.intent === 'add') {
      const fieldErrors = result.field ? { [result.field]: [result.message] } : undefined
      return data(
        {
          result: submission.reply({
            fieldErrors,
            formErrors: fieldErrors ? undefined : [result.message],
            hideFields: ['password'],
          }),
        },
        { status: 400 },
      )
    }
    return redirectWithFlash('/equipe', { kind: 'error', message: result.message })
  }
  return redirectWithFlash('/equipe', { kind: 'success', message: result.message, vars: result.vars })
}

export default function Team() {
  const { locale, me, isAdmin, staff, personGapHours: gapHours } = useLoaderData<typeof loader>()
  const t = makeTranslator(locale)
  return (
    <>
      <h1>{t('team.title')}</h1>
      <div className="table-wrap card">
        <table>
          <thead>
            <tr>
              <th>{t('team.name')}</th>
              <th>{t('team.email')}</th>
              <th>{t('team.role')}</th>
              <th>{t('team.status')}</th>
              {isAdmin ? <th>{t('common.actions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {staff.map((m) => (
              <tr key={m.id} data-testid={`member-${m.email}`}>
                <td>
                  {m.name} {m.id === me ? <span className="muted">{t('team.you')}</span> : null}
                </td>
                <td>{m.email}</td>
                <td>{t(`team.roles.${m.role}`).split(':')[0]}</td>
                <td>
                  <span className={`badge ${m.active ? 'ok' : 'bad'}`}>
                    {m.active ? t('team.active') : t('team.inactive')}
                  </span>
                </td>
                {isAdmin ? <td>{m.id === me ? null : <MemberActions member={m} t={t} />}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {isAdmin ? <AddMemberForm key={staff.length} t={t} /> : null}
      {isAdmin ? (
        <PersonGapForm hours={gapHours} t={t} />
      ) : (
        <section className="card" aria-labelledby="person-gap-title">
          <h2 id="person-gap-title">{t('protection.team.title')}</h2>
          <p>{t('protection.team.current', { count: gapHours })}</p>
        </section>
      )}
    </>
  )
}

function MemberActions({
  member,
  t,
}: {
  member: { id: string; role: string; active: boolean; email: string }
  t: Translate
}) {
  return (
    <div className="row-actions">
      <Form method="post">
        <input type="hidden" name="userId" value={member.id} />
        <label className="muted" htmlFor={`role-${member.id}`}>
          {t('team.role')}
        </label>
        <select id={`role-${member.id}`} name="role" defaultValue={member.role}>
          {USER_ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`team.roles.${r}`).split(':')[0]}
            </option>
          ))}
        </select>
        <SubmitButton
          name="intent"
          value="changeRole"
          label={t('team.changeRole')}
          pendingLabel={t('common.saving')}
          className="secondary"
        />
      </Form>
      <Form method="post">
        <input type="hidden" name="userId" value={member.id} />
        <input
          type="password"
          name="password"
          aria-label={`${t('team.newPassword')} (${member.email})`}
          placeholder={t('team.newPassword')}
          autoComplete="new-password"
        />
        <SubmitButton
          name="intent"
          value="resetPassword"
          label={t('team.resetPassword')}
          pendingLabel={t('common.saving')}
          className="secondary"
        />
      </Form>
      <Form method="post">
        <input type="hidden" name="userId" value={member.id} />
        {member.active ? (
          <SubmitButton
            name="intent"
            value="deactivate"
            label={t('team.deactivate')}
            pendingLabel={t('common.saving')}
            className="danger"
          />
        ) : (
          <SubmitButton
            name="intent"
            value="reactivate"
            label={t('team.reactivate')}
            pendingLabel={t('common.saving')}
            className="secondary"
          />
        )}
      </Form>
    </div>
  )
}

function AddMemberForm({ t }: { t: Translate }) {
  const actionData = useActionData<{ result?: SubmissionResult<string[]> }>()
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AddMemberSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    defaultValue: { intent: 'add', role: 'operator' },
  })
  return (
    <section className="card" aria-labelledby="add-member">
      <h2 id="add-member">{t('team.add')}</h2>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="add" />
        <FormError errors={form.errors} t={t} />
        <TextField field={fields.name} label={t('team.name')} t={t} />
        <TextField
          field={fields.email}
          label={t('team.email')}
          type="email"
          hint={t('team.emailHint')}
          t={t}
          autoComplete="off"
        />
        <div className="field">
          <label htmlFor={fields.role.id}>{t('team.role')}</label>
          <select {...getSelectProps(fields.role)}>
            {USER_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`team.roles.${r}`)}
              </option>
            ))}
          </select>
          <FieldErrors id={fields.role.errorId} errors={fields.role.errors} t={t} />
        </div>
        <TextField
          field={fields.password}
          label={t('team.password')}
          type="password"
          hint={t('setup.passwordHint')}
          t={t}
          autoComplete="new-password"
        />
        <SubmitButton label={t('team.add')} pendingLabel={t('common.saving')} />
      </Form>
    </section>
  )
}

function PersonGapForm({ hours, t }: { hours: number; t: Translate }) {
  const actionData = useActionData<{ gapResult?: SubmissionResult<string[]> }>()
  const [form, fields] = useForm({
    id: 'person-gap',
    lastResult: actionData?.gapResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PersonGapSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    defaultValue: { intent: 'personGap', personGapHours: String(hours) },
  })
  return (
    <section className="card" aria-labelledby="person-gap-title">
      <h2 id="person-gap-title">{t('protection.team.title')}</h2>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="personGap" />
        <FormError errors={form.errors} t={t} />
        <TextField
          field={fields.personGapHours as unknown as FieldMetadata<string>}
          label={t('protection.team.personGap')}
          type="number"
          hint={t('protection.team.personGapHint')}
          t={t}
        />
        <SubmitButton label={t('common.save')} pendingLabel={t('common.saving')} />
      </Form>
    </section>
  )
}
