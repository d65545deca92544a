// The report's aggregates kept with an archive (decision 042): once the outbox rows leave D1, the
// campaign page shows these as they were when the archive was written.
import type { CampaignReport } from '../tracking/report.server'

export const ARCHIVE_TOTALS_KEYS = [
  'statusCounts',
  'funnel',
  'reconciliation',
  'tableTotal',
  'progress',
  'held',
  'timeline',
  'perSession',
  'failures',
] as const

export type ArchiveTotals = Pick<CampaignReport, (typeof ARCHIVE_TOTALS_KEYS)[number]>
