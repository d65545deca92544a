// The status of a WhatsApp session as a coloured badge (WAHA status names translated, and Disparo's
// NOT_FOUND for a session WAHA no longer knows).
import { NOT_FOUND_STATUS, SESSION_STATUSES } from '~/core/sessions/session-truth'
import type { Translate } from '~/i18n'

const KNOWN = new Set<string>(SESSION_STATUSES)

/** A session status in words ('Conectada' for WORKING); an unknown one reads "unknown", never the code. */
export function sessionStatusLabel(status: string, t: Translate): string {
  return t(KNOWN.has(status) ? `sessions.status.${status}` : 'sessions.status.unknown')
}

export function SessionStatusBadge({ status, t, testId }: { status: string; t: Translate; testId?: string }) {
  const tone = status === 'WORKING' ? 'ok' : status === 'FAILED' || status === NOT_FOUND_STATUS ? 'bad' : ''
  const label = sessionStatusLabel(status, t)
  return (
    <span className={`badge ${tone}`} data-testid={testId} data-status={status}>
      {label}
    </span>
  )
}
