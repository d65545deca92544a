import { describe, expect, it } from 'vitest'
import { ptText, translate } from '../../i18n'
import { text } from '../../i18n/text'
import { AMBIGUOUS_SEND_THEN, ambiguousError } from '../waha/error-builders'
import type { WahaError } from '../waha/errors'
import {
  decideOnError,
  MAX_CONSECUTIVE_FAILURES,
  pauseAfterFailures,
  typingDurationMs,
  UNKNOWN_SEND_THEN,
} from './outcome'

const NOW = 1_700_000_000_000

function err(kind: WahaError['kind'], extra: Record<string, unknown> = {}): WahaError {
  return {
    kind,
    text: text('waha.unexpected_response'),
    message: `erro ${kind}`,
    definite: kind !== 'ambiguous',
    retryable: true,
    httpStatus: null,
    detail: null,
    ...extra,
  } as WahaError
}

describe('decideOnError', () => {
  it('should never resend an ambiguous outcome: the row becomes unknown', () => {
    expect(decideOnError(err('ambiguous', { cause: 'timeout' }), NOW)).toMatchObject({ kind: 'unknown' })
  })

  it('should tell the person an unknown send is checked in the chat before any resend', () => {
    const error = ambiguousError('server_error', 'send', 502, null)
    expect(error.message).toContain(AMBIGUOUS_SEND_THEN)
    const d = decideOnError(error, NOW)
    expect(d).toMatchObject({ kind: 'unknown', errorKind: 'ambiguous' })
    expect(d.kind === 'unknown' && d.error).toBe(
      `O servidor WAHA teve um erro interno (HTTP 502). ${UNKNOWN_SEND_THEN}`,
    )
    expect(translate('en', d.kind === 'unknown' ? d.text : '')).toBe(
      'The WAHA server had an internal error (HTTP 502). The message may have been sent; Disparo checks the WhatsApp chat in a few minutes and resends it only if it did not arrive.',
    )
  })

  it.each(['invalid_number', 'bad_request'] as const)('should fail the row for %s', (kind) => {
    expect(decideOnError(err(kind, kind === 'bad_request' ? { problems: [] } : {}), NOW)).toMatchObject({
      kind: 'failed',
      errorKind: kind,
    })
  })

  it('should pause the session until the reach-out lock ends and send elsewhere', () => {
    const until = new Date(NOW + 3 * 3600_000)
    const d = decideOnError(err('reach_out_limit', { code: 463, lockedUntil: until }), NOW)
    expect(d).toMatchObject({ kind: 'retry_elsewhere', session: { pause: true, untilMs: until.getTime() } })
  })

  it('should pause a day on a reach-out limit without an end time', () => {
    const d = decideOnError(err('reach_out_limit', { code: 475, lockedUntil: null }), NOW)
    expect(d).toMatchObject({
      kind: 'retry_elsewhere',
      session: { pause: true, untilMs: NOW + 24 * 3600_000 },
    })
  })

  it.each(['session_not_working', 'rate_limited', 'auth', 'not_found', 'invalid_config'] as const)(
    'should send elsewhere and pause the session on %s',
    (kind) => {
      const d = decideOnError(err(kind, { sessionStatus: 'FAILED', expected: ['WORKING'] }), NOW)
      expect(d.kind).toBe('retry_elsewhere')
      if (d.kind === 'retry_elsewhere') expect(d.session.pause).toBe(true)
    },
  )

  it.each(['network', 'unexpected_response'] as const)(
    'should count %s as a failure without pausing at once',
    (kind) => {
      expect(decideOnError(err(kind, { cause: 'connect_failed', contentType: null }), NOW)).toMatchObject({
        kind: 'retry_elsewhere',
        session: { pause: false, countsAsFailure: true },
      })
    },
  )
})

describe('pauseAfterFailures', () => {
  it('should pause only once the consecutive failures reach the limit', () => {
    const refused = text('waha.auth_key')
    expect(pauseAfterFailures(MAX_CONSECUTIVE_FAILURES - 1, refused, NOW).pause).toBe(false)
    const verdict = pauseAfterFailures(MAX_CONSECUTIVE_FAILURES, refused, NOW)
    expect(verdict).toMatchObject({ pause: true })
    expect(verdict.pause && ptText(verdict.reason)).toBe(`3 falhas seguidas: ${ptText(refused)}`)
  })
})

describe('typingDurationMs', () => {
  it('should be proportional to the text and bounded', () => {
    expect(typingDurationMs('oi')).toBe(1000)
    expect(typingDurationMs('a'.repeat(100))).toBe(4000)
    expect(typingDurationMs('a'.repeat(10_000))).toBe(8000)
  })
})
