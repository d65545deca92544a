// The form of one AI provider (new or saved): name, base URL, API key (never echoed back; empty keeps
// the stored one), model (a select after "Carregar modelos"), and the Salvar / Carregar modelos /
// Testar conexão buttons, which all save first. Plain posts without JS; conform validation with JS.
import {
  getFormProps,
  getInputProps,
  getSelectProps,
  type SubmissionResult,
  useForm,
} from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { FieldErrors, FormError, TextField } from '~/components/form-field'
import { SubmitButton } from '~/components/submit-button'
import { type AiPlatform, PLATFORMS } from '~/core/ai/platforms'
import { providerFormKey, providerFormSchema } from '~/core/ai/provider-form'
import type { Translate } from '~/i18n'
import type { Text } from '~/i18n/text'

/** What the page's action returns for one card. */
export type AiActionData = {
  formKey: string
  result?: SubmissionResult<string[]>
  /** "Carregar modelos": the list, or why it failed; `chosen` is the model just saved for the provider. */
  models?: { list: string[]; error: Text | null; chosen: string | null }
}

/** The fields of a saved provider the form needs (never the key). */
export type AiProviderFormValues = {
  id: string
  name: string
  baseUrl: string
  model: string | null
  keyMask: string | null
}

export function AiProviderForm(props: {
  platform: AiPlatform
  provider?: AiProviderFormValues
  actionData?: AiActionData
  allowPrivate: boolean
  t: Translate
}) {
  const { platform, provider, t } = props
  const info = PLATFORMS[platform]
  const formKey = providerFormKey(provider?.id, platform)
  const mine = props.actionData?.formKey === formKey ? props.actionData : undefined
  const [form, fields] = useForm({
    id: `ai-${formKey}`,
    lastResult: mine?.result,
    // The browser checks the shape only; the server applies the deployment's private-address rule.
    onValidate: ({ formData }) =>
      parseWithZod(formData, { schema: providerFormSchema({ allowPrivate: true }) }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    defaultValue: {
      platform,
      id: provider?.id ?? '',
      name: provider?.name ?? (platform === 'openai-compatible' ? '' : info.displayName),
      baseUrl: provider?.baseUrl ?? info.defaultBaseUrl,
      model: provider?.model ?? '',
    },
  })
  const models = mine?.models
  const current = provider?.model ?? ''
  const options =
    models && models.list.length > 0 ? [...new Set([...(current ? [current] : []), ...models.list])] : null
  return (
    <Form method="post" {...getFormProps(form)} className="ai-provider-form">
      <input type="hidden" name="platform" value={platform} />
      {provider ? <input type="hidden" name="id" value={provider.id} /> : null}
      <FormError errors={form.errors} t={t} />
      <TextField
        field={fields.name}
        label={t('ai.name')}
        hint={platform === 'openai-compatible' ? t('ai.nameHintCustom') : t('ai.nameHint')}
        t={t}
        autoComplete="off"
      />
      <TextField
        field={fields.baseUrl}
        label={t('ai.baseUrl')}
        type="url"
        hint={
          platform === 'openai-compatible'
            ? t('ai.baseUrlHintCustom')
            : props.allowPrivate
              ? t('ai.baseUrlHint')
              : t('ai.baseUrlHintPublic')
        }
        t={t}
        autoComplete="off"
      />
      {platform === 'ollama' ? null : (
        <div className="field">
          <label htmlFor={fields.apiKey.id}>
            {t('ai.apiKey')} {info.keyRequired ? null : <span className="muted">({t('ai.optional')})</span>}
          </label>
          <input
            {...getInputProps(fields.apiKey, { type: 'password' })}
            autoComplete="off"
            spellCheck={false}
            placeholder={provider?.keyMask ?? ''}
          />
          <span className="hint" id={`${fields.apiKey.id}-hint`}>
            {provider?.keyMask ? t('ai.apiKeyKeep', { mask: provider.keyMask }) : t('ai.apiKeyHint')}
          </span>
          <FieldErrors id={fields.apiKey.errorId} errors={fields.apiKey.errors} t={t} />
        </div>
      )}
      <div className="field">
        <label htmlFor={fields.model.id}>{t('ai.model')}</label>
        {options ? (
          <select {...getSelectProps(fields.model)} defaultValue={current || options[0]}>
            {options.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        ) : (
          <input
            {...getInputProps(fields.model, { type: 'text' })}
            autoComplete="off"
            spellCheck={false}
            placeholder={info.defaultModel}
          />
        )}
        <span className="hint">
          {options ? t('ai.modelsLoaded', { count: models?.list.length ?? 0 }) : t('ai.modelHint')}
        </span>
        {models?.chosen && models.chosen === current ? (
          <span className="hint" data-testid="ai-model-chosen">
            {t('ai.modelChosen', { model: models.chosen })}
          </span>
        ) : null}
        {models?.error ? (
          <p className="error" role="alert">
            {t(models.error)}
          </p>
        ) : null}
        {models && !models.error && models.list.length === 0 ? (
          <p className="error">{t('ai.modelsEmpty')}</p>
        ) : null}
        <FieldErrors id={fields.model.errorId} errors={fields.model.errors} t={t} />
      </div>
      <div className="row-actions">
        <SubmitButton name="intent" value="save" label={t('ai.save')} pendingLabel={t('common.saving')} />
        <SubmitButton
          name="intent"
          value="models"
          label={t('ai.loadModels')}
          pendingLabel={t('ai.loadingModels')}
          className="secondary"
        />
        <SubmitButton
          name="intent"
          value="test"
          label={t('ai.test')}
          pendingLabel={t('ai.testing')}
          className="secondary"
        />
      </div>
    </Form>
  )
}
