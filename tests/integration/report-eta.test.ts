// The campaign page's finish estimate: from the effective pacing of the sessions that will send right
// after launch (never "nothing sent in the last 10 minutes"), and from the rate observed since the
// start once sending (never hours for a campaign that ends in minutes).
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { launchNow } from '../../app/core/campaigns/lifecycle.server'
import { scopeTo } from '../../app/core/db/tenant.server'
import { campaignMessages, campaigns, wahaSessions } from '../../db/schema'
import { appFetch, ORIGIN } from './helpers/app'
import { createEngineFixture, statusCounts, waitFor } from './helpers/engine'

async function etaLine(campaignId: string, cookie: string) {
  const html = await (await appFetch(`/campanhas/${campaignId}`, { cookie })).text()
  const m = /data-testid="report-eta"[^>]*>([^<]*)</.exec(html)
  return m?.[1]?.replace(/&nbsp;|\u00a0/g, ' ') ?? null
}

describe('campaign finish estimate', () => {
  it('right after launch, comes from the effective pacing of the sending sessions', async () => {
    const f = await createEngineFixture({ contacts: 11, sessions: 2, seed: 501 })
    for (const s of f.sessions) {
      await f.tenant.ctx.db
        .update(wahaSessions)
        .set({ minDelayS: 60, maxDelayS: 60, maxPerMinute: 10 })
        .where(eq(wahaSessions.id, s.id))
    }
    // The campaign slows both numbers to one message every 2 minutes.
    await f.tenant.ctx.db
      .update(campaigns)
      .set({ minDelayS: 120, maxDelayS: 120 })
      .where(eq(campaigns.id, f.campaignId))
    const scope = scopeTo(f.tenant.ctx, f.tenant.tenantId, f.tenant.users.admin.id)
    expect((await launchNow(scope, f.campaignId, ORIGIN)).ok).toBe(true)
    await waitFor(async () => ((await statusCounts(f.campaignId)).sent ?? 0) >= 1, 'first send')
    const line = await etaLine(f.campaignId, f.tenant.users.viewer.cookie)
    // ~9-10 waiting over 2 sessions at 1 per 2 min: about 10 minutes, not hours, not "unknown".
    expect(line).toMatch(/Previsão de término: ~(9|10|11) min, pelo ritmo de envio efetivo de 2 sessões/)
  })

  it('once sending, follows the rate observed since the start', async () => {
    const f = await createEngineFixture({ contacts: 40, sessions: 1, seed: 502 })
    const db = f.tenant.ctx.db
    const now = Date.now()
    // Sending for 4 minutes, 20 out of 40 gone: 5/min observed, so ~4 more minutes (not hours).
    await db
      .update(campaigns)
      .set({ status: 'running', startedAt: now - 4 * 60_000, dispatchDone: true })
      .where(eq(campaigns.id, f.campaignId))
    await db
      .update(wahaSessions)
      .set({ minDelayS: 0, maxDelayS: 0, maxPerMinute: 60 })
      .where(eq(wahaSessions.id, f.sessions[0]!.id))
    const { contacts } = await import('../../db/schema')
    const people = await db.select().from(contacts).where(eq(contacts.listId, f.list.id))
    const rows = people.map((p, i) => ({
      tenantId: f.tenant.tenantId,
      campaignId: f.campaignId,
      contactId: p.id,
      phoneE164: p.phoneE164,
      status: i < 20 ? 'sent' : 'queued',
      sessionId: f.sessions[0]!.id,
      sentAt: i < 20 ? now - 4 * 60_000 + i * 12_000 : null,
    }))
    // 5 rows per insert: each row binds a dozen values and D1 takes at most 100 per statement.
    for (let i = 0; i < rows.length; i += 5) await db.insert(campaignMessages).values(rows.slice(i, i + 5))
    const line = await etaLine(f.campaignId, f.tenant.users.viewer.cookie)
    expect(line).toMatch(/Previsão de término: ~4 min no ritmo atual \(300 mensagens\/h\)/)
  })
})
