// User-facing text by code (decision 025): what a core module says to a person is a message code of
// the catalogue (app/i18n/messages) and its parameters, never a sentence. The interface renders it in
// the reader's language; exports and stored `message` fields render it in pt-BR from the same
// catalogue. Codes and parameters are plain JSON, so a row can store them (e.g. error_code +
// error_params) and render them later in any language.
import type { AreaMessageKey } from './messages'
import type { MessageKey } from './pt-BR'

/** A message key of the catalogue: core modules name their texts by one (type-checked). */
export type MessageCode = MessageKey | AreaMessageKey

/** A parameter: a string or number as is, a nested text rendered in the same language, or a list of either. */
export type TextParam = string | number | Text | readonly (string | Text)[]

export type TextParams = { readonly [name: string]: TextParam }

export type Text = {
  /** A message key of the catalogue (pt-BR and en). */
  readonly code: string
  readonly params?: TextParams
  /**
   * A row stored before texts had codes: its pt-BR sentence, shown as is in pt-BR; other languages
   * show `code` (a generic text for what happened) instead.
   */
  readonly legacy?: string
}

/** A text: `code` with `params` (omitted when there are none, to keep stored JSON small). */
export function text(code: MessageCode, params?: TextParams): Text {
  return params && Object.keys(params).length > 0 ? { code, params } : { code }
}

/**
 * A text as one string, for what carries strings only (form errors, flash messages): its code, then
 * its params as JSON after a space. translate() reads it back; a plain key is its own text string.
 */
export function textString(t: Text): string {
  return t.params && Object.keys(t.params).length > 0 ? `${t.code} ${JSON.stringify(t.params)}` : t.code
}

/** The text a textString() wrote, or null for any other string. */
export function fromTextString(value: string): Text | null {
  const space = value.indexOf(' {')
  if (space <= 0 || !/^[\w.]+$/.test(value.slice(0, space))) return null
  const params = parseParams(value.slice(space + 1))
  return params ? { code: value.slice(0, space), params } : null
}

export function isText(value: unknown): value is Text {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { code?: unknown }).code === 'string'
  )
}

/** The JSON of a text's parameters for a `*_params` column (null when there are none). */
export function paramsJson(t: Text | null | undefined): string | null {
  return t?.params && Object.keys(t.params).length > 0 ? JSON.stringify(t.params) : null
}

/** Reads a `*_params` column back (null or malformed: no parameters). */
export function parseParams(json: string | null | undefined): TextParams | undefined {
  if (!json) return undefined
  try {
    const value: unknown = JSON.parse(json)
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as TextParams)
      : undefined
  } catch {
    return undefined
  }
}

/**
 * The text of a stored row: its code and parameters when it has them; a row from before codes shows
 * its stored pt-BR sentence in pt-BR and `generic` in other languages. The sentence column says
 * whether there is a text at all (clearing it is enough): null when it is null.
 */
export function storedText(
  code: string | null | undefined,
  params: string | TextParams | null | undefined,
  sentence: string | null | undefined,
  generic: Text,
): Text | null {
  if (sentence == null) return null
  if (code) {
    const values = typeof params === 'string' || params == null ? parseParams(params) : params
    return values ? { code, params: values } : { code }
  }
  return { ...generic, legacy: sentence }
}
