// The events consumer on real bindings: acks (shuffled, duplicated, out of order), reconciliation of
// `unknown` rows from message.any, replies and opt-outs — driven through the real queue handler.
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { launchNow } from '../../app/core/campaigns/lifecycle.server'
import { scopeTo } from '../../app/core/db/tenant.server'
import { newId } from '../../app/core/ids'
import type { EventJob } from '../../app/core/queue-messages'
import { finishSettledCampaigns } from '../../app/core/sending/sweeper.server'
import { campaignMessages, campaigns, pendingAcks, suppressions } from '../../db/schema'
import worker from '../../workers/app'
import { seededRandom } from '../builders'
import { acrossShards, ORIGIN } from './helpers/app'
import {
  campaignRow,
  createEngineFixture,
  type EngineFixture,
  messages,
  simJson,
  statusCounts,
  waitFor,
} from './helpers/engine'
import { envelope } from './helpers/waha-events'

function ack(session: string, id: string, chatId: string, value: number) {
  const names: Record<number, string> = { [-1]: 'ERROR', 1: 'SERVER', 2: 'DEVICE', 3: 'READ' }
  return envelope('message.ack', session, {
    id,
    from: chatId,
    to: null,
    participant: null,
    fromMe: true,
    ack: value,
    ackName: names[value],
  })
}

function incoming(session: string, from: string, body: string) {
  return envelope('message', session, {
    id: `false_${from}_${crypto.randomUUID().replace(/-/g, '').slice(0, 20).toUpperCase()}`,
    timestamp: Math.floor(Date.now() / 1000),
    from,
    fromMe: false,
    source: 'app',
    body,
    to: null,
    participant: null,
    hasMedia: false,
    ack: 2,
    ackName: 'DEVICE',
  })
}

async function consume(f: EngineFixture, sessionId: string, events: unknown[]) {
  const batch = createMessageBatch<EventJob>(
    'disparo-events',
    events.map((event, i) => ({
      id: `e${i}`,
      timestamp: new Date(),
      attempts: 1,
      body: { type: 'waha-event', v: 1, tenantId: f.tenant.tenantId, sessionId, event },
    })),
  )
  const ctx = createExecutionContext()
  await worker.queue(batch as MessageBatch<unknown>, env, ctx)
  return getQueueResult(batch, ctx)
}

async function sentCampaign(contacts: number, seed: number) {
  const f = await createEngineFixture({ contacts, sessions: 1, seed })
  await launchNow(scopeTo(f.tenant.ctx, f.tenant.tenantId, null), f.campaignId, ORIGIN)
  await waitFor(async () => (await campaignRow(f.campaignId))?.status === 'finished', 'finished')
  return f
}

/** A second campaign to the same list through the same number, launched and run to the end. */
async function sendSecondCampaign(f: EngineFixture) {
  const second = newId('cmp')
  await f.tenant.ctx.db.insert(campaigns).values({
    id: second,
    tenantId: f.tenant.tenantId,
    name: 'Segunda',
    listId: f.list.id,
    texts: ['Oi de novo'],
    sessionIds: [f.sessions[0]!.id],
    simulateTyping: false,
  })
  await launchNow(scopeTo(f.tenant.ctx, f.tenant.tenantId, null), second, ORIGIN)
  await waitFor(async () => (await campaignRow(second))?.status === 'finished', 'second finished')
  return second
}

