// POST /webhooks/waha/:sessionId through the real Worker: HMAC over the exact raw bytes, dedupe on
// the envelope id, session.status applied to D1 and the Durable Object, message events handed to the
// events queue, and nothing revealed to a caller that is not WAHA.
import { env, exports } from 'cloudflare:workers'
import { and, eq } from 'drizzle-orm'
import { describe, expect, it, vi } from 'vitest'
import type { EventJob } from '../../app/core/queue-messages'
import { intakeWahaWebhook, pruneWebhookEvents } from '../../app/core/sessions/webhook-intake.server'
import { wahaSessions, webhookEvents } from '../../db/schema'
import ackExample from '../../tools/waha-simulator/contract/examples/example-webhook-message.ack.json?raw'
import messageExample from '../../tools/waha-simulator/contract/examples/example-webhook-message.json?raw'
import statusExample from '../../tools/waha-simulator/contract/examples/example-webhook-session.status.json?raw'
import failedExample from '../../tools/waha-simulator/contract/examples/example-webhook-session.status-FAILED.json?raw'
import qrExample from '../../tools/waha-simulator/contract/examples/example-webhook-session.status-SCAN_QR_CODE.json?raw'
import { createSealedWahaSession } from '../builders'
import { createTestTenant, ORIGIN, sessionDb, testContext } from './helpers/app'
import { signWebhook, WAHA_SESSION } from './sessions-fake-waha'

async function arrange(status = 'STARTING') {
  const t = await createTestTenant()
  const s = await createSealedWahaSession(t.ctx, {
    tenantId: t.tenantId,
    sessionName: WAHA_SESSION,
    status,
    phone: null,
  })
  return { t, s }
}

/** Posts like WAHA: no Origin, raw body, HMAC header (unless told otherwise). */
async function deliver(sessionId: string, body: string, hmac: string | null) {
  const headers = new Headers({ 'content-type': 'application/json', 'User-Agent': 'WAHA/2026.7.1' })
  if (hmac !== null) {
    headers.set('X-Webhook-Hmac', hmac)
    headers.set('X-Webhook-Hmac-Algorithm', 'sha512')
  }
  return exports.default.fetch(
    new Request(`${ORIGIN}/webhooks/waha/${sessionId}`, { method: 'POST', headers, body }),
  )
}

const rowOf = async (id: string) =>
  (await sessionDb(id)).select().from(wahaSessions).where(eq(wahaSessions.id, id)).get()
const dedupeRows = async (sessionId: string) =>
  (await sessionDb(sessionId)).select().from(webhookEvents).where(eq(webhookEvents.sessionId, sessionId))

