// The confirmed "Enviar agora" (the confirmation's POST to /campaigns/:id): checks again that the saved
// campaign can go (a list with someone to send to, a text, a connected session, its own image), then
// launches it. launchNow's conditional UPDATE keeps a repeated confirmation from starting it twice.
import type { TenantScope } from '../db/tenant.server'
import { campaignPacing } from '../sending/effective-pacing'
import { DEFAULT_TIME_ZONE } from '../sending/pacing'
import { audienceFields } from './audience/spec'
import { checkReferences, getCampaign } from './campaigns.server'
import { type ComposerInput, completenessProblems } from './composer-schema'
import { type LifecycleResult, launchNow } from './lifecycle.server'

export type ConfirmedLaunch = LifecycleResult & { fix?: boolean }

/** Launches a saved draft or scheduled campaign; `fix` says the editor must be opened first. */
export async function launchConfirmed(
  scope: TenantScope,
  campaignId: string,
  baseUrl: string,
): Promise<ConfirmedLaunch> {
  const campaign = await getCampaign(scope, campaignId)
  if (campaign.status === 'draft' || campaign.status === 'scheduled') {
    const v = {
      ...audienceFields(campaign.listId, campaign.audience),
      texts: campaign.texts,
      sessionIds: campaign.sessionIds,
      mediaKey: campaign.mediaKey ?? undefined,
      mediaKind: campaign.mediaKind ?? undefined,
    } as ComposerInput
    const problem =
      completenessProblems(v)[0]?.message ??
      Object.values(
        await checkReferences(scope, v, 'launch', campaignPacing(campaign, DEFAULT_TIME_ZONE)),
      )[0]?.[0]
    if (problem) return { ok: false, message: problem, fix: true }
  }
  return launchNow(scope, campaignId, baseUrl)
}
