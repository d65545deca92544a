// The WhatsApp session form: create (registers on WAHA and starts) or edit (settings only; the WAHA
// session name is fixed; an empty API key keeps the saved one). Plain posts without JS, conform
// validation with JS. The key is never echoed back: only its masked tail is shown.
import {
  type FieldMetadata,
  getCollectionProps,
  getFormProps,
  getInputProps,
  type SubmissionResult,
  useForm,
} from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { FieldErrors, FormError, TextField } from '~/components/form-field'
import { SendWindowTimes } from '~/components/send-window-fields'
import { SubmitButton } from '~/components/submit-button'
import {
  CreateSessionSchema,
  type SessionFormValues,
  sessionFormDefaults,
  UpdateSessionSchema,
} from '~/core/sessions/session-form'
import type { Translate } from '~/i18n'

const DAYS = ['0', '1', '2', '3', '4', '5', '6']

function Check({ field, label }: { field: FieldMetadata<boolean | undefined>; label: string }) {
  return (
    <div className="field">
      <label>
        <input {...getInputProps(field, { type: 'checkbox' })} /> {label}
      </label>
    </div>
  )
}

export function SessionForm(props: {
  mode: 'create' | 'edit'
  values?: SessionFormValues
  defaultServerUrl: string
  lastResult?: SubmissionResult<string[]>
  t: Translate
}) {
  const { mode, values, t } = props
  const schema = mode === 'create' ? CreateSessionSchema : UpdateSessionSchema
  const [form, fields] = useForm({
    id: `session-${mode}`,
    lastResult: props.lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    defaultValue: {
      intent: mode === 'create' ? 'create' : 'update',
      ...sessionFormDefaults(values, props.defaultServerUrl),
    },
  })
  const keyHint =
    mode === 'create'
      ? t('sessions.form.apiKeyHint')
      : values?.apiKeyTail
        ? t('sessions.form.apiKeyKeep', { tail: values.apiKeyTail })
        : t('sessions.form.apiKeyNone')
  return (
    <Form method="post" {...getFormProps(form)} className="session-form">
      <input type="hidden" name="intent" value={mode === 'create' ? 'create' : 'update'} />
      <FormError errors={form.errors} t={t} />
      <fieldset>
        <legend>{t('sessions.form.connection')}</legend>
        <TextField
          field={fields.displayName}
          label={t('sessions.form.displayName')}
          hint={t('sessions.form.displayNameHint')}
          t={t}
          autoComplete="off"
        />
        <TextField
          field={fields.serverUrl}
          label={t('sessions.form.serverUrl')}
          type="url"
          hint={t('sessions.form.serverUrlHint')}
          t={t}
          autoComplete="off"
        />
        <div className="field">
          <label htmlFor={fields.apiKey.id}>{t('sessions.form.apiKey')}</label>
          <input
            {...getInputProps(fields.apiKey, { type: 'password' })}
            defaultValue=""
            autoComplete="new-password"
            aria-describedby={`${fields.apiKey.id}-hint`}
          />
          <span className="hint" id={`${fields.apiKey.id}-hint`}>
            {keyHint}
          </span>
          <FieldErrors id={fields.apiKey.errorId} errors={fields.apiKey.errors} t={t} />
        </div>
        {mode === 'create' ? (
          <TextField
            field={fields.sessionName}
            label={t('sessions.form.sessionName')}
            hint={t('sessions.form.sessionNameHint')}
            t={t}
            autoComplete="off"
          />
        ) : (
          <p className="muted">{t('sessions.form.sessionNameFixed', { name: values?.sessionName ?? '' })}</p>
        )}
        <Check field={fields.isPrimary} label={t('sessions.form.isPrimary')} />
        <Check field={fields.failoverEnabled} label={t('sessions.form.failoverEnabled')} />
        <TextField
          field={fields.failoverPriority as FieldMetadata<string>}
          label={t('sessions.form.failoverPriority')}
          type="number"
          t={t}
        />
      </fieldset>
      <fieldset>
        <legend>{t('sessions.form.pacing')}</legend>
        <p className="hint muted">{t('sessions.form.delayHint')}</p>
        <TextField
          field={fields.minDelayS as FieldMetadata<string>}
          label={t('sessions.form.minDelayS')}
          type="number"
          t={t}
        />
        <TextField
          field={fields.maxDelayS as FieldMetadata<string>}
          label={t('sessions.form.maxDelayS')}
          type="number"
          t={t}
        />
        <TextField
          field={fields.maxPerMinute as FieldMetadata<string>}
          label={t('sessions.form.maxPerMinute')}
          type="number"
          t={t}
        />
        <TextField
          field={fields.dailyCap as FieldMetadata<string>}
          label={t('sessions.form.dailyCap')}
          type="number"
          t={t}
        />
      </fieldset>
      <fieldset>
        <legend>{t('sessions.form.window')}</legend>
        <fieldset className="field">
          <legend>{t('sessions.form.windowDays')}</legend>
          <div className="row-actions">
            {getCollectionProps(fields.windowDays, { type: 'checkbox', options: DAYS }).map((p) => (
              <label key={p.id}>
                <input {...p} key={p.key} /> {t(`sessions.day.${p.value}`)}
              </label>
            ))}
          </div>
          <FieldErrors id={fields.windowDays.errorId} errors={fields.windowDays.errors} t={t} />
        </fieldset>
        <SendWindowTimes
          start={fields.windowStart}
          end={fields.windowEnd}
          startLabel={t('sessions.form.windowStart')}
          endLabel={t('sessions.form.windowEnd')}
          t={t}
        />
      </fieldset>
      <ProtectionFields
        fields={fields}
        warmupSavedOff={mode === 'edit' && values?.warmupEnabled === false}
        t={t}
      />
      <fieldset>
        <legend>{t('sessions.form.mediaMode')}</legend>
        {getCollectionProps(fields.mediaMode, { type: 'radio', options: ['url', 'base64'] }).map((p) => (
          <div className="field" key={p.id}>
            <label>
              <input {...p} key={p.key} />{' '}
              {t(p.value === 'url' ? 'sessions.form.mediaUrl' : 'sessions.form.mediaBase64')}
            </label>
          </div>
        ))}
        <FieldErrors id={fields.mediaMode.errorId} errors={fields.mediaMode.errors} t={t} />
      </fieldset>
      {mode === 'create' ? (
        <SubmitButton label={t('sessions.form.create')} pendingLabel={t('sessions.form.creating')} />
      ) : (
        <SubmitButton label={t('common.save')} pendingLabel={t('common.saving')} />
      )}
    </Form>
  )
}

