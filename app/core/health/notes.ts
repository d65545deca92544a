// The guard's notes in words (decision 022): each automatic action (and a person's "Retomar mesmo
// assim") is stored as JSON in the session's history and the campaign's history, and shown through
// these keys (app/i18n/messages/health.ts). Pure: the engine stores it as the pause reason (a text:
// code + params, decision 025), the pages show the histories in the reader's language.
import type { Translate } from '../../i18n'
import { type Text, type TextParam, text } from '../../i18n/text'
import type { HealthReason, HealthState } from '../guard/health'

export type GuardNoteAction = 'slow' | 'pause' | 'ramp' | 'block' | 'none' | 'release'

/** One automatic action or release, as stored (session_events.detail, campaign_events.detail). */
export interface GuardNote {
  sessionId: string
  session: string
  action: GuardNoteAction
  state: HealthState
  score: number
  /** End of the cool-down (pause). */
  until?: number | null
  /** Messages allowed in the first hour (ramp). */
  cap?: number | null
  gap?: number
  divisor?: number
  /** The shortest gap while slowed (s), when the slow-down has a floor. */
  minGap?: number
  reasons: HealthReason[]
  /** Who released the number (release). */
  by?: string | null
}

/** A reason in words. */
export function reasonText(reason: HealthReason, t: Translate): string {
  return t(`guard.reason.${reason.code}`, reason.params)
}

/** The note in one sentence plus its main reason, as a text; `until` says the end of a cool-down. */
function guardNote(note: GuardNote, until: (ms: number) => TextParam): Text {
  const head: Text = {
    code: `health.note.${note.action === 'slow' && note.minGap ? 'slowAtLeast' : note.action}`,
    params: {
      session: note.session,
      state: { code: `guard.state.${note.state}` },
      score: note.score,
      until: note.until ? until(note.until) : '',
      cap: note.cap ?? 0,
      gap: note.gap ?? 1,
      divisor: note.divisor ?? 1,
      minGap: note.minGap ?? 0,
      by: note.by ?? '',
    },
  }
  const main = note.reasons.find((r) => r.code !== 'hysteresis')
  if (!main || note.action === 'release' || note.action === 'none') return head
  const reason: Text = { code: `guard.reason.${main.code}`, params: main.params }
  return text('health.note.withReason', { head, because: text('health.note.because', { reason }) })
}

/** The note in one sentence plus its main reason, in the reader's words. */
export function guardNoteText(note: GuardNote, t: Translate, formatDate: (ms: number) => string): string {
  return t(guardNote(note, formatDate))
}

/** The code of every pause reason the guard stores (the release lifts only these pauses). */
export const GUARD_PAUSE_CODE = 'health.pauseReason'

/** The pause reason the guard stores: the note, its cool-down's end a date in Brasília time. */
export function guardPauseText(note: GuardNote): Text {
  return text(GUARD_PAUSE_CODE, { note: guardNote(note, (at) => text('health.at', { at })) })
}

/** Parses a stored note; null when it is not one. */
export function parseGuardNote(detail: string | null): GuardNote | null {
  if (!detail) return null
  try {
    const v = JSON.parse(detail) as Partial<GuardNote>
    return typeof v.action === 'string' && typeof v.session === 'string' && Array.isArray(v.reasons)
      ? (v as GuardNote)
      : null
  } catch {
    return null
  }
}