describe('WAHA webhook route', () => {
  it('should apply a signed session.status: row, phone, last connection and the Durable Object', async () => {
    const { s } = await arrange()
    const res = await deliver(s.id, statusExample, await signWebhook(s.webhookSecret, statusExample))
    expect(res.status).toBe(200)
    const row = await rowOf(s.id)
    expect(row).toMatchObject({ status: 'WORKING', phone: '+5511999990000', lastConnectedAt: 1784552400000 })
    expect(await env.SENDER_SESSION.getByName(s.id).getState()).toMatchObject({
      status: 'WORKING',
      qr: null,
      updatedAt: 1784552400000,
    })
    expect(await dedupeRows(s.id)).toEqual([
      expect.objectContaining({ eventId: 'evt_01kxzss9400skhs01hfyhv2ycx', event: 'session.status' }),
    ])
  })

  it('should record FAILED as the last error and ignore an older event that arrives late', async () => {
    const { s } = await arrange('WORKING')
    expect(
      (await deliver(s.id, failedExample, await signWebhook(s.webhookSecret, failedExample))).status,
    ).toBe(200)
    const failed = await rowOf(s.id)
    expect(failed?.status).toBe('FAILED')
    expect(failed?.lastError).toContain('A sessão falhou no WAHA')
    expect(failed?.lastErrorAt).toBe((JSON.parse(failedExample) as { timestamp: number }).timestamp)
    // SCAN_QR_CODE example is older than the FAILED one: a late retry must not move the state back.
    const late = JSON.stringify({ ...(JSON.parse(qrExample) as object), id: 'evt_late', timestamp: 1 })
    expect((await deliver(s.id, late, await signWebhook(s.webhookSecret, late))).status).toBe(200)
    expect((await rowOf(s.id))?.status).toBe('FAILED')
  })

  it.each([
    ['a wrong signature', async () => 'ab'.repeat(64)],
    ['a signature made with another secret', async () => signWebhook('outro-segredo', statusExample)],
    ['no signature', async () => null],
    ['a signature that is not hex', async () => 'not-hex-zz'],
  ])('should answer 401 without detail to %s and change nothing', async (_name, hmac) => {
    const { s } = await arrange()
    const res = await deliver(s.id, statusExample, await hmac())
    expect(res.status).toBe(401)
    expect(await res.text()).toBe('')
    expect((await rowOf(s.id))?.status).toBe('STARTING')
    expect(await dedupeRows(s.id)).toEqual([])
  })

  it('should verify the exact bytes: the same JSON re-serialised does not pass', async () => {
    const { s } = await arrange()
    const compact = JSON.stringify(JSON.parse(statusExample))
    const res = await deliver(s.id, compact, await signWebhook(s.webhookSecret, statusExample))
    expect(res.status).toBe(401)
  })

  it('should answer 200 to a replay and apply nothing twice', async () => {
    const { s } = await arrange()
    const sig = await signWebhook(s.webhookSecret, statusExample)
    expect((await deliver(s.id, statusExample, sig)).status).toBe(200)
    await (await sessionDb(s.id))
      .update(wahaSessions)
      .set({ status: 'STOPPED' })
      .where(eq(wahaSessions.id, s.id))
    const replay = await deliver(s.id, statusExample, sig)
    expect(replay.status).toBe(200)
    expect((await rowOf(s.id))?.status).toBe('STOPPED')
    expect(await dedupeRows(s.id)).toHaveLength(1)
  })

  it('should answer 404 with no detail for unknown sessions', async () => {
    const { s } = await arrange()
    const sig = await signWebhook(s.webhookSecret, statusExample)
    for (const id of ['wses_0000000000000000', 'nada', s.id.toUpperCase()]) {
      const res = await deliver(id, statusExample, sig)
      expect(res.status).toBe(404)
      expect(await res.text()).toBe('')
    }
  })

  it('should answer 400 to a signed body that is not a WAHA event, and log why (not the body)', async () => {
    const { s } = await arrange()
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    try {
      for (const body of [
        '{"event":',
        '[]',
        '{"event":"session.status","session":"x","payload":{"segredo":1}}',
      ]) {
        const res = await deliver(s.id, body, await signWebhook(s.webhookSecret, body))
        expect(res.status).toBe(400)
        expect(await res.text()).toBe('')
      }
      const logged = warn.mock.calls.map((c) => JSON.parse(String(c[0])) as Record<string, unknown>)
      expect(logged).toHaveLength(3)
      expect(logged[0]).toMatchObject({
        msg: 'waha webhook refused',
        sessionId: s.id,
        status: 400,
        outcome: 'malformed',
      })
      expect(logged[0]?.detail).toContain('não é JSON')
      expect(JSON.stringify(logged)).not.toContain('segredo')
      const forged = await deliver(s.id, '{"event":"message"}', 'ab'.repeat(64))
      expect(forged.status).toBe(401)
      expect(JSON.parse(String(warn.mock.calls.at(-1)?.[0]))).toMatchObject({
        status: 401,
        outcome: 'bad_signature',
      })
    } finally {
      warn.mockRestore()
    }
    expect(await dedupeRows(s.id)).toEqual([])
  })

  it('should accept message.ack without a dedupe row (applying an ack is idempotent)', async () => {
    const { s } = await arrange('WORKING')
    const res = await deliver(s.id, ackExample, await signWebhook(s.webhookSecret, ackExample))
    expect(res.status).toBe(200)
    expect(await dedupeRows(s.id)).toEqual([])
  })

  it('should record the id of other events for dedupe', async () => {
    const { s } = await arrange('WORKING')
    const res = await deliver(s.id, messageExample, await signWebhook(s.webhookSecret, messageExample))
    expect(res.status).toBe(200)
    expect(await dedupeRows(s.id)).toEqual([expect.objectContaining({ event: 'message' })])
  })

  it('should not need an Origin header (machine route)', async () => {
    const { s } = await arrange()
    const res = await exports.default.fetch(
      new Request(`${ORIGIN}/webhooks/waha/${s.id}`, {
        method: 'POST',
        headers: {
          Origin: 'https://waha.exemplo.com.br',
          'X-Webhook-Hmac': await signWebhook(s.webhookSecret, statusExample),
        },
        body: statusExample,
      }),
    )
    expect(res.status).toBe(200)
  })
})

