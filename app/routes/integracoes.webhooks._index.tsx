// Integrações → Webhooks: the team's endpoints (decision 033). Admins only (loader and action): the list
// with each one's status (and why it was switched off), and the form to add one; its signing secret
// is shown ONCE in the answer to that POST. Works without JavaScript.
import { getFormProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/cloudflare'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { FormError } from '~/components/form-field'
import { SubmitButton } from '~/components/submit-button'
import { NewSecret, WebhookEndpointFields } from '~/components/webhook-endpoint-fields'
import { EndpointSchema } from '~/core/webhooks/endpoint-form'
import { createEndpoint, listEndpoints } from '~/core/webhooks/endpoints.server'
import { makeTranslator } from '~/i18n'
import { parseParams, textString } from '~/i18n/text'
import { requireUser } from '~/lib/guard.server'
import { titled } from '~/lib/meta'

export const meta = titled('title.webhooks')

type CreateData = { result: SubmissionResult<string[]>; created: { id: string; secret: string } | null }

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { scope, locale } = await requireUser(context, request, 'integrations:manage')
  return { locale, endpoints: await listEndpoints(scope) }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { scope } = await requireUser(context, request, 'integrations:manage')
  const submission = parseWithZod(await request.formData(), { schema: EndpointSchema })
  if (submission.status !== 'success')
    return data<CreateData>({ result: submission.reply(), created: null }, { status: 400 })
  const made = await createEndpoint(scope, submission.value)
  if (!made.ok)
    return data<CreateData>(
      { result: submission.reply({ fieldErrors: { url: [textString(made.text)] } }), created: null },
      { status: 400 },
    )
  return data<CreateData>({
    result: submission.reply({ resetForm: true }),
    created: { id: made.id, secret: made.secret ?? '' },
  })
}

export default function Webhooks() {
  const { locale, endpoints } = useLoaderData<typeof loader>()
  const actionData = useActionData<CreateData>()
  const t = makeTranslator(locale)
  const [form, fields] = useForm({
    id: 'create-endpoint',
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EndpointSchema }),
    shouldValidate: 'onSubmit',
  })
  const off = endpoints.filter((e) => e.disabledCode === 'webhooks.disabled.failing').length
  return (
    <>
      <h1>{t('webhooks.title')}</h1>
      <p className="muted">{t('webhooks.intro')}</p>
      {off > 0 ? (
        <p className="form-error" role="alert" data-testid="disabled-notice">
          {t('webhooks.noticeDisabled', { count: off })}
        </p>
      ) : null}
      {actionData?.created ? (
        <>
          <NewSecret title={t('webhooks.created')} secret={actionData.created.secret} t={t} />
          <p>
            <Link to={`/integracoes/webhooks/${actionData.created.id}`}>{t('webhooks.open')}</Link>
          </p>
        </>
      ) : null}
      <h2>{t('webhooks.list')}</h2>
      {endpoints.length === 0 ? (
        <p className="muted">{t('webhooks.none')}</p>
      ) : (
        <div className="table-wrap card">
          <table>
            <thead>
              <tr>
                <th>{t('webhooks.url')}</th>
                <th>{t('webhooks.events')}</th>
                <th>{t('webhooks.status')}</th>
              </tr>
            </thead>
            <tbody>
              {endpoints.map((e) => (
                <tr key={e.id} data-testid={`endpoint-${e.id}`}>
                  <td style={{ overflowWrap: 'anywhere' }}>
                    <Link to={`/integracoes/webhooks/${e.id}`}>{e.url}</Link>
                    {e.description ? <div className="muted">{e.description}</div> : null}
                  </td>
                  <td>{e.eventTypes.length}</td>
                  <td>
                    <span className={`badge ${e.enabled ? (e.failureStreak > 0 ? 'warn' : 'ok') : 'bad'}`}>
                      {t(
                        e.enabled
                          ? e.failureStreak > 0
                            ? 'webhooks.status.failing'
                            : 'webhooks.status.on'
                          : 'webhooks.status.off',
                      )}
                    </span>
                    {e.disabledCode ? (
                      <div className="muted">
                        {t({ code: e.disabledCode, params: parseParams(e.disabledParams) })}
                      </div>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section className="card">
        <h2>{t('webhooks.create')}</h2>
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="create" />
          <FormError errors={form.errors} t={t} />
          <WebhookEndpointFields fields={fields} checked={[]} t={t} />
          <SubmitButton label={t('webhooks.create')} pendingLabel={t('webhooks.creating')} />
        </Form>
      </section>
    </>
  )
}
