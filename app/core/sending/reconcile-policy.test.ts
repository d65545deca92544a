import { describe, expect, it } from 'vitest'
import type { WahaChatMessage } from '../waha/types'
import { judgeChat, nextCheckAt, RECONCILE_CLOCK_SKEW_S, RECONCILE_SAFE_WAIT_MS } from './reconcile-policy'

const T0 = 1_780_000_000_000
const S0 = T0 / 1000
const msg = (
  id: string,
  body: string,
  at = S0 + 1,
  extra: Partial<WahaChatMessage> = {},
): WahaChatMessage => ({
  id,
  timestamp: at,
  fromMe: true,
  body,
  hasMedia: false,
  ack: 1,
  ...extra,
})
const attempt = { wahaMessageId: null, text: 'Olá Ana, chegou a promoção!', withMedia: false, sendingAt: T0 }
const none = new Set<string>()

describe('judgeChat', () => {
  it('should find our message by its WAHA id first', () => {
    const listing = [msg('true_a', 'outro texto'), msg('true_b', attempt.text)]
    expect(judgeChat({ ...attempt, wahaMessageId: 'true_a' }, listing, 50, none)).toEqual({
      kind: 'found',
      wahaMessageId: 'true_a',
      sentAt: (S0 + 1) * 1000,
    })
  })

  it('should find it by the exact text (trimmed) after the attempt, the earliest one', () => {
    const listing = [msg('true_late', attempt.text, S0 + 30), msg('true_early', ` ${attempt.text}\n`, S0 + 2)]
    expect(judgeChat(attempt, listing, 50, none)).toMatchObject({
      kind: 'found',
      wahaMessageId: 'true_early',
    })
  })

  it('should tolerate WhatsApp’s clock a little behind ours, not an older message', () => {
    expect(
      judgeChat(attempt, [msg('true_x', attempt.text, S0 - RECONCILE_CLOCK_SKEW_S)], 50, none).kind,
    ).toBe('found')
    expect(
      judgeChat(attempt, [msg('true_x', attempt.text, S0 - RECONCILE_CLOCK_SKEW_S - 1)], 50, none),
    ).toEqual({ kind: 'missing' })
  })

  it('should not take a message another outbox row owns, nor a different text, nor someone else’s message', () => {
    const listing = [
      msg('true_owned', attempt.text),
      msg('true_other', 'Olá Ana, temos novidades!'),
      msg('false_in', attempt.text, S0 + 1, { fromMe: false }),
    ]
    expect(judgeChat(attempt, listing, 50, new Set(['true_owned']))).toEqual({ kind: 'missing' })
  })

  it('should want an image when we sent one', () => {
    const withMedia = { ...attempt, withMedia: true }
    expect(judgeChat(withMedia, [msg('true_t', attempt.text)], 50, none)).toEqual({ kind: 'missing' })
    expect(
      judgeChat(withMedia, [msg('true_i', attempt.text, S0 + 1, { hasMedia: true })], 50, none).kind,
    ).toBe('found')
  })

  it('should not call a full page proof of absence', () => {
    const listing = Array.from({ length: 3 }, (_, i) => msg(`true_${i}`, `outro ${i}`))
    expect(judgeChat(attempt, listing, 3, none).kind).toBe('cannot_tell')
    expect(judgeChat(attempt, listing, 4, none)).toEqual({ kind: 'missing' })
    expect(judgeChat(attempt, [], 50, none)).toEqual({ kind: 'missing' })
  })
})

describe('nextCheckAt', () => {
  it('should back off 2, 4, 8 minutes', () => {
    expect([1, 2, 3].map((n) => nextCheckAt(n, 0))).toEqual([1, 2, 4].map((k) => k * RECONCILE_SAFE_WAIT_MS))
  })
})
