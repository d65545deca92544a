// WahaError: every WAHA client failure classified into one discriminated union (CONTRACT §1, §5, §9).
// The send engine's "never send twice" rule depends on `definite`, so the table is explicit.
//
// Flags:
//   definite  true  = we KNOW the call did not take effect (for sends: WhatsApp did not accept the
//                     message), so the same job may be sent again, here later or on another session.
//             false = it may have taken effect. For sends: mark the row `unknown`, reconcile from
//                     `message.any` or WAHA's chat listing; NEVER resend blindly (decision 021).
//   retryable true  = the failure belongs to the server/session/moment, not to the request itself, so
//                     repeating it later or on another session may succeed (only meaningful if definite).
//
// | outcome (send endpoints in the last column)                      | kind                | def | retry |
// |------------------------------------------------------------------|---------------------|-----|-------|
// | 2xx, any body (empty, non-JSON, truncated)                        | ok (messageId|null) |  -  |   -   |
// | 2xx with an HTML page (not WAHA: proxy/portal)                    | ambiguous           | no  |  no   |
// | URL refused by the outbound check                                 | invalid_config      | yes |  yes  |
// | DNS failure, connection refused/unreachable, TLS handshake        | network             | yes |  yes  |
// | Cloudflare 521/522/523/525/526 (origin never reached)             | network             | yes |  yes  |
// | 3xx (never followed)                                              | unexpected_response | yes |  yes  |
// | 400 / 413 / 422 other (validation, unsupported by engine)         | bad_request         | yes |  no   |
// | 401 / 403                                                         | auth                | yes |  yes  |
// | 404 (JSON)                                                        | not_found           | yes |  yes  |
// | 422 {status, expected[]} or "only in SCAN_QR_CODE status"         | session_not_working | yes |  yes  |
// | 422 "already exists"                                              | already_exists      | yes |  no   |
// | 429, or 500 "rate-overlimit" / exception.data 429                 | rate_limited        | yes |  yes  |
// | 463 / 475, or 500 whose exception says "error 463" / "error 475"  | reach_out_limit     | yes |  yes  |
// | 400/500 saying the number is not on WhatsApp / invalid wid        | invalid_number      | yes |  no   |
// | malformed chat id rejected locally before any request             | invalid_number      | yes |  no   |
// | other 4xx, or a non-JSON 4xx (e.g. an HTML 404 from a proxy)      | unexpected_response | yes |  yes  |
// | any other 5xx (incl. proxy 502/503/504 and Cloudflare 520/524)    | ambiguous           | no  |  no   |
// | timeout (before or after headers), reset/closed before headers    | ambiguous           | no  |  no   |
// | unknown network error (cannot tell if the request left)           | ambiguous           | no  |  no   |
// | caller aborted                                                    | ambiguous           | no  |  no   |
// A send whose 2xx headers arrived is accepted even if the body then fails: ok with messageId null
// (correlate through `message.any`). For non-send calls the same rules apply; there `ambiguous`
// simply means "outcome unknown, check the server state before repeating".

import { text as textOf } from '../../i18n/text'
import type { SafeFetchError } from '../net/safe-fetch'
import {
  ambiguousError,
  badRequestError,
  errorFlags,
  invalidNumberError,
  reachOutLimitError,
  SESSION_NOT_FOUND,
  said,
  sessionNotWorking,
  unexpectedResponseError,
} from './error-builders'

export {
  ambiguousError,
  badRequestError,
  invalidNumberError,
  reachOutLimitError,
  SESSION_NOT_FOUND,
  unexpectedResponseError,
} from './error-builders'

export type { WahaError, WahaOperation } from './error-types'

import type { WahaError, WahaOperation } from './error-types'

/** A WAHA client result: never thrown for expected failures. */
export type WahaResult<T> = { ok: true; value: T } | { ok: false; error: WahaError }

