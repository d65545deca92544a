// /opt-outs: the tenant's never-message list: replies that may ask to stop, for a person to confirm or
// dismiss (operators and admins, decision 031), add by hand (validated phone), remove (admins, with a
// required reason kept in the audit log), "Apagar dados de uma pessoa" (LGPD, admins) and CSV export.
import { getFormProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/cloudflare'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { Pager } from '~/components/contacts-pager'
import { FieldErrors, FormError, TextField } from '~/components/form-field'
import { SearchForm, TableOrEmpty } from '~/components/searchable-table'
import { SubmitButton } from '~/components/submit-button'
import { can } from '~/core/auth/roles'
import { optOutSource } from '~/core/contacts/optout-words'
import {
  addOptOut,
  erasePerson,
  listOptOuts,
  OPTOUTS_PAGE_SIZE,
  removeOptOut,
} from '~/core/contacts/optouts.server'
import { decidePossibleOptOut, listPossibleOptOuts } from '~/core/contacts/possible-optouts.server'
import { makeTranslator, type Translate } from '~/i18n'
import { redirectWithFlash } from '~/lib/flash.server'
import { orNotFound, requireUser } from '~/lib/guard.server'
import { titled } from '~/lib/meta'
import { PossibleOptOuts } from './possible'
import { AddOptOutSchema, EraseSchema, OptOutActionSchema, ROW_INTENTS, WRITE_INTENTS } from './schemas'

export const meta = titled('title.optOuts')

type ActionData = { intent?: string; result?: SubmissionResult<string[]> }

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, scope, locale } = await requireUser(context, request)
  const url = new URL(request.url)
  const q = (url.searchParams.get('q') ?? '').slice(0, 40)
  const page = Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1)
  const [result, possible] = await Promise.all([listOptOuts(scope, { q, page }), listPossibleOptOuts(scope)])
  const when = (ms: number) => new Date(ms).toLocaleString(locale, { timeZone: 'America/Sao_Paulo' })
  return {
    locale,
    q,
    search: url.search,
    canAdd: can(user.role, 'optout:write'),
    isAdmin: can(user.role, 'optout:remove'),
    ...result,
    pageSize: OPTOUTS_PAGE_SIZE,
    rows: result.rows.map((r) => ({ ...r, date: when(r.createdAt) })),
    possible: {
      total: possible.total,
      rows: possible.rows.map((r) => ({ ...r, date: when(r.receivedAt) })),
    },
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData()
  const intent = String(form.get('intent') ?? '')
  const permission = WRITE_INTENTS.includes(intent) ? 'optout:write' : 'optout:remove'
  const { scope } = await requireUser(context, request, permission)
  const submission = parseWithZod(form, { schema: OptOutActionSchema })
  if (submission.status !== 'success') {
    if (ROW_INTENTS.includes(intent) || !['add', 'erase'].includes(intent)) {
      const first = Object.values(submission.error ?? {}).flat()[0] ?? 'errors.required'
      return redirectWithFlash('/opt-outs', { kind: 'error', message: first })
    }
    return data({ intent, result: submission.reply() }, { status: 400 })
  }
  const v = submission.value
  if (v.intent === 'confirmPossible' || v.intent === 'dismissPossible') {
    const decided = await orNotFound(
      decidePossibleOptOut(scope, v.id, v.intent === 'confirmPossible' ? 'confirm' : 'dismiss'),
    )
    return redirectWithFlash('/opt-outs', { kind: 'success', message: decided.message, vars: decided.vars })
  }
  const result =
    v.intent === 'add'
      ? await addOptOut(scope, { phone: v.phone, note: v.note })
      : v.intent === 'erase'
        ? await erasePerson(scope, { phone: v.phone })
        : await orNotFound(removeOptOut(scope, v.id, v.reason))
  if (!result.ok) {
    if (v.intent === 'remove')
      return redirectWithFlash('/opt-outs', { kind: 'error', message: result.message })
    const fieldErrors = result.field ? { [result.field]: [result.message] } : undefined
    return data(
      {
        intent,
        result: submission.reply({ fieldErrors, formErrors: fieldErrors ? undefined : [result.message] }),
      },
      { status: 400 },
    )
  }
  return redirectWithFlash('/opt-outs', { kind: 'success', message: result.message, vars: result.vars })
}

