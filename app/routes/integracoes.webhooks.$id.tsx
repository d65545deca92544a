// One webhook endpoint (decision 033), admins only: edit it, switch it off/on, a new signing secret
// (shown once), a test event, delete (with a confirmation), and the delivery log (newest first; every
// attempt with its HTTP status or error and duration) with "Reenviar". Another team's id is a 404.
import { getFormProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/cloudflare'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { FormError } from '~/components/form-field'
import { SubmitButton } from '~/components/submit-button'
import { NewSecret, WebhookEndpointFields } from '~/components/webhook-endpoint-fields'
import { deliveryLog, redeliver } from '~/core/webhooks/deliveries.server'
import { DeliveryIdSchema, EndpointIdSchema, EndpointSchema } from '~/core/webhooks/endpoint-form'
import {
  deleteEndpoint,
  getEndpoint,
  rotateEndpointSecret,
  sendTestEvent,
  setEndpointEnabled,
  updateEndpoint,
} from '~/core/webhooks/endpoints.server'
import { makeTranslator } from '~/i18n'
import { parseParams, textString } from '~/i18n/text'
import { errorFlash, redirectWithFlash } from '~/lib/flash.server'
import { notFound, orNotFound, requireUser } from '~/lib/guard.server'
import { titled } from '~/lib/meta'

export const meta = titled('title.webhooks')

type EditData = { result: SubmissionResult<string[]> | null; secret: string | null }

function endpointId(params: { id?: string }): string {
  const parsed = EndpointIdSchema.safeParse(params.id)
  if (!parsed.success) throw notFound()
  return parsed.data
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { scope, locale } = await requireUser(context, request, 'integrations:manage')
  const id = endpointId(params)
  const endpoint = await orNotFound(getEndpoint(scope, id))
  return { locale, endpoint, deliveries: await deliveryLog(scope, id) }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { scope } = await requireUser(context, request, 'integrations:manage')
  const id = endpointId(params)
  const path = `/integracoes/webhooks/${id}`
  const formData = await request.formData()
  const intent = formData.get('intent')
  const done = (message: string, vars?: Record<string, string>) =>
    redirectWithFlash(path, { kind: 'success', message, vars })
  switch (intent) {
    case 'enable':
    case 'disable':
      await orNotFound(setEndpointEnabled(scope, id, intent === 'enable'))
      return done(intent === 'enable' ? 'webhooks.enabled' : 'webhooks.disabledNow')
    case 'delete': {
      if (formData.get('confirm') !== 'on') {
        await orNotFound(getEndpoint(scope, id))
        return redirectWithFlash(path, errorFlash('webhooks.errors.confirm'))
      }
      const { url } = await orNotFound(deleteEndpoint(scope, id))
      return redirectWithFlash('/integracoes/webhooks', {
        kind: 'success',
        message: 'webhooks.deleted',
        vars: { url },
      })
    }
    case 'rotate':
      // The secret travels in this answer only.
      return data<EditData>({ result: null, secret: await orNotFound(rotateEndpointSecret(scope, id)) })
    case 'test':
      await orNotFound(sendTestEvent(scope, id))
      return done('webhooks.testSent')
    case 'redeliver': {
      const delivery = DeliveryIdSchema.safeParse(formData.get('deliveryId'))
      if (!delivery.success) throw notFound()
      await orNotFound(redeliver(scope, delivery.data, id))
      return done('webhooks.delivery.redelivered')
    }
    default: {
      const submission = parseWithZod(formData, { schema: EndpointSchema })
      if (submission.status !== 'success')
        return data<EditData>({ result: submission.reply(), secret: null }, { status: 400 })
      const saved = await orNotFound(updateEndpoint(scope, id, submission.value))
      if (!saved.ok)
        return data<EditData>(
          { result: submission.reply({ fieldErrors: { url: [textString(saved.text)] } }), secret: null },
          { status: 400 },
        )
      return done('webhooks.saved')
    }
  }
}

export default function WebhookEndpoint() {
  const { locale, endpoint, deliveries } = useLoaderData<typeof loader>()
  const actionData = useActionData<EditData>()
  const t = makeTranslator(locale)
  const [form, fields] = useForm({
    id: 'edit-endpoint',
    lastResult: actionData?.result ?? undefined,
    defaultValue: { url: endpoint.url, description: endpoint.description },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EndpointSchema }),
    shouldValidate: 'onSubmit',
  })
  return (
    <>
      <p>
        <Link to="/integracoes/webhooks">{t('webhooks.back')}</Link>
      </p>
      <h1 style={{ overflowWrap: 'anywhere' }}>{endpoint.url}</h1>
      <p>
        <span className={`badge ${endpoint.enabled ? 'ok' : 'bad'}`}>
          {t(endpoint.enabled ? 'webhooks.status.on' : 'webhooks.status.off')}
        </span>
      </p>
      {endpoint.disabledCode ? (
        <p className="form-error" role="alert" data-testid="disabled-reason">
          {t({ code: endpoint.disabledCode, params: parseParams(endpoint.disabledParams) })}
        </p>
      ) : null}
      {actionData?.secret ? (
        <NewSecret title={t('webhooks.rotated')} secret={actionData.secret} t={t} />
      ) : null}
      <Form method="post" className="row-actions">
        <SubmitButton
          name="intent"
          value={endpoint.enabled ? 'disable' : 'enable'}
          label={t(endpoint.enabled ? 'webhooks.disable' : 'webhooks.enable')}
          pendingLabel={t('common.saving')}
        />
        <SubmitButton
          name="intent"
          value="test"
          label={t('webhooks.test')}
          pendingLabel={t('common.saving')}
        />
        <SubmitButton
          name="intent"
          value="rotate"
          label={t('webhooks.rotate')}
          pendingLabel={t('common.saving')}
        />
      </Form>
      <section className="card">
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="update" />
          <FormError errors={form.errors} t={t} />
          <WebhookEndpointFields fields={fields} checked={endpoint.eventTypes} t={t} />
          <SubmitButton label={t('webhooks.save')} pendingLabel={t('common.saving')} />
        </Form>
      </section>
      <h2>{t('webhooks.deliveries')}</h2>
      {deliveries.length === 0 ? (
        <p className="muted">{t('webhooks.deliveriesNone')}</p>
      ) : (
        <div className="table-wrap card">
          <table>
            <thead>
              <tr>
                <th>{t('webhooks.delivery.event')}</th>
                <th>{t('webhooks.status')}</th>
                <th>{t('webhooks.delivery.attempts')}</th>
                <th>{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((d) => (
                <tr key={d.id} data-testid={`delivery-${d.id}`}>
                  <td>
                    <code>{d.type}</code>
                    <div className="muted">
                      {t('webhooks.delivery.created')} {t('health.at', { at: d.createdAt })}
                    </div>
                    <div className="muted">
                      <code>{d.eventId}</code>
                    </div>
                  </td>
                  <td>
                    {t(`webhooks.delivery.status.${d.status}`)}
                    {d.status === 'pending' && d.nextAttemptAt ? (
                      <div className="muted">{t('webhooks.delivery.next', { at: d.nextAttemptAt })}</div>
                    ) : null}
                  </td>
                  <td>
                    <ol style={{ margin: 0, paddingLeft: '1.2em' }}>
                      {d.log.map((a) => (
                        <li key={a.at}>
                          {t('webhooks.attempt.line', {
                            at: a.at,
                            result: a.error ? t(a.error) : `HTTP ${a.httpStatus}`,
                            ms: a.durationMs,
                          })}
                          {a.responseSnippet ? (
                            <div className="muted" style={{ overflowWrap: 'anywhere' }}>
                              {a.responseSnippet.slice(0, 200)}
                            </div>
                          ) : null}
                        </li>
                      ))}
                    </ol>
                  </td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="deliveryId" value={d.id} />
                      <SubmitButton
                        name="intent"
                        value="redeliver"
                        label={t('webhooks.delivery.redeliver')}
                        pendingLabel={t('common.saving')}
                      />
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section className="card">
        <Form method="post">
          <label>
            <input type="checkbox" name="confirm" required /> {t('webhooks.deleteConfirm')}
          </label>{' '}
          <SubmitButton
            name="intent"
            value="delete"
            label={t('webhooks.delete')}
            pendingLabel={t('common.saving')}
            className="danger"
          />
        </Form>
      </section>
    </>
  )
}