const CF_ORIGIN_UNREACHABLE = new Set([521, 522, 523, 525, 526])
const INVALID_NUMBER_PATTERN =
  /no lid for user|invalid wid|wid error|not (on|registered (on|in)|a) whatsapp|number (does not|doesn't) exist|not exists? on whatsapp|invalid (phone|number|jid)/i
const REACH_OUT_PATTERN = /\b(?:error|code|status)\s*:?\s*(463|475)\b|reach.?out/i

/** Maps a transport failure (from safeFetch) to a WahaError. */
export function fromSafeFetchError(error: SafeFetchError, op: WahaOperation): WahaError {
  switch (error.kind) {
    case 'blocked_url':
      return {
        kind: 'invalid_config',
        ...errorFlags(null, error.reason, true, true),
        text: error.text,
        message: error.message,
      }
    case 'connect_failed':
      return {
        kind: 'network',
        cause: 'connect_failed',
        ...errorFlags(null, error.code, true, true),
        ...said(textOf('waha.connect_failed')),
      }
    case 'timeout':
      return ambiguousError('timeout', op, null, `timeout ${error.timeoutMs} ms (${error.phase})`)
    case 'connection_lost':
      return ambiguousError('connection_lost', op, null, error.code)
    case 'aborted':
      return ambiguousError('aborted', op, null, null)
    case 'redirect':
      return unexpectedResponseError(
        error.status,
        null,
        error.location,
        error.location ? textOf('waha.redirect_to', { location: error.location }) : textOf('waha.redirect'),
      )
    case 'too_large':
      return unexpectedResponseError(null, null, `body over ${error.maxBytes} bytes`)
  }
}

const asRecord = (value: unknown): Record<string, unknown> | null =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null

/** Finds a numeric `timeEnforcementEnds` (seconds or ms) anywhere in a small JSON body. */
export function findLockEnd(value: unknown, depth = 0): Date | null {
  const record = asRecord(value)
  if (!record || depth > 4) return null
  const raw = record.timeEnforcementEnds
  if (typeof raw === 'number' && Number.isFinite(raw) && raw > 0) {
    return new Date(raw < 1e12 ? raw * 1000 : raw)
  }
  for (const child of Object.values(record)) {
    const found = findLockEnd(child, depth + 1)
    if (found) return found
  }
  return null
}

function messages(body: Record<string, unknown> | null): string[] {
  if (!body) return []
  const out: string[] = []
  const push = (v: unknown) => {
    if (typeof v === 'string' && v !== '') out.push(v)
    else if (Array.isArray(v)) for (const item of v) if (typeof item === 'string') out.push(item)
  }
  push(body.message)
  push(body.error)
  const exception = asRecord(body.exception)
  if (exception) {
    push(exception.message)
    push(exception.details)
  }
  return out
}

/** Classifies a non-2xx WAHA HTTP response (body already read as text). */
export function classifyHttpFailure(
  status: number,
  contentType: string | null,
  text: string,
  op: WahaOperation,
): WahaError {
  let json: unknown
  try {
    json = text.trim() === '' ? undefined : JSON.parse(text)
  } catch {
    json = undefined
  }
  const body = asRecord(json)
  const texts = messages(body)
  const joined = texts.join(' | ')
  const detail = joined !== '' ? joined.slice(0, 500) : text.slice(0, 200) || null
  const exception = asRecord(body?.exception)

  if (status === 401 || status === 403) {
    return {
      kind: 'auth',
      ...errorFlags(status, detail, true, true),
      ...said(status === 401 ? textOf('waha.auth_key') : textOf('waha.auth_forbidden')),
    }
  }
  if (status === 463 || status === 475) return reachOutLimitError(status, findLockEnd(body), status, detail)
  if (CF_ORIGIN_UNREACHABLE.has(status)) {
    return {
      kind: 'network',
      cause: 'origin_unreachable',
      ...errorFlags(status, detail, true, true),
      ...said(textOf('waha.origin_unreachable')),
    }
  }
  if (status >= 500) {
    if (!body) return ambiguousError('server_error', op, status, detail)
    const reach = REACH_OUT_PATTERN.exec(joined)
    if (reach)
      return reachOutLimitError(reach[1] ? Number(reach[1]) : null, findLockEnd(body), status, detail)
    if (/rate-overlimit/i.test(joined) || exception?.data === 429) {
      return {
        kind: 'rate_limited',
        ...errorFlags(status, detail, true, true),
        ...said(textOf('waha.rate_limited_whatsapp')),
      }
    }
    if (INVALID_NUMBER_PATTERN.test(joined)) return invalidNumberError(detail, status)
    return ambiguousError('server_error', op, status, detail)
  }
  if (status === 429) {
    return {
      kind: 'rate_limited',
      ...errorFlags(status, detail, true, true),
      ...said(textOf('waha.rate_limited_server')),
    }
  }
  // Proxies (nginx) answer 413 in HTML when a base64 image is over their body limit.
  if (status === 413) {
    return badRequestError([textOf('waha.problem.tooLarge')], status, detail)
  }
  if (!body) return unexpectedResponseError(status, contentType, detail)
  if (status === 404) {
    return {
      kind: 'not_found',
      ...errorFlags(status, detail, true, true),
      ...said(SESSION_NOT_FOUND),
    }
  }
  if (status === 422) {
    if (Array.isArray(body.expected)) {
      const expected = body.expected.filter((s): s is string => typeof s === 'string')
      return sessionNotWorking(typeof body.status === 'string' ? body.status : null, expected, detail)
    }
    const current = /only in (\w+) status\. The current status is (\w+)/i.exec(joined)
    if (current) return sessionNotWorking(current[2] ?? null, [current[1] ?? ''], detail)
    if (/already exists/i.test(joined)) {
      return {
        kind: 'already_exists',
        ...errorFlags(status, detail, true, false),
        ...said(textOf('waha.already_exists')),
      }
    }
  }
  if (status === 400 || status === 422) {
    if (INVALID_NUMBER_PATTERN.test(joined)) return invalidNumberError(detail, status)
    return badRequestError(
      texts.filter((t) => !/^(Bad Request|Unprocessable Entity)$/.test(t)),
      status,
      detail,
    )
  }
  return unexpectedResponseError(status, contentType, detail)
}
