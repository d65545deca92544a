// What a send attempt's result means for the outbox row and for the session (docs/design.md §3 "Outcomes").
// The WAHA client already classified the failure (app/core/waha/errors.ts). Here: definite failures
// that belong to the session go to the next session; a number that cannot receive ends `failed`;
// ambiguous outcomes become `unknown`: never resent blindly, they are looked up in WAHA's chat later.
import { AMBIGUOUS_SEND_THEN } from '../waha/error-builders'
import type { WahaError } from '../waha/errors'

export type SessionVerdict =
  | { pause: false; countsAsFailure: boolean }
  | { pause: true; reason: string; untilMs: number; countsAsFailure: boolean }

export type SendDecision =
  | { kind: 'sent'; messageId: string | null }
  | { kind: 'failed'; error: string; errorKind: string }
  | { kind: 'unknown'; error: string; errorKind: string }
  | { kind: 'retry_elsewhere'; error: string; errorKind: string; session: SessionVerdict }

/** Consecutive definite failures after which a session is paused and its backlog fails over. */
export const MAX_CONSECUTIVE_FAILURES = 3
/** How long a session rests after repeated network failures or a rate limit. */
const SHORT_PAUSE_MS = 10 * 60 * 1000
/** A pause that needs a person (wrong key, session gone): effectively until someone resumes it. */
export const INDEFINITE_PAUSE_MS = 365 * 24 * 60 * 60 * 1000

/** What an ambiguous answer means for a campaign row: it is looked up in WAHA's chat (decision 021). */
export const UNKNOWN_SEND_THEN =
  'A mensagem pode ter sido enviada; o Disparo confere a conversa no WhatsApp em alguns minutos e só a reenvia se ela não tiver chegado.'

/** Decides what a WAHA error means for the row and the session. */
export function decideOnError(error: WahaError, now: number): SendDecision {
  const base = { error: error.message, errorKind: error.kind }
  switch (error.kind) {
    case 'ambiguous':
      return {
        kind: 'unknown',
        error: error.message.replace(AMBIGUOUS_SEND_THEN, UNKNOWN_SEND_THEN),
        errorKind: error.kind,
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
          reason: error.message,
          untilMs: Math.max(until, now + 60_000),
          countsAsFailure: false,
        },
      }
    }
    case 'rate_limited':
      return {
        kind: 'retry_elsewhere',
        ...base,
        session: {
          pause: true,
          reason: error.message,
          untilMs: now + SHORT_PAUSE_MS,
          countsAsFailure: false,
        },
      }
    case 'session_not_working':
      return {
        kind: 'retry_elsewhere',
        ...base,
        session: {
          pause: true,
          reason: error.message,
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
          reason: error.message,
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
export function pauseAfterFailures(failures: number, lastError: string, now: number): SessionVerdict {
  if (failures >= MAX_CONSECUTIVE_FAILURES) {
    return {
      pause: true,
      reason: `${failures} falhas seguidas: ${lastError}`,
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
