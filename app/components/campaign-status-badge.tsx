// A campaign's status as a coloured badge (labels from the status module).
import { campaignStatusLabel, isCampaignStatus } from '~/core/campaigns/status'

const TONE: Record<string, string> = { running: 'ok', finished: 'ok', cancelled: 'bad', paused: 'bad' }

export function CampaignStatusBadge({ status, locale }: { status: string; locale: string }) {
  const label = isCampaignStatus(status) ? campaignStatusLabel(status, locale) : status
  return (
    <span className={`badge ${TONE[status] ?? ''}`} data-status={status}>
      {label}
    </span>
  )
}
