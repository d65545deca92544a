// The composer's checks of an audience of lists and segments (decision 039): every chosen list and
// segment is the team's, the statement fits D1's bound parameters, and for scheduling or launching a
// chosen segment is not empty and someone is left to send to after the exclusions and opt-outs.
import type { TenantScope } from '../../db/tenant.server'
import { audienceReport } from './audience.server'
import type { CampaignAudience } from './spec'

type Add = (field: string, message: string) => void

export async function checkAudience(
  scope: TenantScope,
  a: CampaignAudience,
  mode: 'save' | 'full' | 'launch',
  add: Add,
): Promise<void> {
  const report = await audienceReport(scope, a)
  const missingIn = (ids: readonly (string | number)[]) =>
    ids.some((id) => report.missing.lists.includes(String(id)))
  if (missingIn(a.lists)) add('audienceLists', 'campaigns.errors.listNotFound')
  if (missingIn(a.exclude.lists)) add('excludeLists', 'campaigns.errors.listNotFound')
  if (a.segments.some((id) => report.missing.segments.includes(id)))
    add('audienceSegments', 'audience.errors.segmentNotFound')
  if (a.exclude.segments.some((id) => report.missing.segments.includes(id)))
    add('excludeSegments', 'audience.errors.segmentNotFound')
  if (report.tooComplex) {
    add('audienceSegments', 'audience.errors.tooComplex')
    return
  }
  if (mode === 'save') return
  if (report.notReady.length > 0) add('audienceLists', 'campaigns.errors.listNotReady')
  if (report.sources.some((s) => s.kind === 'segment' && s.count === 0))
    add('audienceSegments', 'audience.errors.segmentEmpty')
  if (report.toSend < 1) add('listId', 'audience.errors.empty')
}
