// Integrações → API: the team's API tokens (decision 030). Admins only (loader and action): list them,
// create one (name, scopes, optional expiry) and see it ONCE in the answer to that POST (never stored
// in clear, never in a redirect or a cookie), revoke with a confirmation. Works without JavaScript.
import { getFormProps, getInputProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/cloudflare'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { FieldErrors, FormError, TextField } from '~/components/form-field'
import { SubmitButton } from '~/components/submit-button'
import { API_SCOPES } from '~/core/api/scopes'
import { CreateTokenSchema, RevokeTokenSchema } from '~/core/api/token-form'
import { createApiToken, listApiTokens, revokeApiToken } from '~/core/api/tokens.server'
import { formatLocalDateTime } from '~/core/tracking/report-format'
import { makeTranslator, type Translate } from '~/i18n'
import { errorFlash, redirectWithFlash } from '~/lib/flash.server'
import { orNotFound, requireUser } from '~/lib/guard.server'
import { titled } from '~/lib/meta'

const PATH = '/integracoes/api'

export const meta = titled('title.apiTokens')

type TokenActionData = {
  result: SubmissionResult<string[]>
  created: { name: string; token: string } | null
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { scope, locale } = await requireUser(context, request, 'integrations:manage')
  return { locale, tokens: await listApiTokens(scope) }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { scope } = await requireUser(context, request, 'integrations:manage')
  const formData = await request.formData()
  if (formData.get('intent') === 'revoke') {
    const parsed = RevokeTokenSchema.safeParse(Object.fromEntries(formData))
    if (!parsed.success) return redirectWithFlash(PATH, errorFlash('api.tokens.errors.confirm'))
    const { name } = await orNotFound(revokeApiToken(scope, parsed.data.id))
    return redirectWithFlash(PATH, { kind: 'success', message: 'api.tokens.revoked', vars: { name } })
  }
  const submission = parseWithZod(formData, { schema: CreateTokenSchema })
  if (submission.status !== 'success')
    return data<TokenActionData>({ result: submission.reply(), created: null }, { status: 400 })
  const made = await createApiToken(scope, submission.value)
  if (!made.ok)
    return data<TokenActionData>(
      { result: submission.reply({ fieldErrors: { [made.field]: [made.message] } }), created: null },
      { status: 400 },
    )
  // The token travels in this answer only: a reload shows the page without it.
  return data<TokenActionData>({
    result: submission.reply({ resetForm: true }),
    created: { name: submission.value.name, token: made.token },
  })
}

function TokenRows({
  tokens,
  t,
}: {
  tokens: ReturnType<typeof useLoaderData<typeof loader>>['tokens']
  t: Translate
}) {
  return (
    <div className="table-wrap card">
      <table>
        <thead>
          <tr>
            <th>{t('api.tokens.name')}</th>
            <th>{t('api.tokens.scopes')}</th>
            <th>{t('api.tokens.createdAt')}</th>
            <th>{t('api.tokens.lastUsed')}</th>
            <th>{t('api.tokens.expires')}</th>
            <th>{t('api.tokens.status')}</th>
            <th>{t('common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((k) => (
            <tr key={k.id} data-testid={`token-${k.id}`}>
              <td>
                {k.name} <span className="muted">({t('api.tokens.ending', { hint: k.hint })})</span>
              </td>
              <td>
                {k.scopes.map((s) => (
                  <code key={s} style={{ display: 'block' }}>
                    {s}
                  </code>
                ))}
              </td>
              <td>{formatLocalDateTime(k.createdAt)}</td>
              <td>{k.lastUsedAt ? formatLocalDateTime(k.lastUsedAt) : t('api.tokens.never')}</td>
              <td>{k.expiresAt ? formatLocalDateTime(k.expiresAt) : t('api.tokens.noExpiry')}</td>
              <td>
                <span className={`badge ${k.status === 'active' ? 'ok' : 'bad'}`}>
                  {t(`api.tokens.status.${k.status}`)}
                </span>
              </td>
              <td>
                {k.status === 'revoked' ? null : (
                  <Form method="post" className="row-actions">
                    <input type="hidden" name="id" value={k.id} />
                    <label>
                      <input type="checkbox" name="confirm" required />{' '}
                      {t('api.tokens.revokeConfirm', { name: k.name })}
                    </label>
                    <SubmitButton
                      name="intent"
                      value="revoke"
                      label={t('api.tokens.revoke')}
                      pendingLabel={t('common.saving')}
                      className="danger"
                    />
                  </Form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export default function ApiTokens() {
  const { locale, tokens } = useLoaderData<typeof loader>()
  const actionData = useActionData<TokenActionData>()
  const t = makeTranslator(locale)
  const [form, fields] = useForm({
    id: 'create-token',
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateTokenSchema }),
    shouldValidate: 'onSubmit',
  })
  const created = actionData?.created
  return (
    <>
      <h1>{t('api.tokens.title')}</h1>
      <p className="muted">{t('api.tokens.intro')}</p>
      <p>
        <a href="/api/v1/docs">{t('api.tokens.docsLink')}</a>
      </p>
      {created ? (
        <section className="card" role="status" data-testid="new-token">
          <p>
            <strong>{t('api.tokens.created', { name: created.name })}</strong>
          </p>
          <label htmlFor="new-token">{t('api.tokens.createdLabel')}</label>
          <input id="new-token" readOnly value={created.token} autoComplete="off" spellCheck={false} />
        </section>
      ) : null}
      <section className="card">
        <h2>{t('api.tokens.create')}</h2>
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="create" />
          <FormError errors={form.errors} t={t} />
          <TextField field={fields.name} label={t('api.tokens.name')} hint={t('api.tokens.nameHint')} t={t} />
          <fieldset className="field">
            <legend>{t('api.tokens.scopes')}</legend>
            {API_SCOPES.map((s) => (
              <label key={s} style={{ display: 'block' }}>
                <input type="checkbox" name={fields.scopes.name} value={s} /> <code>{s}</code>:{' '}
                {t(`api.tokens.scope.${s}`)}
              </label>
            ))}
            <span className="hint">{t('api.tokens.scopesHint')}</span>
            <FieldErrors id={fields.scopes.errorId} errors={fields.scopes.errors} t={t} />
          </fieldset>
          <div className="field">
            <label htmlFor={fields.expiresOn.id}>{t('api.tokens.expiresOn')}</label>
            <input {...getInputProps(fields.expiresOn, { type: 'date' })} />
            <span className="hint">{t('api.tokens.expiresOnHint')}</span>
            <FieldErrors id={fields.expiresOn.errorId} errors={fields.expiresOn.errors} t={t} />
          </div>
          <SubmitButton label={t('api.tokens.create')} pendingLabel={t('api.tokens.creating')} />
        </Form>
      </section>
      <h2>{t('api.tokens.list')}</h2>
      {tokens.length === 0 ? (
        <p className="muted">{t('api.tokens.none')}</p>
      ) : (
        <TokenRows tokens={tokens} t={t} />
      )}
    </>
  )
}