describe('message.ack', () => {
  it('should end every message read whatever the order, with duplicates harmless', async () => {
    const f = await sentCampaign(8, 301)
    const s = f.sessions[0]!
    const rows = await messages(f.campaignId)
    const events = rows.flatMap((r) => {
      const chat = `${r.phoneE164.slice(1)}@c.us`
      return [
        ack(s.sessionName, r.wahaMessageId!, chat, 2),
        ack(s.sessionName, r.wahaMessageId!, chat, 3),
        ack(s.sessionName, r.wahaMessageId!, chat, 3),
      ]
    })
    const random = seededRandom(9)
    events.sort(() => random() - 0.5)
    const result = await consume(f, s.id, events)
    expect(result.ackAll).toBe(true)
    expect(await statusCounts(f.campaignId)).toEqual({ read: 8 })
    const after = await messages(f.campaignId)
    for (const r of after) {
      expect(r.deliveredAt).not.toBeNull()
      expect(r.readAt).not.toBeNull()
    }
    // A late DEVICE never downgrades, and ERROR after delivery changes nothing.
    const first = after[0]!
    await consume(f, s.id, [
      ack(s.sessionName, first.wahaMessageId!, 'x@c.us', 2),
      ack(s.sessionName, first.wahaMessageId!, 'x@c.us', -1),
    ])
    expect(await statusCounts(f.campaignId)).toEqual({ read: 8 })
  })

  it('should end read when DEVICE and READ are applied by concurrent batches', async () => {
    const f = await sentCampaign(10, 309)
    const s = f.sessions[0]!
    const rows = await messages(f.campaignId)
    const chat = (r: (typeof rows)[number]) => `${r.phoneE164.slice(1)}@c.us`
    // Both batches read the rows as `sent`; whichever writes second must not lose READ.
    await Promise.all([
      consume(
        f,
        s.id,
        rows.map((r) => ack(s.sessionName, r.wahaMessageId!, chat(r), 3)),
      ),
      consume(
        f,
        s.id,
        rows.map((r) => ack(s.sessionName, r.wahaMessageId!, chat(r), 2)),
      ),
    ])
    expect(await statusCounts(f.campaignId)).toEqual({ read: 10 })
  })

  it('should mark ERROR acks failed when nothing was delivered', async () => {
    const f = await sentCampaign(2, 302)
    const s = f.sessions[0]!
    const [r] = await messages(f.campaignId)
    await consume(f, s.id, [ack(s.sessionName, r!.wahaMessageId!, 'x@c.us', -1)])
    const row = await f.tenant.ctx.db
      .select()
      .from(campaignMessages)
      .where(eq(campaignMessages.id, r!.id))
      .get()
    expect(row).toMatchObject({ status: 'failed', errorKind: 'ack_error' })
  })

  it('should write each row its own move and first instants when a batch mixes every kind of ack', async () => {
    const f = await sentCampaign(5, 303)
    const s = f.sessions[0]!
    const rows = await messages(f.campaignId)
    const [a, b, c, d, e] = rows
    const t0 = Date.now() - 60_000
    const at = (event: ReturnType<typeof ack>, ms: number) => {
      event.envelope.timestamp = ms
      return event
    }
    const chat = 'x@c.us'
    // e was delivered earlier: a later DEVICE keeps its first instant.
    await consume(f, s.id, [at(ack(s.sessionName, e!.wahaMessageId!, chat, 2), t0)])
    await consume(f, s.id, [
      at(ack(s.sessionName, a!.wahaMessageId!, chat, 3), t0 + 20), // READ after DEVICE, same batch
      at(ack(s.sessionName, a!.wahaMessageId!, chat, 2), t0 + 10),
      at(ack(s.sessionName, b!.wahaMessageId!, chat, 3), t0 + 30), // READ alone: delivered then too
      at(ack(s.sessionName, c!.wahaMessageId!, chat, 2), t0 + 40),
      at(ack(s.sessionName, c!.wahaMessageId!, chat, 2), t0 + 45), // a retried DEVICE: the first counts
      at(ack(s.sessionName, d!.wahaMessageId!, chat, -1), t0 + 50),
      at(ack(s.sessionName, e!.wahaMessageId!, chat, 2), t0 + 60),
      at(ack(s.sessionName, e!.wahaMessageId!, chat, 3), t0 + 70),
    ])
    const after = new Map((await messages(f.campaignId)).map((r) => [r.id, r]))
    const pick = (id: number) => {
      const r = after.get(id)!
      return { status: r.status, deliveredAt: r.deliveredAt, readAt: r.readAt, failedAt: r.failedAt }
    }
    expect(pick(a!.id)).toEqual({ status: 'read', deliveredAt: t0 + 10, readAt: t0 + 20, failedAt: null })
    expect(pick(b!.id)).toEqual({ status: 'read', deliveredAt: t0 + 30, readAt: t0 + 30, failedAt: null })
    expect(pick(c!.id)).toEqual({ status: 'delivered', deliveredAt: t0 + 40, readAt: null, failedAt: null })
    expect(pick(d!.id)).toEqual({ status: 'failed', deliveredAt: null, readAt: null, failedAt: t0 + 50 })
    expect(after.get(d!.id)).toMatchObject({ errorKind: 'ack_error', errorCode: 'send.ack_error' })
    expect(pick(e!.id)).toEqual({ status: 'read', deliveredAt: t0, readAt: t0 + 70, failedAt: null })
    // Rows that moved keep the instants they were sent at.
    for (const r of rows) expect(after.get(r.id)!.sentAt).toBe(r.sentAt)
  })

  it('should keep acks for unknown ids (counted, not dropped) and ignore other tenants', async () => {
    const f = await sentCampaign(1, 303)
    const s = f.sessions[0]!
    await consume(f, s.id, [ack(s.sessionName, 'true_5511999990001@c.us_NOPE', '5511999990001@c.us', 3)])
    const kept = await f.tenant.ctx.db
      .select()
      .from(pendingAcks)
      .where(eq(pendingAcks.wahaMessageId, 'true_5511999990001@c.us_NOPE'))
    expect(kept).toHaveLength(1)
    // The same WAHA id reported to another tenant's session does not touch this tenant's row.
    const other = await sentCampaign(1, 304)
    const [mine] = await messages(f.campaignId)
    await consume(other, other.sessions[0]!.id, [ack('x', mine!.wahaMessageId!, 'x@c.us', 3)])
    expect(await statusCounts(f.campaignId)).toEqual({ sent: 1 })
  })
})

