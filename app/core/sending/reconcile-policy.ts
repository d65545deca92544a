// Reconciling `unknown` sends (decision 021): WAHA answered 500, timed out, or the sender died mid-send,
// so we do not know whether WhatsApp got the message. After a safe wait we ask WAHA for the chat's
// recent messages from our number and judge: found (settle as sent), proven missing (resend once), or
// WAHA cannot tell (ask again later, a bounded number of times). This module is the pure part: the
// timings and the judgement of one chat listing.
import type { WahaChatMessage } from '../waha/types'

/** First look at WAHA this long after the unknown outcome: any request WAHA still had in hand is over. */
export const RECONCILE_SAFE_WAIT_MS = 2 * 60 * 1000
/** Looks at WAHA that could not tell before the row stays `unknown` for good. */
export const RECONCILE_MAX_CHECKS = 3
/** A cron run holds the rows it took this long (a run that dies gives them back). */
export const RECONCILE_LEASE_MS = 60 * 1000
/** Rows one cron run looks at (each costs one WAHA call, sometimes two). */
export const RECONCILE_PER_RUN = 20
/** Messages asked per chat; a full page cannot prove a message missing. */
export const RECONCILE_HISTORY_LIMIT = 50
/** Clock difference tolerated between us and WhatsApp's message timestamps. */
export const RECONCILE_CLOCK_SKEW_S = 60
/** Per-request timeout of the reconcile calls (cron, not the send path). */
export const RECONCILE_WAHA_TIMEOUT_MS = 10_000

/** When to ask again after `checks` looks that could not tell (2, 4, 8 … minutes). */
export function nextCheckAt(checks: number, now: number): number {
  return now + RECONCILE_SAFE_WAIT_MS * 2 ** Math.max(0, checks - 1)
}

/** What one chat listing says about one attempt. */
export type ChatVerdict =
  | { kind: 'found'; wahaMessageId: string; sentAt: number }
  | { kind: 'missing' }
  | { kind: 'cannot_tell'; why: string }

/** What we sent in one attempt. */
export type AttemptTrace = {
  /** WAHA's id when the attempt got one (rare for unknown rows). */
  wahaMessageId: string | null
  /** The rendered text, or the image caption. */
  text: string
  withMedia: boolean
  /** When the attempt started (ms). */
  sendingAt: number
}

/** The earliest instant (seconds) a message of this attempt can carry. */
export const attemptSinceSeconds = (sendingAt: number) =>
  Math.floor(sendingAt / 1000) - RECONCILE_CLOCK_SKEW_S

const same = (a: string | null, b: string) => (a ?? '').trim() === b.trim()

/**
 * Judges a listing of the chat (WAHA answered it, `limit` asked). Our id wins; else the earliest own
 * message with our exact text (and an image when we sent one) at or after the attempt, not already
 * owned by another outbox row (`taken`). Not there and the page was not full: proven missing.
 */
export function judgeChat(
  attempt: AttemptTrace,
  listing: readonly WahaChatMessage[],
  limit: number,
  taken: ReadonlySet<string>,
): ChatVerdict {
  const own = listing.filter((m) => m.fromMe)
  const byId = attempt.wahaMessageId ? own.find((m) => m.id === attempt.wahaMessageId) : undefined
  if (byId) return { kind: 'found', wahaMessageId: byId.id, sentAt: byId.timestamp * 1000 }
  const since = attemptSinceSeconds(attempt.sendingAt)
  const candidates = own
    .filter(
      (m) =>
        m.timestamp >= since &&
        same(m.body, attempt.text) &&
        (!attempt.withMedia || m.hasMedia) &&
        !taken.has(m.id),
    )
    .sort((a, b) => a.timestamp - b.timestamp)
  const first = candidates[0]
  if (first) return { kind: 'found', wahaMessageId: first.id, sentAt: first.timestamp * 1000 }
  if (listing.length >= limit)
    return { kind: 'cannot_tell', why: 'a conversa tem mensagens demais desde o envio para conferir' }
  return { kind: 'missing' }
}
