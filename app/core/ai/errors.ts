// AiError: AI provider failures classified for the user: a text that says what to fix (`ai.error.*`,
// decision 025) and its pt-BR message.
// HTTP: 401/403 invalid_key; 402, or 429 with insufficient_quota/credit/balance, no_credit; other 429
// rate_limited; 404 model_not_found (or 400/404/422 saying the model does not exist) model_missing;
// other 404 bad_response (wrong base URL); 5xx and odd bodies bad_response. Transport: refused/DNS/
// reset network, timer timeout, blocked URL or incomplete config invalid_config.

import { ptText } from '../../i18n'
import { type Text, text } from '../../i18n/text'
import type { SafeFetchError } from '../net/safe-fetch'

/** The `kind` values of AiError. */
export type AiErrorKind =
  | 'invalid_key'
  | 'no_credit'
  | 'rate_limited'
  | 'model_missing'
  | 'network'
  | 'timeout'
  | 'bad_response'
  | 'invalid_config'

/** A classified AI provider failure. */
export interface AiError {
  kind: AiErrorKind
  /** What to tell the user, by code. */
  text: Text
  /** `text` in pt-BR (logs, the stored last error). */
  message: string
  httpStatus: number | null
  /** Provider text for logs. */
  detail: string | null
}

/** An AI client result. */
export type AiResult<T> = { ok: true; value: T } | { ok: false; error: AiError }

/** Builds an AiError with the standard text of its kind (or a specific one). */
export function aiError(
  kind: AiErrorKind,
  httpStatus: number | null = null,
  detail: string | null = null,
  said: Text = text(`ai.error.${kind}`),
): AiError {
  return { kind, text: said, message: ptText(said), httpStatus, detail }
}

/** Maps a safeFetch failure to an AiError. */
export function fromSafeFetch(error: SafeFetchError): AiError {
  switch (error.kind) {
    case 'blocked_url':
      return aiError('invalid_config', null, error.reason, error.text)
    case 'connect_failed':
      return aiError('network', null, error.code)
    case 'connection_lost':
      return aiError('network', null, error.code)
    case 'aborted':
      return aiError('network', null, 'aborted', text('ai.error.aborted'))
    case 'timeout':
      return aiError('timeout', null, `${error.timeoutMs} ms`)
    case 'too_large':
      return aiError('bad_response', null, error.message)
    case 'redirect':
      return aiError(
        'bad_response',
        error.status,
        error.location,
        error.location
          ? text('ai.error.redirectTo', { location: error.location })
          : text('ai.error.redirect'),
      )
  }
}

interface ProviderErrorInfo {
  text: string
  code: string
}

/** Pulls message and code out of the usual OpenAI-style error bodies. */
export function providerErrorInfo(body: unknown): ProviderErrorInfo {
  const record = body && typeof body === 'object' ? (body as Record<string, unknown>) : {}
  const inner = record.error
  const err = inner && typeof inner === 'object' ? (inner as Record<string, unknown>) : {}
  const pick = (...values: unknown[]) =>
    values.find((v) => typeof v === 'string' && v !== '') as string | undefined
  return {
    text:
      pick(err.message, typeof inner === 'string' ? inner : undefined, record.message, record.detail) ?? '',
    code: String(
      pick(err.code, err.type, record.code, record.type) ?? (typeof err.code === 'number' ? err.code : ''),
    ),
  }
}

const MODEL_MISSING = /model/i
const DOES_NOT_EXIST =
  /not.?found|does not exist|doesn't exist|not exist|invalid model|unknown model|no such|not available|unavailable/i
const NO_CREDIT = /insufficient.?(quota|balance|credits?)|quota|credit|balance|billing|payment/i

/** Classifies a non-2xx provider response from its status and body text. */
export function classifyAiHttp(status: number, body: string): AiError {
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    json = null
  }
  const { text: msg, code } = providerErrorInfo(json)
  const detail = `${code} ${msg}`.trim().slice(0, 300) || body.slice(0, 200) || null
  const both = `${code} ${msg}`
  if (status === 401 || status === 403) return aiError('invalid_key', status, detail)
  if (status === 402) return aiError('no_credit', status, detail)
  if (status === 429) return aiError(NO_CREDIT.test(both) ? 'no_credit' : 'rate_limited', status, detail)
  if (
    /model_not_found/i.test(code) ||
    ([400, 404, 422].includes(status) && MODEL_MISSING.test(msg) && DOES_NOT_EXIST.test(msg))
  ) {
    return aiError('model_missing', status, detail)
  }
  if (status === 404) return aiError('bad_response', status, detail, text('ai.error.addressNotFound'))
  if (status >= 500) return aiError('bad_response', status, detail, text('ai.error.unstable'))
  return aiError('bad_response', status, detail)
}
