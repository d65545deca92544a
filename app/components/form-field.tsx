// A labelled input with its field errors (translated), wired for conform and for no-JS re-renders.
import { type FieldMetadata, getInputProps } from '@conform-to/react'
import type { Translate } from '~/i18n'

export function FieldErrors({ id, errors, t }: { id: string; errors?: string[]; t: Translate }) {
  if (!errors || errors.length === 0) return null
  return (
    <div id={id}>
      {errors.map((e) => (
        <p className="error" key={e}>
          {t(e)}
        </p>
      ))}
    </div>
  )
}

export function TextField(props: {
  field: FieldMetadata<string>
  label: string
  type?: 'text' | 'email' | 'password' | 'url' | 'number'
  hint?: string
  autoComplete?: string
  t: Translate
}) {
  const { field, t } = props
  return (
    <div className="field">
      <label htmlFor={field.id}>{props.label}</label>
      <input {...getInputProps(field, { type: props.type ?? 'text' })} autoComplete={props.autoComplete} />
      {props.hint ? (
        <span className="hint" id={`${field.id}-hint`}>
          {props.hint}
        </span>
      ) : null}
      <FieldErrors id={field.errorId} errors={field.errors} t={t} />
    </div>
  )
}

export function FormError({ errors, t }: { errors?: string[]; t: Translate }) {
  if (!errors || errors.length === 0) return null
  return (
    <div className="form-error" role="alert">
      {errors.map((e) => (
        <p key={e} style={{ margin: 0 }}>
          {t(e)}
        </p>
      ))}
    </div>
  )
}