describe('webhook intake (core)', () => {
  function withQueue() {
    const sent: EventJob[] = []
    const send = vi.fn(async (job: EventJob) => {
      sent.push(job)
    })
    const ctx = testContext()
    return { sent, send, ctx: { ...ctx, env: { ...ctx.env, EVENTS_QUEUE: { send } as unknown as Queue } } }
  }

  async function signed(sessionId: string, webhookSecret: string, body: string) {
    return {
      sessionId,
      rawBody: new TextEncoder().encode(body),
      hmac: await signWebhook(webhookSecret, body),
    }
  }

  it('should hand a message to the events queue once, parsed and normalised', async () => {
    const { t, s } = await arrange('WORKING')
    const { sent, ctx } = withQueue()
    const req = await signed(s.id, s.webhookSecret, messageExample)
    expect(await intakeWahaWebhook(ctx, req)).toEqual({ status: 200, outcome: 'queued' })
    expect(await intakeWahaWebhook(ctx, req)).toEqual({ status: 200, outcome: 'replay' })
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({
      type: 'waha-event',
      v: 1,
      tenantId: t.tenantId,
      sessionId: s.id,
      event: { type: 'message' },
    })
  })

  it('should hand a poll vote to the events queue once (decision 038), parsed and normalised', async () => {
    const { t, s } = await arrange('WORKING')
    const { sent, ctx } = withQueue()
    // WAHA's docs (how-to/polls) payload, in the envelope of the recorded delivery.
    const body = JSON.stringify({
      ...JSON.parse(messageExample),
      id: 'evt_01k0nr0pw0pollvote0000000000',
      event: 'poll.vote',
      payload: {
        vote: {
          id: 'false_5511988887777@c.us_83ACBE602A05C79B234B54415E95EE8A',
          to: 'me',
          from: '5511988887777@c.us',
          fromMe: false,
          selectedOptions: ['Tarde'],
          timestamp: 1692861427,
        },
        poll: {
          id: 'true_5511988887777@c.us_BAE5F2EF5C69001E',
          to: '5511988887777@c.us',
          from: 'me',
          fromMe: true,
        },
      },
    })
    const req = await signed(s.id, s.webhookSecret, body)
    expect(await intakeWahaWebhook(ctx, req)).toEqual({ status: 200, outcome: 'queued' })
    expect(await intakeWahaWebhook(ctx, req)).toEqual({ status: 200, outcome: 'replay' })
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({
      tenantId: t.tenantId,
      event: {
        type: 'poll.vote',
        vote: {
          pollId: 'true_5511988887777@c.us_BAE5F2EF5C69001E',
          selected: ['Tarde'],
          votedAt: 1692861427000,
        },
      },
    })
  })

  it('should hand every delivery of an ack to the events queue, parsed and normalised', async () => {
    const { t, s } = await arrange('WORKING')
    const { sent, ctx } = withQueue()
    const req = await signed(s.id, s.webhookSecret, ackExample)
    expect(await intakeWahaWebhook(ctx, req)).toEqual({ status: 200, outcome: 'queued' })
    expect(await intakeWahaWebhook(ctx, req)).toEqual({ status: 200, outcome: 'queued' })
    expect(sent).toHaveLength(2)
    expect(sent[1]).toEqual(sent[0])
    expect(sent[0]).toMatchObject({
      type: 'waha-event',
      v: 1,
      tenantId: t.tenantId,
      sessionId: s.id,
      event: {
        type: 'message.ack',
        ack: { messageId: 'true_5511988887777@c.us_3EB0C767D26A1D2F8E4A', ack: 3, ackName: 'READ' },
      },
    })
  })

  it('should fail when the queue refuses an ack (the route answers 500 and WAHA retries)', async () => {
    const { s } = await arrange('WORKING')
    const { ctx, send } = withQueue()
    send.mockRejectedValueOnce(new Error('queue unavailable'))
    const req = await signed(s.id, s.webhookSecret, ackExample)
    await expect(intakeWahaWebhook(ctx, req)).rejects.toThrow('queue unavailable')
    expect(await intakeWahaWebhook(ctx, req)).toEqual({ status: 200, outcome: 'queued' })
  })

  it('should forget the event id when the queue fails so WAHA’s retry is applied', async () => {
    const { s } = await arrange('WORKING')
    const { ctx, send } = withQueue()
    send.mockRejectedValueOnce(new Error('queue unavailable'))
    const req = await signed(s.id, s.webhookSecret, messageExample)
    await expect(intakeWahaWebhook(ctx, req)).rejects.toThrow('queue unavailable')
    expect(await dedupeRows(s.id)).toEqual([])
    expect(await intakeWahaWebhook(ctx, req)).toEqual({ status: 200, outcome: 'queued' })
  })

  it('should ignore authentic events of another WAHA session name', async () => {
    const { s } = await arrange()
    const body = statusExample.replaceAll(WAHA_SESSION, 'outra-sessao')
    const result = await intakeWahaWebhook(testContext(), {
      sessionId: s.id,
      rawBody: new TextEncoder().encode(body),
      hmac: await signWebhook(s.webhookSecret, body),
    })
    expect(result).toEqual({ status: 200, outcome: 'ignored' })
    expect((await rowOf(s.id))?.status).toBe('STARTING')
  })

  it('should prune dedupe rows older than two days', async () => {
    const { s } = await arrange()
    const now = Date.now()
    const db = await sessionDb(s.id)
    await db.insert(webhookEvents).values([
      { sessionId: s.id, eventId: 'evt_old', event: 'message', receivedAt: now - 3 * 24 * 3600 * 1000 },
      { sessionId: s.id, eventId: 'evt_new', event: 'message', receivedAt: now - 3600 * 1000 },
    ])
    expect(await pruneWebhookEvents({ db, clock: () => now })).toBeGreaterThanOrEqual(1)
    const left = await db
      .select()
      .from(webhookEvents)
      .where(and(eq(webhookEvents.sessionId, s.id)))
    expect(left.map((r) => r.eventId)).toEqual(['evt_new'])
  })
})