type ProtectionFieldSet = {
  warmupEnabled: FieldMetadata<boolean | undefined>
  warmupStartCap: FieldMetadata<number>
  warmupDays: FieldMetadata<number>
  packageMin: FieldMetadata<number>
  packageMax: FieldMetadata<number>
  restMinMin: FieldMetadata<number>
  restMaxMin: FieldMetadata<number>
  firstContactDailyBudget: FieldMetadata<number>
}

/** Warm-up, rest packages and the first-contact budget (decision 020). */
function ProtectionFields({
  fields,
  warmupSavedOff,
  t,
}: {
  fields: ProtectionFieldSet
  warmupSavedOff: boolean
  t: Translate
}) {
  const num = (field: FieldMetadata<number>, label: string, hint?: string) => (
    <TextField
      field={field as unknown as FieldMetadata<string>}
      label={label}
      type="number"
      hint={hint}
      t={t}
    />
  )
  return (
    <>
      <fieldset>
        <legend>{t('protection.form.warmup')}</legend>
        <p className="hint muted">{t('protection.form.warmupHint')}</p>
        <div className="field">
          <label>
            <input
              {...getInputProps(fields.warmupEnabled, { type: 'checkbox' })}
              aria-describedby="warmup-off-warning"
            />{' '}
            {t('protection.form.warmupEnabled')}
          </label>
          <p className={warmupSavedOff ? 'notice bad' : 'hint'} id="warmup-off-warning">
            {t(warmupSavedOff ? 'protection.form.warmupIsOff' : 'protection.form.warmupOffWarning')}
          </p>
          <FieldErrors id={fields.warmupEnabled.errorId} errors={fields.warmupEnabled.errors} t={t} />
        </div>
        {num(
          fields.warmupStartCap,
          t('protection.form.warmupStartCap'),
          t('protection.form.warmupStartCapHint'),
        )}
        {num(fields.warmupDays, t('protection.form.warmupDays'))}
      </fieldset>
      <fieldset>
        <legend>{t('protection.form.rest')}</legend>
        <p className="hint muted">{t('protection.form.restHint')}</p>
        {num(fields.packageMin, t('protection.form.packageMin'))}
        {num(fields.packageMax, t('protection.form.packageMax'))}
        {num(fields.restMinMin, t('protection.form.restMinMin'))}
        {num(fields.restMaxMin, t('protection.form.restMaxMin'))}
      </fieldset>
      <fieldset>
        <legend>{t('protection.form.firstContact')}</legend>
        {num(
          fields.firstContactDailyBudget,
          t('protection.form.firstContactDailyBudget'),
          t('protection.form.firstContactHint'),
        )}
      </fieldset>
    </>
  )
}
