// The status of a WhatsApp session as a coloured badge (WAHA status names translated).
import { WAHA_SESSION_STATUSES } from '~/core/waha/types'
import type { Translate } from '~/i18n'

const KNOWN = new Set<string>(WAHA_SESSION_STATUSES)

export function SessionStatusBadge({ status, t, testId }: { status: string; t: Translate; testId?: string }) {
  const tone = status === 'WORKING' ? 'ok' : status === 'FAILED' ? 'bad' : ''
  const label = KNOWN.has(status) ? t(`sessions.status.${status}`) : status
  return (
    <span className={`badge ${tone}`} data-testid={testId} data-status={status}>
      {label}
    </span>
  )
}
