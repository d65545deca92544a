// The composer's poll (decision 038): "Enviar como enquete" turns the message into a WhatsApp poll whose
// question is the text above (variables and variants work as in any text) and whose options are the
// fixed inputs below (blank ones are ignored), with one or several answers. Plain inputs: no JS needed.
import { type FieldMetadata, getInputProps } from '@conform-to/react'
import { POLL_MAX_OPTIONS, POLL_MIN_OPTIONS, POLL_OPTION_MAX } from '~/core/campaigns/poll'
import type { Translate } from '~/i18n'
import { FieldErrors } from './form-field'

export type PollFields = {
  pollOn: FieldMetadata<boolean | undefined>
  pollOptions: FieldMetadata<(string | undefined)[] | undefined>
  pollMultiple: FieldMetadata<boolean | undefined>
}

export function CampaignPollFields({ fields, t }: { fields: PollFields; t: Translate }) {
  const items = fields.pollOptions.getFieldList()
  const initial = (i: number) => {
    const value = items[i]?.initialValue
    return typeof value === 'string' ? value : ''
  }
  return (
    <fieldset className="poll-fields" data-testid="poll-fields">
      <legend>{t('polls.compose.title')}</legend>
      <label>
        <input
          {...getInputProps(fields.pollOn, { type: 'checkbox' })}
          aria-describedby="composer-poll-hint"
        />{' '}
        {t('polls.compose.on')}
      </label>
      <p className="hint" id="composer-poll-hint">
        {t('polls.compose.hint', { min: POLL_MIN_OPTIONS, max: POLL_MAX_OPTIONS })}
      </p>
      <FieldErrors id={fields.pollOptions.errorId} errors={fields.pollOptions.errors} t={t} />
      <ol className="poll-options">
        {Array.from({ length: POLL_MAX_OPTIONS }, (_, i) => {
          const id = `${fields.pollOptions.id}-${i}`
          const errors = items[i]?.errors
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: a fixed set of inputs, one per position
            <li key={i} className="field">
              <label htmlFor={id}>{t('polls.compose.option', { n: i + 1 })}</label>
              <input
                id={id}
                type="text"
                name={`${fields.pollOptions.name}[${i}]`}
                defaultValue={initial(i)}
                maxLength={POLL_OPTION_MAX * 2}
                aria-invalid={errors?.length ? true : undefined}
                aria-describedby={errors?.length ? `${id}-error` : undefined}
              />
              <FieldErrors id={`${id}-error`} errors={errors} t={t} />
            </li>
          )
        })}
      </ol>
      <label>
        <input {...getInputProps(fields.pollMultiple, { type: 'checkbox' })} /> {t('polls.compose.multiple')}
      </label>
    </fieldset>
  )
}
