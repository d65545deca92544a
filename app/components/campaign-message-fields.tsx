// The composer's message part: alternative texts (add/remove through conform intents, which also
// work as plain submit buttons without JS), a live character count, the attachment and "✨ Usar IA".
import { type FieldMetadata, type FormMetadata, getSelectProps, getTextareaProps } from '@conform-to/react'
import { useState } from 'react'
import { TONES } from '~/core/ai/variants'
import { aiUseIntent, variantSlot } from '~/core/campaigns/ai-variant'
import { MAX_TEXTS } from '~/core/campaigns/composer-schema'
import { aiUseStepIntent } from '~/core/campaigns/steps-form'
import { WHATSAPP_CAPTION_LIMIT, WHATSAPP_TEXT_LIMIT } from '~/core/campaigns/template'
import type { Translate } from '~/i18n'
import type { Text } from '~/i18n/text'
import { CampaignMediaField, type ShownMedia } from './campaign-media-field'
import { CampaignPollFields, type PollFields } from './campaign-poll-fields'
import { FieldErrors } from './form-field'

type Fields = {
  texts: FieldMetadata<(string | undefined)[] | undefined>
  aiBrief: FieldMetadata<string | undefined>
  aiTone: FieldMetadata<string | undefined>
  aiProviderId: FieldMetadata<string | undefined>
  linkPreview: FieldMetadata<boolean | undefined>
} & PollFields

export function CampaignMessageFields(props: {
  // biome-ignore lint/suspicious/noExplicitAny: the composer's form metadata (schema type lives in the route)
  form: FormMetadata<any>
  fields: Fields
  media: ShownMedia | null
  imageUrl: string | null
  imageErrors?: string[]
  t: Translate
}) {
  const { form, fields, t, media } = props
  const texts = fields.texts.getFieldList()
  const limit = media ? WHATSAPP_CAPTION_LIMIT : WHATSAPP_TEXT_LIMIT
  return (
    <fieldset className="card">
      <legend>
        <h2 style={{ margin: 0 }}>{t('campaigns.compose.message')}</h2>
      </legend>
      <p className="hint muted" id="texts-hint">
        {t('campaigns.compose.textHint')}
      </p>
      <FieldErrors id={fields.texts.errorId} errors={fields.texts.errors} t={t} />
      {texts.map((item, index) => (
        <div className="field" key={item.key ?? `text-${index}`}>
          <label htmlFor={item.id}>{t('campaigns.compose.textN', { n: index + 1 })}</label>
          <CountedTextarea field={item} limit={limit} t={t} />
          <FieldErrors id={item.errorId} errors={item.errors} t={t} />
          {texts.length > 1 ? (
            <div>
              <button
                className="secondary"
                {...form.remove.getButtonProps({ name: fields.texts.name, index })}
              >
                {t('campaigns.compose.removeText')}
              </button>
            </div>
          ) : null}
        </div>
      ))}
      {texts.length < MAX_TEXTS ? (
        <p>
          <button
            className="secondary"
            {...form.insert.getButtonProps({ name: fields.texts.name, defaultValue: '' })}
          >
            {t('campaigns.compose.addText')}
          </button>
        </p>
      ) : null}

      <CampaignPollFields fields={fields} t={t} />

      <CampaignMediaField
        media={media}
        mediaUrl={props.imageUrl}
        errors={props.imageErrors}
        linkPreview={fields.linkPreview}
        t={t}
      />
    </fieldset>
  )
}

function CountedTextarea({
  field,
  limit,
  t,
}: {
  field: FieldMetadata<string | undefined>
  limit: number
  t: Translate
}) {
  const initial = typeof field.initialValue === 'string' ? field.initialValue : ''
  const [count, setCount] = useState(initial.length)
  const over = count > limit
  return (
    <>
      <textarea
        {...getTextareaProps(field, { ariaDescribedBy: `${field.id}-count texts-hint` })}
        rows={6}
        onInput={(e) => setCount(e.currentTarget.value.length)}
      />
      <span className={over ? 'error' : 'hint'} id={`${field.id}-count`} aria-live="polite">
        {t(over ? 'campaigns.compose.charsOver' : 'campaigns.compose.chars', { count, limit })}
      </span>
    </>
  )
}