export default function OptOutsPage() {
  const { locale, q, search, canAdd, isAdmin, rows, total, page, pageSize, possible } =
    useLoaderData<typeof loader>()
  const t = makeTranslator(locale)
  return (
    <>
      <div className="row-actions" style={{ justifyContent: 'space-between', alignItems: 'center' }}>
        <h1>{t('optouts.title')}</h1>
        <a className="button secondary" href="/opt-outs/exportar" download>
          {t('optouts.export')}
        </a>
      </div>
      <p className="muted">{t('optouts.intro')}</p>
      <PossibleOptOuts {...possible} canDecide={canAdd} t={t} />
      {canAdd ? <AddForm key={total} t={t} /> : null}
      <section className="card" aria-labelledby="optouts-list">
        <h2 id="optouts-list">
          {t('optouts.title')} <span className="muted">({total.toLocaleString('pt-BR')})</span>
        </h2>
        <SearchForm
          id="optout-search"
          label={t('optouts.search')}
          buttonLabel={t('contacts.detail.searchButton')}
          q={q}
          maxWidth="16rem"
        />
        <TableOrEmpty
          empty={rows.length === 0}
          emptyText={t('optouts.empty')}
          head={
            <>
              <th>{t('optouts.col.phone')}</th>
              <th>{t('optouts.col.reason')}</th>
              <th>{t('optouts.col.source')}</th>
              <th>{t('optouts.col.date')}</th>
              <th>{t('optouts.col.who')}</th>
              {isAdmin ? <th>{t('common.actions')}</th> : null}
            </>
          }
        >
          {rows.map((r) => (
            <tr key={r.id} data-testid={`optout-${r.phoneE164}`}>
              <td>{r.phoneE164}</td>
              <td>
                {t(`optouts.reason.${r.reason}`)}
                {r.note ? <div className="muted">{r.note}</div> : null}
              </td>
              <td>{optOutSource(r.source, t)}</td>
              <td>{r.date}</td>
              <td>{r.createdBy}</td>
              {isAdmin ? (
                <td>
                  <Form method="post" className="row-actions">
                    <input type="hidden" name="id" value={r.id} />
                    <input
                      name="reason"
                      aria-label={t('optouts.remove.reason', { phone: r.phoneE164 })}
                      placeholder={t('optouts.col.reason')}
                    />
                    <button type="submit" name="intent" value="remove" className="secondary">
                      {t('optouts.remove')}
                    </button>
                  </Form>
                </td>
              ) : null}
            </tr>
          ))}
        </TableOrEmpty>
        <Pager page={page} total={total} pageSize={pageSize} param="page" search={search} t={t} />
      </section>
      {isAdmin ? <EraseForm t={t} /> : null}
    </>
  )
}

function AddForm({ t }: { t: Translate }) {
  const actionData = useActionData<ActionData>()
  const [form, fields] = useForm({
    id: 'add-optout',
    lastResult: actionData?.intent === 'add' ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AddOptOutSchema }),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
  })
  return (
    <section className="card" aria-labelledby="add-optout-title">
      <h2 id="add-optout-title">{t('optouts.add')}</h2>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="add" />
        <FormError errors={form.errors} t={t} />
        <TextField field={fields.phone} label={t('optouts.phone')} t={t} autoComplete="off" />
        <TextField field={fields.note} label={t('optouts.note')} t={t} autoComplete="off" />
        <SubmitButton label={t('optouts.add')} pendingLabel={t('common.saving')} />
      </Form>
    </section>
  )
}

function EraseForm({ t }: { t: Translate }) {
  const actionData = useActionData<ActionData>()
  const [form, fields] = useForm({
    id: 'erase-person',
    lastResult: actionData?.intent === 'erase' ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EraseSchema }),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
  })
  return (
    <section className="card" aria-labelledby="erase-title">
      <h2 id="erase-title">{t('optouts.erase.title')}</h2>
      <p className="muted">{t('optouts.erase.intro')}</p>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="erase" />
        <FormError errors={form.errors} t={t} />
        <TextField field={fields.phone} label={t('optouts.phone')} t={t} autoComplete="off" />
        <div className="field">
          <label>
            <input type="checkbox" name={fields.confirm.name} id={fields.confirm.id} />{' '}
            {t('optouts.erase.confirm')}
          </label>
          <FieldErrors id={fields.confirm.errorId} errors={fields.confirm.errors} t={t} />
        </div>
        <SubmitButton
          label={t('optouts.erase.submit')}
          pendingLabel={t('common.saving')}
          className="danger"
        />
      </Form>
    </section>
  )
}
