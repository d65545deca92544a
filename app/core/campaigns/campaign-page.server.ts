// What the campaign page (/campanhas/:id) shows, gathered in one place: the report (counters, rows,
// an archive read transparently: decisions 041, 042), the first message's poll result, the audience
// used (decision 039) and each follow-up step's funnel (decision 040, from the counters: archived too).
import type { TenantScope } from '../db/tenant.server'
import { pollResult } from '../polls/results.server'
import { NO_SESSION } from '../tracking/report'
import { campaignReport } from '../tracking/report.server'
import type { RowFilters } from '../tracking/report-filters'
import { withArchive } from './archive-read.server'
import { audienceUsed } from './audience/used.server'
import { stepsReport } from './steps-report.server'

/** The page's data (NotFoundError for another team's campaign). `labels` are the page's own words. */
export async function campaignPage(
  scope: TenantScope,
  campaignId: string,
  filters: RowFilters,
  labels: { noSession: string; deletedSource: string },
) {
  const report = await withArchive(scope, await campaignReport(scope, campaignId, filters), filters)
  // Rows that failed before any session took them have their own line, so the lines add up.
  const perSession = report.perSession.map((s) =>
    s.id === NO_SESSION ? { ...s, name: labels.noSession } : s,
  )
  // With poll steps (decision 040), the first message's result counts its own votes only.
  const firstOnly = report.campaign.steps?.some((s) => s.poll) ? 0 : undefined
  const [poll, audience, steps] = await Promise.all([
    pollResult(scope, report.campaign, firstOnly),
    audienceUsed(scope, report.campaign, labels.deletedSource),
    stepsReport(scope, report.campaign),
  ])
  return {
    ...report,
    perSession,
    poll,
    audience,
    steps,
  }
}