/** "✨ Usar IA": brief, tone, provider; suggestions come back as texts to insert (intent buttons). */
export function CampaignAiFields(props: {
  // biome-ignore lint/suspicious/noExplicitAny: the composer's form metadata (schema type lives in the route)
  form: FormMetadata<any>
  fields: Fields
  providers: { id: string; name: string; model: string | null }[]
  variants: string[]
  error: Text | null
  t: Translate
  /** Follow-up steps in the form: a suggestion can go into each (decision 040). */
  stepCount?: number
}) {
  const { form, fields, t } = props
  if (props.providers.length === 0) {
    return (
      <details className="card">
        <summary>{t('campaigns.ai.title')}</summary>
        <p className="muted">{t('campaigns.ai.noProviders')}</p>
      </details>
    )
  }
  return (
    <details
      className="card"
      open={props.variants.length > 0 || props.error !== null || Boolean(fields.aiBrief.errors)}
    >
      <summary>
        <strong>{t('campaigns.ai.title')}</strong>
      </summary>
      <p className="muted">{t('campaigns.ai.intro')}</p>
      <div className="field">
        <label htmlFor={fields.aiBrief.id}>{t('campaigns.ai.brief')}</label>
        <textarea
          {...getTextareaProps(fields.aiBrief)}
          rows={3}
          placeholder={t('campaigns.ai.briefPlaceholder')}
        />
        <FieldErrors id={fields.aiBrief.errorId} errors={fields.aiBrief.errors} t={t} />
      </div>
      <div className="grid">
        <div className="field">
          <label htmlFor={fields.aiTone.id}>{t('campaigns.ai.tone')}</label>
          <select {...getSelectProps(fields.aiTone)}>
            {Object.keys(TONES).map((key) => (
              <option key={key} value={key}>
                {t(`campaigns.ai.tones.${key}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={fields.aiProviderId.id}>{t('campaigns.ai.provider')}</label>
          <select {...getSelectProps(fields.aiProviderId)}>
            {props.providers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
                {p.model ? ` (${p.model})` : ''}
              </option>
            ))}
          </select>
          <FieldErrors id={fields.aiProviderId.errorId} errors={fields.aiProviderId.errors} t={t} />
        </div>
      </div>
      <button type="submit" name="intent" value="ai" className="secondary">
        {t('campaigns.ai.generate')}
      </button>
      {props.error ? (
        <p className="form-error" role="alert" style={{ marginTop: '.8rem' }}>
          {t(props.error)}
        </p>
      ) : null}
      {props.variants.length > 0 ? (
        <div data-testid="ai-variants">
          <h3>{t('campaigns.ai.suggestions')}</h3>
          {props.variants.map((variant, i) => (
            <div key={variant} className="card">
              <input type="hidden" name={`aiVariants[${i}]`} value={variant} />
              <p style={{ whiteSpace: 'pre-wrap', marginTop: 0 }}>{variant}</p>
              <button
                type="submit"
                name="intent"
                value={aiUseIntent(i)}
                className="secondary"
                formNoValidate
                onClick={(event) => {
                  // With JS: place it at once in the first text that is empty now (as the server does).
                  const formEl = event.currentTarget.form
                  const texts = fields.texts.getFieldList()
                  const values = texts.map((item) => {
                    const el = formEl?.elements.namedItem(item.name)
                    return el instanceof HTMLTextAreaElement ? el.value : ''
                  })
                  const slot = variantSlot(values)
                  // No room: the server answers with the reason.
                  if (!slot) return
                  event.preventDefault()
                  const target = texts[slot.index]
                  if (!slot.append && target) form.update({ name: target.name, value: variant })
                  else form.insert({ name: fields.texts.name, defaultValue: variant })
                }}
              >
                {t('campaigns.ai.insert')}
              </button>
              {Array.from({ length: props.stepCount ?? 0 }, (_, step) => (
                <button
                  // biome-ignore lint/suspicious/noArrayIndexKey: steps are positional
                  key={step}
                  type="submit"
                  name="intent"
                  value={aiUseStepIntent(step, i)}
                  className="secondary"
                  formNoValidate
                >
                  {t('steps.compose.aiUse', { n: step + 1 })}
                </button>
              ))}
            </div>
          ))}
        </div>
      ) : null}
    </details>
  )
}
