// The guard's notes in words (decision 022): each automatic action (and a person's "Retomar mesmo
// assim") is stored as JSON in the session's history and the campaign's history, and shown through
// these keys (app/i18n/messages/health.ts). Pure: the engine uses it for the pause reason (pt-BR),
// the pages to show the histories in the reader's language.
import type { Translate } from '../../i18n'
import type { HealthReason, HealthState } from '../guard/health'

/** How every pause reason the guard writes begins (pt-BR; the release lifts only these pauses). */
export const GUARD_PAUSE_PREFIX = 'Pausa automática pela saúde do número.'

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

/** The note in one sentence plus its main reason. */
export function guardNoteText(note: GuardNote, t: Translate, formatDate: (ms: number) => string): string {
  const vars = {
    session: note.session,
    state: t(`guard.state.${note.state}`),
    score: note.score,
    until: note.until ? formatDate(note.until) : '',
    cap: note.cap ?? 0,
    gap: note.gap ?? 1,
    divisor: note.divisor ?? 1,
    minGap: note.minGap ?? 0,
    by: note.by ?? '',
  }
  const key = note.action === 'slow' && note.minGap ? 'slowAtLeast' : note.action
  const head = t(`health.note.${key}`, vars)
  const main = note.reasons.find((r) => r.code !== 'hysteresis')
  return main && note.action !== 'release' && note.action !== 'none'
    ? `${head} ${t('health.note.because', { reason: reasonText(main, t) })}`
    : head
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
