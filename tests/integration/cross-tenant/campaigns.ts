// Cross-tenant cases for the campaign routes: list/detail/editor/image GETs and every POST that
// takes a campaign id answer 404 to another tenant and leave the campaign untouched.
import { eq } from 'drizzle-orm'
import { campaigns } from '../../../db/schema'
import { createCampaign, createContactList, createWahaSession } from '../../builders'
import { PNG_1X1 } from '../campaigns-helpers'
import type { TestTenant } from '../helpers/app'
import type { CrossTenantCase, CrossTenantProbe } from '../helpers/cross-tenant'

function campaignUnchanged(owner: TestTenant, id: string) {
  return async () => {
    const before = await owner.ctx.db.select().from(campaigns).where(eq(campaigns.id, id)).get()
    return async () => {
      const after = await owner.ctx.db.select().from(campaigns).where(eq(campaigns.id, id)).get()
      if (JSON.stringify(before) !== JSON.stringify(after)) throw new Error(`campaign ${id} changed`)
      const copies = await owner.ctx.db
        .select({ id: campaigns.id })
        .from(campaigns)
        .where(eq(campaigns.tenantId, owner.tenantId))
      if (copies.length !== 1) throw new Error(`campaign ${id} was copied`)
    }
  }
}

export const CAMPAIGN_CASES: CrossTenantCase[] = [
  {
    name: 'campaign pages and actions',
    arrange: async (owner): Promise<CrossTenantProbe[]> => {
      const list = await createContactList(owner.ctx.db, { tenantId: owner.tenantId, count: 3 })
      const session = await createWahaSession(owner.ctx.db, { tenantId: owner.tenantId })
      const { id } = await createCampaign(owner.ctx.db, {
        tenantId: owner.tenantId,
        listId: list.id,
        sessionIds: [session.id],
      })
      const mediaKey = `media/${owner.tenantId}/img_crosstenant0000001`
      await owner.ctx.env.FILES.put(mediaKey, PNG_1X1, { httpMetadata: { contentType: 'image/png' } })
      await owner.ctx.db
        .update(campaigns)
        .set({ mediaKey, mediaType: 'image/png' })
        .where(eq(campaigns.id, id))
      const verify = await campaignUnchanged(owner, id)()
      const compose = {
        intent: 'save',
        name: 'Invadida',
        'texts[0]': 'Oi',
        minDelayS: '1',
        maxDelayS: '2',
        maxPerMinute: '10',
        dailyCap: '10',
        windowDays: '1',
        windowStart: '08:00',
        windowEnd: '20:00',
      }
      return [
        { method: 'GET', path: `/campanhas/${id}` },
        { method: 'GET', path: `/campanhas/${id}/editar` },
        { method: 'GET', path: `/campanhas/${id}/imagem` },
        { method: 'GET', path: '/campanhas/midia/img_crosstenant0000001' },
        { method: 'POST', path: `/campanhas/${id}/editar`, form: compose, verifyUnchanged: verify },
        {
          method: 'POST',
          path: `/campanhas/${id}/editar`,
          form: { ...compose, intent: 'launch' },
          verifyUnchanged: verify,
        },
        {
          method: 'POST',
          path: `/campanhas/${id}/editar`,
          form: { intent: 'unschedule' },
          verifyUnchanged: verify,
        },
        { method: 'POST', path: `/campanhas/${id}/duplicar`, verifyUnchanged: verify },
        {
          method: 'POST',
          path: `/campanhas/${id}/editar`,
          form: { ...compose, intent: 'test', testPhone: '11987654321', testSessionId: session.id },
          verifyUnchanged: verify,
        },
        { method: 'GET', path: `/campanhas/${id}?acao=saiu` },
        { method: 'POST', path: `/campanhas/${id}`, form: { intent: 'launch' }, verifyUnchanged: verify },
        { method: 'POST', path: `/campanhas/${id}`, form: { intent: 'cancel' }, verifyUnchanged: verify },
        { method: 'POST', path: `/campanhas/${id}`, form: { intent: 'pause' }, verifyUnchanged: verify },
        { method: 'POST', path: `/campanhas/${id}`, form: { intent: 'resume' }, verifyUnchanged: verify },
      ]
    },
  },
]
