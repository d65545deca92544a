// What a send attempt's result means for the outbox row and for the session (docs/design.md §3 "Outcomes").
// The WAHA client already classified the failure (app/core/waha/errors.ts). Here: definite failures
// that belong to the session go to the next session; a number that cannot receive ends `failed`;
// ambiguous outcomes become `unknown`: never resent blindly, they are looked up in WAHA's chat later.
import { ptText } from '../../i18n'
import { type Text, text } from '../../i18n/text'
import type { WahaError } from '../waha/errors'

export type SessionVerdict =
  | { pause: false; countsAsFailure: boolean }
  | { pause: true; reason: Text; untilMs: number; countsAsFailure: boolean }

/** A failure's reason: `text` (stored as error_code + error_params) and its pt-BR `error`. */
type Failure = { error: string; text: Text; errorKind: string }

export type SendDecision =
  | { kind: 'sent'; messageId: string | null }
  | ({ kind: 'failed' } & Failure)
  | ({ kind: 'unknown' } & Failure)
  | ({ kind: 'retry_elsewhere'; session: SessionVerdict } & Failure)

/** Consecutive definite failures after which a session is paused and its backlog fails over. */
export const MAX_CONSECUTIVE_FAILURES = 3
/** How long a session rests after repeated network failures or a rate limit. */
const SHORT_PAUSE_MS = 10 * 60 * 1000
/** A pause that needs a person (wrong key, session gone): effectively until someone resumes it. */
export const INDEFINITE_PAUSE_MS = 365 * 24 * 60 * 60 * 1000

/** What an ambiguous answer means for a campaign row: it is looked up in WAHA's chat (decision 021). */
export const UNKNOWN_SEND_THEN = ptText('waha.then.unknown')

/** Decides what a WAHA error means for the row and the session. */
export function decideOnError(error: WahaError, now: number): SendDecision {
  const base = { error: error.message, text: error.text, errorKind: error.kind }
  switch (error.kind) {
    case 'ambiguous': {
      // the same why, then what Disparo does about it: look at the chat before any resend
      const unknown = text('waha.ambiguous', { ...error.text.params, next: text('waha.then.unknown') })
      return { kind: 'unknown', error: ptText(unknown), text: unknown, errorKind: error.kind }
    }
    case 'invalid_number':
    case 'bad_request':
    case 'already_exists':
      return { kind: 'failed', ...base }
    case 'reach_out_limit': {
      const until = error.lockedUntil ? error.lockedUntil.getTime() : now + 24 * 60 * 60 * 1000
      return {
        kind: 'retry_elsewhere',
        ...base,
        session: {
          pause: true,
          reason: error.text,
          untilMs: Math.max(until, now + 60_000),
          countsAsFailure: false,
        },
      }
    }
    case 'rate_limited':
    case 'session_not_working':
      return {
        kind: 'retry_elsewhere',
        ...base,
        session: {
          pause: true,
          reason: error.text,
          untilMs: now + SHORT_PAUSE_MS,
          countsAsFailure: false,
        },
      }
    case 'auth':
    case 'not_found':
    case 'invalid_config':
      return {
        kind: 'retry_elsewhere',
        ...base,
        session: {
          pause: true,
          reason: error.text,
          untilMs: now + INDEFINITE_PAUSE_MS,
          countsAsFailure: false,
        },
      }
    case 'network':
    case 'unexpected_response':
      return { kind: 'retry_elsewhere', ...base, session: { pause: false, countsAsFailure: true } }
  }
}

/** After `failures` consecutive definite failures, the session pauses for a while. */
export function pauseAfterFailures(failures: number, lastError: Text, now: number): SessionVerdict {
  if (failures >= MAX_CONSECUTIVE_FAILURES) {
    return {
      pause: true,
      reason: text('send.failuresInRow', { count: failures, reason: lastError }),
      untilMs: now + SHORT_PAUSE_MS,
      countsAsFailure: true,
    }
  }
  return { pause: false, countsAsFailure: true }
}

/** Typing time proportional to the text (as a person would), bounded to 1–8 seconds. */
export function typingDurationMs(text: string): number {
  return Math.min(8_000, Math.max(1_000, text.length * 40))
}
