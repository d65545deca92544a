// The send window's start and end times ("HH:MM", São Paulo time), shared by the campaign composer
// and the session form.
import { type FieldMetadata, getInputProps } from '@conform-to/react'
import type { Translate } from '~/i18n'
import { FieldErrors } from './form-field'

type TimeField = FieldMetadata<string | undefined>

export function SendWindowTimes(props: {
  start: TimeField
  end: TimeField
  startLabel: string
  endLabel: string
  t: Translate
}) {
  const { t } = props
  return (
    <div className="grid">
      {[
        { field: props.start, label: props.startLabel },
        { field: props.end, label: props.endLabel },
      ].map(({ field, label }) => (
        <div className="field" key={field.name}>
          <label htmlFor={field.id}>{label}</label>
          <input {...getInputProps(field, { type: 'time' })} />
          <FieldErrors id={field.errorId} errors={field.errors} t={t} />
        </div>
      ))}
    </div>
  )
}
