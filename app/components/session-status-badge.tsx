// The status of a WhatsApp session as a coloured badge (WAHA status names translated).
import type { Translate } from '~/i18n'

const KNOWN = new Set([
  'STOPPED',
  'STARTING',
  'SCAN_QR_CODE',
  'PASSKEY_REQUIRED',
  'PASSKEY_CONFIRMATION_REQUIRED',
  'WORKING',
  'FAILED',
])

export function SessionStatusBadge({ status, t, testId }: { status: string; t: Translate; testId?: string }) {
  const tone = status === 'WORKING' ? 'ok' : status === 'FAILED' ? 'bad' : ''
  const label = KNOWN.has(status) ? t(`sessions.status.${status}`) : status
  return (
    <span className={`badge ${tone}`} data-testid={testId} data-status={status}>
      {label}
    </span>
  )
}
