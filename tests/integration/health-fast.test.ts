// The guard's fast signals (decision 022, "Seeing it in time"): a careless pace can take a number from
// healthy to banned within minutes (bench:guard), so the guard must see it while the campaign is
// still running: deliveries that stop (most sends still at one tick minutes later) and people asking
// to leave are judged every sample's worth of sends, not once a minute or an hour later. Through the
// real engine (queues, SenderSession alarms, D1) and the WAHA simulator; the simulator's sessions send
// no webhooks in tests, so acks and replies go through the real events consumer.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { launchNow } from '../../app/core/campaigns/lifecycle.server'
import { scopeTo } from '../../app/core/db/tenant.server'
import { wahaSessions } from '../../db/schema'
import {
  ack,
  ageSession,
  anotherCampaign,
  consumeEvents,
  healthNotes,
  healthRow,
  incoming,
  sessionRow,
} from './health-support'
import { campaignD1, ORIGIN, sessionD1 } from './helpers/app'
import {
  campaignRow,
  createEngineFixture,
  type EngineFixture,
  simJson,
  statusCounts,
  waitFor,
} from './helpers/engine'

async function launchAndFinish(f: EngineFixture, campaignId: string) {
  const scope = scopeTo(f.tenant.ctx, f.tenant.tenantId, f.tenant.users.admin.id)
  expect((await launchNow(scope, campaignId, ORIGIN)).ok).toBe(true)
  await waitFor(
    async () => (await campaignRow(campaignId))?.status === 'finished',
    'campaign finished',
    45_000,
  )
}

async function sentRows(campaignId: string) {
  const { results } = await (await campaignD1(campaignId))
    .prepare(
      `SELECT m.session_id, m.waha_message_id, c.wa_chat_id AS chat
     FROM campaign_messages m JOIN contacts c ON c.id = m.contact_id
     WHERE m.campaign_id = ? AND m.sent_at IS NOT NULL ORDER BY m.sent_at, m.id`,
    )
    .bind(campaignId)
    .all<{ session_id: string; waha_message_id: string; chat: string }>()
  return results
}

async function sentPerChat(sessionNames: string[]) {
  const out = new Map<string, number>()
  for (const name of sessionNames) {
    const r = await simJson<{ byChat: Record<string, { sent: number }> }>(`/_sim/sends?session=${name}`)
    for (const [chat, v] of Object.entries(r.byChat)) out.set(chat, (out.get(chat) ?? 0) + v.sent)
  }
  return out
}

describe('deliveries that stop', () => {
  it('minutes later put the number at risk mid-campaign; its backlog goes on through the other number', async () => {
    const f = await createEngineFixture({ contacts: 30, sessions: 2, seed: 2261 })
    const [a, b] = f.sessions as [{ id: string; sessionName: string }, { id: string; sessionName: string }]
    // A sent 30 messages a few minutes ago and none reached a phone (no DEVICE ack): WhatsApp accepts
    // and drops them, the sign that comes before a ban. B sent 30 that arrived (one phone is off).
    const first = await anotherCampaign(f, [a.id], 30, 2262)
    await launchAndFinish(f, first.id)
    const other = await anotherCampaign(f, [b.id], 30, 2263)
    await launchAndFinish(f, other.id)
    const delivered = (await sentRows(other.id))
      .slice(1)
      .map((r) => ack(b.sessionName, r.waha_message_id, r.chat, 2))
    await consumeEvents(f.tenant.tenantId, b.id, delivered)
    await ageSession(a.id, 5 * 60_000)
    await ageSession(b.id, 5 * 60_000)
    expect((await healthRow(a.id))?.state ?? 'saudavel').toBe('saudavel')

    // The main campaign over both; A is slow (1 s gaps) so it has a backlog when it is judged.
    await f.tenant.ctx.db
      .update(wahaSessions)
      .set({ minDelayS: 1, maxDelayS: 1 })
      .where(eq(wahaSessions.id, a.id))
    await launchAndFinish(f, f.campaignId)

    const health = (await healthRow(a.id))!
    expect(health.state).toBe('em_risco')
    expect(JSON.parse(health.reasons)[0]).toMatchObject({
      code: 'notDelivered',
      params: { count: 30, total: 30, percent: 100, minutes: 3 },
    })
    expect((await sessionRow(a.id))!.paused_until!).toBeGreaterThan(Date.now() + 5 * 3_600_000)
    // B's deliveries are fine (29 of 30 arrived): no false alarm on the number that works.
    expect((await healthRow(b.id))?.state ?? 'saudavel').toBe('saudavel')
    expect(await statusCounts(f.campaignId)).toEqual({ sent: 30 })
    const main = await sentRows(f.campaignId)
    expect(main.filter((r) => r.session_id === a.id).length).toBeLessThanOrEqual(1)
    for (const [chat, n] of await sentPerChat([a.sessionName, b.sessionName]))
      expect(n, chat).toBeLessThanOrEqual(1)
    expect(await healthNotes(f.campaignId)).toEqual([
      expect.objectContaining({ action: 'pause', state: 'em_risco', session: `Sessão ${a.sessionName}` }),
    ])
  })
})

describe('a fast number', () => {
  it('is judged again after every sample of sends, so opt-outs stop it within the same minute', async () => {
    const f = await createEngineFixture({ contacts: 120, sessions: 2, seed: 2271 })
    const [a, b] = f.sessions as [{ id: string; sessionName: string }, { id: string; sessionName: string }]
    // A wrote to 20 people a moment ago (judged then: healthy); four of them answer SAIR.
    const first = await anotherCampaign(f, [a.id], 20, 2272)
    await launchAndFinish(f, first.id)
    const judgedAt = (await (
      await sessionD1(a.id)
    )
      .prepare('SELECT evaluated_at FROM session_health WHERE session_id = ?')
      .bind(a.id)
      .first<{ evaluated_at: number }>())!.evaluated_at
    expect((await healthRow(a.id))!.state).toBe('saudavel')
    const rows = await sentRows(first.id)
    await consumeEvents(
      f.tenant.tenantId,
      a.id,
      rows.slice(0, 4).map((r) => incoming(a.sessionName, r.chat, 'SAIR')),
    )

    // No gaps at all: within seconds of the last evaluation A has sent a new sample and is judged again.
    await launchAndFinish(f, f.campaignId)
    const health = (await healthRow(a.id))!
    expect(health.state).toBe('em_risco')
    expect(JSON.parse(health.reasons).map((r: { code: string }) => r.code)).toContain('optOuts')
    const riskSince = (await (
      await sessionD1(a.id)
    )
      .prepare('SELECT state_since FROM session_health WHERE session_id = ?')
      .bind(a.id)
      .first<{ state_since: number }>())!.state_since
    expect(riskSince - judgedAt).toBeLessThan(60_000)
    // A stopped after its sample (a tick sends up to 50); B sent the rest; nobody twice.
    expect(await statusCounts(f.campaignId)).toEqual({ sent: 120 })
    const byA = (await sentRows(f.campaignId)).filter((r) => r.session_id === a.id).length
    expect(byA).toBeGreaterThanOrEqual(20)
    expect(byA).toBeLessThan(40)
    for (const [chat, n] of await sentPerChat([a.sessionName, b.sessionName]))
      expect(n, chat).toBeLessThanOrEqual(1)
  })
})
