// A text stored on a row (decision 025): the pt-BR sentence (older readers, exports of old rows) beside
// its code and JSON params, which the pages render in the reader's language.
import { ptText } from '../i18n'
import { type MessageCode, paramsJson, storedText, type Text, text } from '../i18n/text'

/** The `error`, `error_code` and `error_params` columns of a text (all null for none). */
export function errorColumns(t: Text | null): {
  error: string | null
  errorCode: string | null
  errorParams: string | null
} {
  return t
    ? { error: ptText(t), errorCode: t.code, errorParams: paramsJson(t) }
    : { error: null, errorCode: null, errorParams: null }
}

/** The `last_error`, `last_error_code` and `last_error_params` columns of a text. */
export function lastErrorColumns(t: Text): {
  lastError: string
  lastErrorCode: string
  lastErrorParams: string | null
} {
  return { lastError: ptText(t), lastErrorCode: t.code, lastErrorParams: paramsJson(t) }
}

/** The `paused_reason`, `paused_code` and `paused_params` columns of a text. */
export function pausedColumns(t: Text): {
  pausedReason: string
  pausedCode: string
  pausedParams: string | null
} {
  return { pausedReason: ptText(t), pausedCode: t.code, pausedParams: paramsJson(t) }
}

/** The text of a kind of failure, for a row stored before codes (what English shows for it). */
const KIND_TEXT: Record<string, MessageCode> = {
  suppressed: 'send.suppressed',
  duplicate: 'send.duplicate',
  cancelled: 'send.cancelled',
  recent_message: 'send.recent_message',
  same_text: 'send.same_text',
  first_contact_budget: 'send.first_contact_budget',
  not_on_whatsapp: 'send.not_on_whatsapp',
  invalid_number: 'waha.invalid_number',
  stuck: 'send.stuck',
  ack_error: 'send.ack_error',
  unconfirmed: 'send.reconcile.cannotTell',
}

/** Why an outbox row failed or waits: its text, or (rows from before codes) its sentence in pt-BR. */
export function failureText(row: {
  error: string | null
  errorCode: string | null
  errorParams: string | null
  errorKind: string | null
}): Text | null {
  const generic = text(KIND_TEXT[row.errorKind ?? ''] ?? 'send.failed')
  return storedText(row.errorCode, row.errorParams, row.error, generic)
}

/** Why a campaign or a session is paused (rows from before codes: their sentence in pt-BR). */
export function pausedText(row: {
  pausedReason: string | null
  pausedCode: string | null
  pausedParams: string | null
}): Text | null {
  return storedText(row.pausedCode, row.pausedParams, row.pausedReason, text('send.pausedGeneric'))
}

/** A session's or provider's last error (rows from before codes: their sentence in pt-BR). */
export function lastErrorText(row: {
  lastError: string | null
  lastErrorCode: string | null
  lastErrorParams: string | null
}): Text | null {
  return storedText(row.lastErrorCode, row.lastErrorParams, row.lastError, text('send.errorGeneric'))
}
