// Constructors of WahaError values with their texts (code + params, decision 025) and pt-BR messages
// (the classification lives in errors.ts).
import { ptText } from '../../i18n'
import { type Text, type TextParam, text } from '../../i18n/text'
import type { WahaError, WahaOperation } from './error-types'

/** A text and its pt-BR message, spread into a WahaError. */
export const said = (t: Text) => ({ text: t, message: ptText(t) })

/** The common flag fields of a WahaError. */
export const errorFlags = (
  httpStatus: number | null,
  detail: string | null,
  definite: boolean,
  retryable: boolean,
) => ({
  httpStatus,
  detail,
  definite,
  retryable,
})

/** Builds the reach_out_limit error (also used when `me.reachoutTimelock` is active). */
export function reachOutLimitError(
  code: number | null,
  lockedUntil: Date | null,
  httpStatus: number | null,
  detail: string | null,
): WahaError {
  return {
    kind: 'reach_out_limit',
    code,
    lockedUntil,
    ...errorFlags(httpStatus, detail, true, true),
    ...said(
      lockedUntil
        ? text('waha.reach_out_limit_until', { until: lockedUntil.getTime() })
        : text('waha.reach_out_limit'),
    ),
  }
}

/** Builds an invalid_number error (also used for chat ids rejected locally). */
export function invalidNumberError(detail: string | null, httpStatus: number | null = null): WahaError {
  return {
    kind: 'invalid_number',
    ...errorFlags(httpStatus, detail, true, false),
    ...said(text('waha.invalid_number')),
  }
}

/** Builds a bad_request error from the server's problem list (its words, or our texts). */
export function badRequestError(
  problems: (string | Text)[],
  httpStatus: number | null,
  detail: string | null,
): WahaError {
  const shown: TextParam = problems.slice(0, 3)
  return {
    kind: 'bad_request',
    problems: problems.map((p) => (typeof p === 'string' ? p : ptText(p))),
    ...errorFlags(httpStatus, detail, true, false),
    ...said(
      problems.length > 0 ? text('waha.bad_request_problems', { problems: shown }) : text('waha.bad_request'),
    ),
  }
}

/** What an ambiguous send answer means for the message (a test send says it as is). */
export const AMBIGUOUS_SEND_THEN = ptText('waha.then.send')

/** Builds the `ambiguous` error; sends say clearly that nothing will be resent. */
export function ambiguousError(
  cause: Extract<WahaError, { kind: 'ambiguous' }>['cause'],
  op: WahaOperation,
  httpStatus: number | null,
  detail: string | null,
): WahaError {
  const why =
    cause === 'timeout'
      ? text('waha.why.timeout')
      : cause === 'server_error'
        ? httpStatus
          ? text('waha.why.server_error_status', { status: httpStatus })
          : text('waha.why.server_error')
        : cause === 'aborted'
          ? text('waha.why.aborted')
          : text('waha.why.unexpected_body')
  const next = op === 'send' ? text('waha.then.send') : text('waha.then.other')
  return {
    kind: 'ambiguous',
    cause,
    ...errorFlags(httpStatus, detail, false, false),
    ...said(text('waha.ambiguous', { why, next })),
  }
}

/** Builds an unexpected_response error (not WAHA, or a shape we cannot use). */
export function unexpectedResponseError(
  httpStatus: number | null,
  contentType: string | null,
  detail: string | null,
  said_?: Text,
): WahaError {
  return {
    kind: 'unexpected_response',
    contentType,
    ...errorFlags(httpStatus, detail, true, true),
    ...said(said_ ?? text('waha.unexpected_response')),
  }
}

/** The not_found text (a 404 from WAHA: the session is unknown there or not started). */
export const SESSION_NOT_FOUND = text('waha.session_not_found')

const STATUSES = new Set([
  'STOPPED',
  'STARTING',
  'SCAN_QR_CODE',
  'WORKING',
  'FAILED',
  'PASSKEY_REQUIRED',
  'PASSKEY_CONFIRMATION_REQUIRED',
])

/** A session status in words (a status WAHA added later is shown as it came). */
function statusWords(sessionStatus: string | null): TextParam {
  if (!sessionStatus) return text('waha.state.unknown')
  return STATUSES.has(sessionStatus) ? { code: `waha.state.${sessionStatus}` } : sessionStatus
}

/** Builds session_not_working, the session's status in words. */
export function sessionNotWorking(
  sessionStatus: string | null,
  expected: string[],
  detail: string | null,
): WahaError {
  const status = statusWords(sessionStatus)
  return {
    kind: 'session_not_working',
    sessionStatus,
    expected,
    ...errorFlags(422, detail, true, true),
    ...said(
      expected.includes('SCAN_QR_CODE')
        ? text('waha.qr_unavailable', { status })
        : text('waha.session_not_ready', { status }),
    ),
  }
}