/** Three contacts sent through one number, the send to one of them answered 500 after it went: `unknown`. */
async function campaignWithUnknownRow(seed: number) {
  const f = await createEngineFixture({ contacts: 3, sessions: 1, seed })
  await simJson('/_sim/failures', {
    method: 'POST',
    body: JSON.stringify({
      session: f.sessions[0]!.sessionName,
      kind: 'http-error',
      status: 500,
      count: 1,
      sent: true,
    }),
  })
  await launchNow(scopeTo(f.tenant.ctx, f.tenant.tenantId, null), f.campaignId, ORIGIN)
  await waitFor(async () => {
    const c = await statusCounts(f.campaignId)
    return c.unknown === 1 && c.sent === 2
  }, 'sends settled')
  return f
}

/** Our own message as WAHA's message.any shows it. */
function ownEcho(session: string, id: string, chat: string, body: string | null) {
  return envelope('message.any', session, {
    id,
    timestamp: Math.floor(Date.now() / 1000),
    from: chat,
    fromMe: true,
    source: 'api',
    body,
    to: chat,
    hasMedia: false,
    ack: 1,
    ackName: 'SERVER',
  })
}

describe('message.any', () => {
  it('should reconcile a row left unknown when our own message shows up', async () => {
    const f = await campaignWithUnknownRow(305)
    const s = f.sessions[0]!
    // The campaign waits for its unknown row to be reconciled (decision 021) before it finishes.
    expect((await campaignRow(f.campaignId))?.status).toBe('running')
    const unknown = (await messages(f.campaignId)).find((r) => r.status === 'unknown')!
    const chat = `${unknown.phoneE164.slice(1)}@c.us`
    const simMsgs = await simJson<Array<{ id: string; chatId: string; body?: string; text?: string }>>(
      `/_sim/messages?session=${s.sessionName}&chatId=${chat}`,
    )
    const delivered = (
      Array.isArray(simMsgs) ? simMsgs : (simMsgs as { messages: typeof simMsgs }).messages
    )[0]!
    const own = ownEcho(s.sessionName, delivered.id, chat, unknown.renderedText)
    await consume(f, s.id, [own])
    const row = await f.tenant.ctx.db
      .select()
      .from(campaignMessages)
      .where(eq(campaignMessages.id, unknown.id))
      .get()
    expect(row).toMatchObject({
      status: 'sent',
      wahaMessageId: delivered.id,
      reconciled: 'confirmed',
      reconcileNextAt: null,
    })
    expect(await acrossShards(finishSettledCampaigns)).toBeGreaterThanOrEqual(1)
    expect((await campaignRow(f.campaignId))?.status).toBe('finished')
  })

  it('should not take an echo of a message it already knows as proof for another row', async () => {
    const f = await campaignWithUnknownRow(315)
    const s = f.sessions[0]!
    const rows = await messages(f.campaignId)
    const unknown = rows.find((r) => r.status === 'unknown')!
    const sent = rows.find((r) => r.status === 'sent')!
    // The same person got the same text from this number before (another row, its id known).
    await f.tenant.ctx.db
      .update(campaignMessages)
      .set({ phoneE164: unknown.phoneE164, renderedText: unknown.renderedText })
      .where(eq(campaignMessages.id, sent.id))
    const chat = `${unknown.phoneE164.slice(1)}@c.us`
    // WAHA delivers that earlier message's echo again: it proves nothing about the unknown row.
    const replay = ownEcho(s.sessionName, sent.wahaMessageId!, chat, unknown.renderedText)
    const result = await consume(f, s.id, [replay])
    expect(result.ackAll).toBe(true)
    const after = new Map((await messages(f.campaignId)).map((r) => [r.id, r]))
    expect(after.get(unknown.id)).toMatchObject({ status: 'unknown', wahaMessageId: null })
    expect(after.get(sent.id)).toMatchObject({ status: 'sent', wahaMessageId: sent.wahaMessageId })
  })
})

