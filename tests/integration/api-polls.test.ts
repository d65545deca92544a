// A poll campaign (decision 038) scheduled through /api/v1 keeps its poll: the API re-checks the saved
// campaign with the composer's rules, which must carry the poll along (not drop it).
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { campaigns } from '../../db/schema'
import { createCampaign, createContactList, createWahaSession } from '../builders'
import { apiFetch, createTestToken } from './helpers/api'
import { createTestTenant } from './helpers/app'

describe('API and polls', () => {
  it('should schedule a poll campaign made in the composer without losing its poll', async () => {
    const tenant = await createTestTenant()
    const list = await createContactList(tenant.ctx.db, { tenantId: tenant.tenantId, count: 2 })
    const session = await createWahaSession(tenant.ctx.db, { tenantId: tenant.tenantId })
    const token = await createTestToken(tenant, ['campaigns:read', 'campaigns:write'])
    const { id } = await createCampaign(tenant.ctx.db, {
      tenantId: tenant.tenantId,
      listId: list.id,
      sessionIds: [session.id],
      texts: ['{{primeiro_nome}}, qual horário prefere?'],
    })
    const poll = { options: ['Manhã', 'Tarde'], multipleAnswers: true }
    await tenant.ctx.db.update(campaigns).set({ poll }).where(eq(campaigns.id, id))
    const at = new Date(Date.now() + 3 * 86_400_000)
    at.setUTCHours(14, 0, 0, 0)
    const res = await apiFetch(`/campaigns/${id}/schedule`, { token, json: { at: at.toISOString() } })
    expect(res.status).toBe(200)
    const row = await tenant.ctx.db.select().from(campaigns).where(eq(campaigns.id, id)).get()
    expect(row).toMatchObject({ status: 'scheduled', poll })
  })
})
