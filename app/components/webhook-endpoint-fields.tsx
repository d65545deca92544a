// The fields of a webhook endpoint (Integrações → Webhooks): URL, description and the events ticked.
import type { FieldMetadata } from '@conform-to/react'
import { FieldErrors, TextField } from '~/components/form-field'
import { WEBHOOK_EVENT_TYPES } from '~/core/webhooks/event-types'
import type { Translate } from '~/i18n'

export function WebhookEndpointFields({
  fields,
  checked,
  t,
}: {
  fields: {
    url: FieldMetadata<string>
    description: FieldMetadata<string>
    eventTypes: FieldMetadata<string[]>
  }
  checked: readonly string[]
  t: Translate
}) {
  return (
    <>
      <TextField field={fields.url} type="url" label={t('webhooks.url')} hint={t('webhooks.urlHint')} t={t} />
      <TextField field={fields.description} label={t('webhooks.description')} t={t} />
      <fieldset className="field">
        <legend>{t('webhooks.events')}</legend>
        {WEBHOOK_EVENT_TYPES.map((type) => (
          <label key={type} style={{ display: 'block' }}>
            <input
              type="checkbox"
              name={fields.eventTypes.name}
              value={type}
              defaultChecked={checked.includes(type)}
            />{' '}
            {t(`webhooks.event.${type}`)} <code>{type}</code>
          </label>
        ))}
        <FieldErrors id={fields.eventTypes.errorId} errors={fields.eventTypes.errors} t={t} />
      </fieldset>
    </>
  )
}

/** A just-made signing secret, shown once (in the answer to the POST only). */
export function NewSecret({ title, secret, t }: { title: string; secret: string; t: Translate }) {
  return (
    <section className="card" role="status" data-testid="new-secret">
      <p>
        <strong>{title}</strong>
      </p>
      <label htmlFor="new-secret">{t('webhooks.secretLabel')}</label>
      <input id="new-secret" readOnly value={secret} autoComplete="off" spellCheck={false} />
    </section>
  )
}