describe('replies and opt-outs', () => {
  it('should mark the reply on the latest campaign message and put SAIR on the opt-out list', async () => {
    const f = await sentCampaign(3, 306)
    const s = f.sessions[0]!
    const [a, b] = await messages(f.campaignId)
    await consume(f, s.id, [
      incoming(s.sessionName, `${a!.phoneE164.slice(1)}@c.us`, 'Quanto custa?'),
      incoming(s.sessionName, `${b!.phoneE164.slice(1)}@c.us`, ' Sair! '),
    ])
    const rows = await messages(f.campaignId)
    expect(rows.find((r) => r.id === a!.id)?.repliedAt).not.toBeNull()
    expect(rows.find((r) => r.id === b!.id)?.repliedAt).not.toBeNull()
    const optOuts = await f.tenant.ctx.db
      .select()
      .from(suppressions)
      .where(eq(suppressions.tenantId, f.tenant.tenantId))
    expect(optOuts.map((o) => [o.phoneE164, o.reason])).toEqual([[b!.phoneE164, 'opt_out']])
  })

  it('should credit a reply to the newest message to that person, whichever form of the number it comes from', async () => {
    const f = await sentCampaign(2, 309)
    const s = f.sessions[0]!
    const second = await sendSecondCampaign(f)
    const [older] = await messages(f.campaignId)
    const newer = (await messages(second)).find((m) => m.phoneE164 === older!.phoneE164)
    expect(newer?.status).toBe('sent')
    // The chat id without the ninth digit (how WhatsApp names some older accounts): +55 DD 9XXXXXXXX
    // reaches us as 55DD XXXXXXXX.
    const e164 = older!.phoneE164
    const withoutNinth = `${e164.slice(1, 5)}${e164.slice(6)}`
    await consume(f, s.id, [incoming(s.sessionName, `${withoutNinth}@c.us`, 'Recebi as duas')])
    expect((await messages(second)).find((m) => m.id === newer!.id)?.repliedAt).not.toBeNull()
    expect((await messages(f.campaignId)).find((m) => m.id === older!.id)?.repliedAt).toBeNull()
  })

  it('should never send to an opted-out person again, in a new campaign', async () => {
    const f = await sentCampaign(4, 307)
    const s = f.sessions[0]!
    const [a] = await messages(f.campaignId)
    await consume(f, s.id, [incoming(s.sessionName, `${a!.phoneE164.slice(1)}@c.us`, 'PARAR')])
    const second = await sendSecondCampaign(f)
    expect(await statusCounts(second)).toEqual({ sent: 3, skipped: 1 })
    const skipped = await f.tenant.ctx.db
      .select()
      .from(campaignMessages)
      .where(and(eq(campaignMessages.campaignId, second), eq(campaignMessages.status, 'skipped')))
      .get()
    expect(skipped).toMatchObject({ phoneE164: a!.phoneE164, errorKind: 'suppressed' })
  })

  it('should keep a reply from a number in two tenants inside the tenant whose session got it', async () => {
    const one = await sentCampaign(1, 308)
    const two = await createEngineFixture({ contacts: 1, sessions: 1, seed: 308 })
    await launchNow(scopeTo(two.tenant.ctx, two.tenant.tenantId, null), two.campaignId, ORIGIN)
    await waitFor(async () => (await campaignRow(two.campaignId))?.status === 'finished', 'two finished')
    const phone = one.list.phones[0]!
    expect(two.list.phones[0]).toBe(phone)
    const s = one.sessions[0]!
    await consume(one, s.id, [incoming(s.sessionName, `${phone.slice(1)}@c.us`, 'SAIR')])
    expect((await messages(one.campaignId))[0]?.repliedAt).not.toBeNull()
    expect((await messages(two.campaignId))[0]?.repliedAt).toBeNull()
    const inTwo = await two.tenant.ctx.db
      .select()
      .from(suppressions)
      .where(eq(suppressions.tenantId, two.tenant.tenantId))
    expect(inTwo).toEqual([])
  })
})
