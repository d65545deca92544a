// Polls (decision 038) through /api/v1: a poll campaign scheduled through the API keeps its poll (the
// API re-checks the saved campaign with the composer's rules, which must carry the poll along); a
// campaign created with `poll` is checked by the composer's poll rules (errors at /poll/options…), is
// answered with its poll, and the engine sends it by sendPoll, once per contact.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { campaigns } from '../../db/schema'
import { createCampaign, createContactList, createWahaSession } from '../builders'
import { apiFetch, createTestToken, expectDocumented } from './helpers/api'
import { createTestTenant } from './helpers/app'
import { createSimSession, simJson, statusCounts, waitFor } from './helpers/engine'

type SimSends = { calls: Array<{ endpoint: string; chatId: string; outcome: string }> }
type Problem = { errors?: { pointer: string; code: string }[] }
const ALL_DAYS = { days: [0, 1, 2, 3, 4, 5, 6], start: '00:00', end: '24:00' }
const FAST = { minDelayS: 0, maxDelayS: 0, maxPerMinute: 60, dailyCap: 1000, window: ALL_DAYS }

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

  it('should create a poll campaign, answer with its poll, and send it by sendPoll once per contact', async () => {
    const tenant = await createTestTenant()
    const list = await createContactList(tenant.ctx.db, { tenantId: tenant.tenantId, count: 3 })
    const session = await createSimSession(tenant)
    const token = await createTestToken(tenant, ['campaigns:read', 'campaigns:write'])
    const body = {
      name: 'Enquete pela API',
      listId: list.id,
      texts: ['{{primeiro_nome}}, qual horário prefere?'],
      sessionIds: [session.id],
      pacing: FAST,
      simulateTyping: false,
    }
    // The composer's poll rules, at the API's pointers.
    const bad = async (poll: unknown) => {
      const res = await apiFetch('/campaigns', { token, json: { ...body, poll } })
      expect(res.status).toBe(422)
      return ((await res.json()) as Problem).errors?.map((e) => e.pointer)
    }
    expect(await bad({ options: ['Só uma'] })).toEqual(['/poll/options'])
    expect(await bad({ options: Array.from({ length: 13 }, (_, i) => `Opção ${i + 1}`) })).toEqual([
      '/poll/options',
    ])
    expect(await bad({ options: ['Manhã', ' manhã '] })).toEqual(['/poll/options/1'])
    expect(await bad({ options: ['Manhã'], extra: true })).toEqual(['/poll'])

    const created = await apiFetch('/campaigns', {
      token,
      json: { ...body, poll: { options: ['Manhã', 'Tarde', 'Noite'], multipleAnswers: true } },
    })
    expect(created.status).toBe(201)
    const campaign = (await expectDocumented(created, 'POST', '/campaigns')) as { id: string; poll: unknown }
    expect(campaign.poll).toEqual({ options: ['Manhã', 'Tarde', 'Noite'], multipleAnswers: true })
    const launch = await apiFetch(`/campaigns/${campaign.id}/launch`, { token, method: 'POST' })
    expect(launch.status).toBe(200)
    await waitFor(async () => (await statusCounts(campaign.id)).sent === 3, 'three polls sent', 30_000)
    const sends = (await simJson<SimSends>(`/_sim/sends?session=${session.sessionName}`)).calls.filter(
      (c) => c.endpoint.startsWith('send') && c.endpoint !== 'sendSeen',
    )
    expect(sends.map((c) => c.endpoint)).toEqual(['sendPoll', 'sendPoll', 'sendPoll'])
    expect(new Set(sends.map((c) => c.chatId)).size).toBe(3)
  })
})
