// Outbound webhooks from their real owners (decision 033): a campaign through the real send engine
// (started, sent, finished), acks and replies through the events queue (delivered, read, replied,
// opted out), a session status change. Delivered by the real `disparo-webhooks` queue consumer to a
// loopback receiver, every body verified with the reference Standard Webhooks implementation.
import { createExecutionContext, createMessageBatch } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { launchNow } from '../../app/core/campaigns/lifecycle.server'
import { scopeTo } from '../../app/core/db/tenant.server'
import type { EventJob } from '../../app/core/queue-messages'
import { applySessionStatus } from '../../app/core/sessions/live-state.server'
import { wahaSessions } from '../../db/schema'
import worker from '../../workers/app'
import { ORIGIN } from './helpers/app'
import { campaignRow, createEngineFixture, type EngineFixture, messages, waitFor } from './helpers/engine'
import { envelope } from './helpers/waha-events'
import { receiverEndpoint, receiverPath, verifiedEvents } from './webhooks-support'

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
  await worker.queue(batch as MessageBatch<unknown>, env, createExecutionContext())
}

const types = async (path: string, secret: string, n: number) =>
  waitFor(async () => {
    const got = await verifiedEvents(path, secret)
    return got.length >= n ? got : null
  }, `${n} webhooks at ${path}`)

describe('webhook events from their owners', () => {
  it('a campaign, its acks, a reply and an opt-out arrive signed, one per event', async () => {
    const f = await createEngineFixture({ contacts: 2, sessions: 1, seed: 1601 })
    const path = receiverPath('ok')
    const { secret } = await receiverEndpoint(f.tenant, path)
    await launchNow(scopeTo(f.tenant.ctx, f.tenant.tenantId, null), f.campaignId, ORIGIN)
    await waitFor(async () => (await campaignRow(f.campaignId))?.status === 'finished', 'finished')
    const first = await types(path, secret, 4)
    const kinds = first.map((e) => e.type).sort()
    expect(kinds).toEqual(['campaign.finished', 'campaign.started', 'message.sent', 'message.sent'])
    const rows = await messages(f.campaignId)
    expect(
      first
        .filter((e) => e.type === 'message.sent')
        .map((e) => e.data.messageId)
        .sort(),
    ).toEqual(rows.map((r) => r.id).sort())

    const s = f.sessions[0]!
    const [a, b] = rows
    const chat = (p: string) => `${p.slice(1)}@c.us`
    const ack = (id: string, phone: string, value: number) =>
      envelope('message.ack', s.sessionName, {
        id,
        from: chat(phone),
        to: null,
        participant: null,
        fromMe: true,
        ack: value,
        ackName: value === 2 ? 'DEVICE' : 'READ',
      })
    await consume(f, s.id, [ack(a!.wahaMessageId!, a!.phoneE164, 2), ack(b!.wahaMessageId!, b!.phoneE164, 3)])
    await consume(f, s.id, [
      envelope('message', s.sessionName, {
        id: `false_${chat(a!.phoneE164)}_ABC123`,
        timestamp: Math.floor(Date.now() / 1000),
        from: chat(a!.phoneE164),
        fromMe: false,
        source: 'app',
        body: 'SAIR',
        to: null,
        participant: null,
        hasMedia: false,
        ack: 2,
        ackName: 'DEVICE',
      }),
    ])
    const all = await types(path, secret, 8)
    const later = all.map((e) => e.type).filter((t) => !t.startsWith('campaign.') && t !== 'message.sent')
    expect(later.sort()).toEqual([
      'contact.opted_out',
      'message.delivered',
      'message.read',
      'message.replied',
    ])
    const read = all.find((e) => e.type === 'message.read')!
    expect(read.data).toMatchObject({ messageId: b!.id, campaignId: f.campaignId, status: 'read' })
    const optOut = all.find((e) => e.type === 'contact.opted_out')!
    expect(optOut.data.phone).toBe(a!.phoneE164)
    // Every event has its own webhook-id.
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length)
  })

  it('a session status change, only to endpoints subscribed to it', async () => {
    const f = await createEngineFixture({ contacts: 1, sessions: 1, seed: 1602 })
    const path = receiverPath('ok')
    const other = receiverPath('ok')
    const { secret } = await receiverEndpoint(f.tenant, path, ['session.status_changed'])
    await receiverEndpoint(f.tenant, other, ['campaign.finished'])
    const row = await f.tenant.ctx.db
      .select()
      .from(wahaSessions)
      .where(eq(wahaSessions.id, f.sessions[0]!.id))
      .get()
    await applySessionStatus(f.tenant.ctx, row!, { status: 'STOPPED', at: Date.now(), source: 'poll' })
    const [event] = await types(path, secret, 1)
    expect(event).toMatchObject({
      type: 'session.status_changed',
      data: { sessionId: row!.id, status: 'STOPPED', previous: 'WORKING' },
    })
    expect(await verifiedEvents(other, secret)).toEqual([])
  })
})
