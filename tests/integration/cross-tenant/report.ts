// Cross-tenant cases for the campaign report: the page with filters, the CSV export and a poll's
// "quem votou em quê" export (decision 038) answer 404 to another tenant (no rows, no file) and change
// nothing.
import { eq } from 'drizzle-orm'
import { campaignMessages, campaigns } from '../../../db/schema'
import { createCampaign, createWahaSession } from '../../builders'
import type { CrossTenantCase, CrossTenantProbe } from '../helpers/cross-tenant'

export const REPORT_CASES: CrossTenantCase[] = [
  {
    name: 'campaign report and export',
    arrange: async (owner): Promise<CrossTenantProbe[]> => {
      const session = await createWahaSession(owner.ctx.db, { tenantId: owner.tenantId })
      const { id } = await createCampaign(owner.ctx.db, {
        tenantId: owner.tenantId,
        status: 'running',
        sessionIds: [session.id],
      })
      // A poll campaign, so /votos would have a file to give its owner.
      await owner.ctx.db
        .update(campaigns)
        .set({ poll: { options: ['Sim', 'Não'], multipleAnswers: false } })
        .where(eq(campaigns.id, id))
      await owner.ctx.db.insert(campaignMessages).values({
        tenantId: owner.tenantId,
        campaignId: id,
        contactId: 1,
        phoneE164: '+5511987654321',
        contactName: 'Cliente do dono',
        status: 'sent',
        sessionId: session.id,
        sentAt: Date.now(),
      })
      const read = async () =>
        JSON.stringify([
          await owner.ctx.db.select().from(campaigns).where(eq(campaigns.id, id)),
          await owner.ctx.db.select().from(campaignMessages).where(eq(campaignMessages.campaignId, id)),
        ])
      const before = await read()
      const verifyUnchanged = async () => {
        if ((await read()) !== before) throw new Error(`campaign ${id} changed`)
      }
      return [
        { method: 'GET', path: `/campanhas/${id}`, verifyUnchanged },
        {
          method: 'GET',
          path: `/campanhas/${id}?status=sent&sessao=${session.id}&q=Cliente&depois=1`,
          verifyUnchanged,
        },
        { method: 'GET', path: `/campanhas/${id}/exportar`, verifyUnchanged },
        { method: 'GET', path: `/campanhas/${id}/votos`, verifyUnchanged },
      ]
    },
  },
]
