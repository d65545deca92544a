// The campaign page's "Restaurar mensagens para o banco" (decision 042): admins only (team:manage),
// another team's id answers 404, the outcome comes back as a flash on the campaign page.
import { restoreArchive } from '~/core/campaigns/archive-restore.server'
import { getCampaign } from '~/core/campaigns/campaigns.server'
import { redirectWithFlash } from './flash.server'
import { orNotFound, requireUser } from './guard.server'

export async function restoreArchiveAction(
  context: Parameters<typeof requireUser>[0],
  request: Request,
  id: string,
) {
  const { scope } = await requireUser(context, request, 'team:manage')
  const campaign = await orNotFound(getCampaign(scope, id))
  const r = await restoreArchive(scope, campaign.id)
  return redirectWithFlash(`/campanhas/${campaign.id}`, {
    kind: r.ok ? 'success' : 'error',
    message: r.ok ? 'archives.restored' : `archives.refused.${r.why}`,
    vars: r.ok ? { count: r.restored.campaign_messages } : undefined,
  })
}
