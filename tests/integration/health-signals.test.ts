// The health loop, delivery and audience signals, through the real engine (queues, SenderSession
// alarms, D1, cron) and the WAHA simulator; WAHA's webhooks go through the real events consumer.
// Delivery errors slow the number down and the SenderSession really waits longer between messages;
// people asking to leave put it at risk: paused, its backlog handed to the campaign's healthy number,
// nobody messaged twice.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { launchNow } from '../../app/core/campaigns/lifecycle.server'
import { scopeTo } from '../../app/core/db/tenant.server'
import { wahaSessions } from '../../db/schema'
import {
  ack,
  anotherCampaign,
  consumeEvents,
  healthNotes,
  healthRow,
  incoming,
  runCron,
  sessionEvents,
  sessionRow,
} from './health-support'
import { campaignD1, ORIGIN } from './helpers/app'
import {
  campaignRow,
  createEngineFixture,
  type EngineFixture,
  simJson,
  statusCounts,
  waitFor,
} from './helpers/engine'

async function launchAndFinish(f: EngineFixture, campaignId: string, timeoutMs = 45_000) {
  const scope = scopeTo(f.tenant.ctx, f.tenant.tenantId, f.tenant.users.admin.id)
  expect((await launchNow(scope, campaignId, ORIGIN)).ok).toBe(true)
  await waitFor(
    async () => (await campaignRow(campaignId))?.status === 'finished',
    'campaign finished',
    timeoutMs,
  )
}

/** The sent rows of a campaign with their chat ids, in send order. */
async function sentRows(campaignId: string) {
  const { results } = await (await campaignD1(campaignId))
    .prepare(
      `SELECT m.id, m.session_id, m.sent_at, m.waha_message_id, c.wa_chat_id AS chat
     FROM campaign_messages m JOIN contacts c ON c.id = m.contact_id
     WHERE m.campaign_id = ? AND m.status != 'queued' ORDER BY m.sent_at`,
    )
    .bind(campaignId)
    .all<{ id: number; session_id: string; sent_at: number; waha_message_id: string; chat: string }>()
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

describe('delivery errors (ack ERROR)', () => {
  it('slow the number down, and the SenderSession then keeps the longer gaps', async () => {
    const f = await createEngineFixture({ contacts: 30, sessions: 1, seed: 2211 })
    const a = f.sessions[0]!
    await launchAndFinish(f, f.campaignId)
    const rows = await sentRows(f.campaignId)
    expect(rows).toHaveLength(30)
    // WhatsApp answers ERROR for 4 of 30 (twice each, and out of order: counted once), DEVICE for the rest.
    const errors = rows.slice(0, 4).map((r) => ack(a.sessionName, r.waha_message_id, r.chat, -1))
    const fine = rows.slice(4).map((r) => ack(a.sessionName, r.waha_message_id, r.chat, 2))
    await consumeEvents(f.tenant.tenantId, a.id, [...errors.reverse(), ...fine, ...errors])
    await runCron()

    const health = (await healthRow(a.id))!
    expect(health.state).toBe('atencao')
    expect(JSON.parse(health.reasons).map((r: { code: string }) => r.code)).toContain('ackErrors')
    expect((await sessionRow(a.id))!.paused_until).toBeNull()
    const guard = await sessionEvents(a.id, 'guard')
    expect(guard.map((g) => JSON.parse(g.detail!))).toEqual([
      expect.objectContaining({ action: 'slow', gap: 2, divisor: 2 }),
    ])

    // The number's own gap is 1 s; slowed, twice that would still be careless, so the SenderSession
    // waits at least the slow-down's floor (30–60 s) between messages.
    await f.tenant.ctx.db
      .update(wahaSessions)
      .set({ minDelayS: 1, maxDelayS: 1 })
      .where(eq(wahaSessions.id, a.id))
    // One message: its gap is measured from the number's last send (the first campaign's last row).
    const lastSend = Math.max(...rows.map((r) => r.sent_at))
    const second = await anotherCampaign(f, [a.id], 1, 2212)
    await launchAndFinish(f, second.id, 75_000)
    const times = (await sentRows(second.id)).map((r) => r.sent_at)
    expect(times).toHaveLength(1)
    expect(times[0]! - lastSend).toBeGreaterThanOrEqual(29_900)
    expect(times[0]! - lastSend).toBeLessThanOrEqual(70_000)
  }, 90_000)
})

describe('opt-outs (SAIR)', () => {
  it('put the number at risk: paused, its backlog to the healthy number, nobody messaged twice', async () => {
    const f = await createEngineFixture({ contacts: 30, sessions: 2, seed: 2221 })
    const [a, b] = f.sessions as [{ id: string; sessionName: string }, { id: string; sessionName: string }]
    // The first campaign goes only through A.
    const first = await anotherCampaign(f, [a.id], 30, 2222)
    await launchAndFinish(f, first.id)
    const rows = await sentRows(first.id)
    // Three people answer SAIR (one of them twice: the webhook is delivered again).
    const sair = rows.slice(0, 3).map((r) => incoming(a.sessionName, r.chat, 'SAIR'))
    await consumeEvents(f.tenant.tenantId, a.id, [...sair, sair[0]])

    // The main campaign over A (slow, so it has a backlog) and B.
    await f.tenant.ctx.db
      .update(wahaSessions)
      .set({ minDelayS: 1, maxDelayS: 1 })
      .where(eq(wahaSessions.id, a.id))
    const scope = scopeTo(f.tenant.ctx, f.tenant.tenantId, f.tenant.users.admin.id)
    expect((await launchNow(scope, f.campaignId, ORIGIN)).ok).toBe(true)
    await waitFor(async () => (await sentRows(f.campaignId)).some((r) => r.session_id === a.id), 'A sends')
    await runCron()
    await waitFor(
      async () => (await campaignRow(f.campaignId))?.status === 'finished',
      'campaign finished',
      45_000,
    )

    const health = (await healthRow(a.id))!
    expect(health.state).toBe('em_risco')
    expect(JSON.parse(health.reasons).map((r: { code: string }) => r.code)).toContain('optOuts')
    expect((await sessionRow(a.id))!.paused_until!).toBeGreaterThan(Date.now() + 5 * 3_600_000)
    expect(await statusCounts(f.campaignId)).toEqual({ sent: 30 })
    const main = await sentRows(f.campaignId)
    const byA = main.filter((r) => r.session_id === a.id).length
    expect(byA).toBeLessThan(15)
    expect(main.filter((r) => r.session_id === b.id).length).toBe(30 - byA)
    for (const [chat, n] of await sentPerChat([a.sessionName, b.sessionName]))
      expect(n, chat).toBeLessThanOrEqual(1)
    const notes = await healthNotes(f.campaignId)
    expect(notes).toEqual([
      expect.objectContaining({ action: 'pause', state: 'em_risco', session: `Sessão ${a.sessionName}` }),
    ])
  })
})
