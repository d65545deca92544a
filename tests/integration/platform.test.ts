// The platform wiring: health, pages, the Durable Object, dead-letter queues and the cron trigger.
import {
  createExecutionContext,
  createMessageBatch,
  createScheduledController,
  getQueueResult,
  runInDurableObject,
  waitOnExecutionContext,
} from 'cloudflare:test'
import { env, exports } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { pruneOrphanMedia } from '../../app/core/campaigns/media-prune.server'
import {
  authSessions,
  campaigns,
  deadLetters,
  loginAttempts,
  pendingAcks,
  sessionEvents,
  sessionHealthHours,
  webhookEvents,
} from '../../db/schema'
import worker from '../../workers/app'
import { createCampaign, createContactList, createSealedWahaSession } from '../builders'
import { appFetch, createTestTenant, testContext } from './helpers/app'

describe('worker entry', () => {
  it('should answer the health check from Hono', async () => {
    const res = await exports.default.fetch(new Request('https://disparo.test/healthz'))
    expect(await res.json()).toEqual({ ok: true })
  })

  it('should render the friendly 404 page', async () => {
    const t = await createTestTenant()
    const res = await appFetch('/nada-aqui', { cookie: t.users.viewer.cookie })
    expect(res.status).toBe(404)
    expect(await res.text()).toContain('Página não encontrada')
  })

  it('should title pages in the chosen language', async () => {
    expect(await (await appFetch('/login')).text()).toContain('<title>Entrar · Disparo</title>')
    const t = await createTestTenant()
    const en = await (
      await appFetch('/campanhas', { cookie: `${t.users.viewer.cookie}; disparo_lang=en` })
    ).text()
    expect(en).toContain('<title>Campaigns · Disparo</title>')
    const list = await createContactList(t.ctx.db, { tenantId: t.tenantId, name: 'Clientes VIP', count: 1 })
    const named = await (
      await appFetch(`/contatos/listas/${list.id}`, { cookie: `${t.users.viewer.cookie}; disparo_lang=en` })
    ).text()
    expect(named).toContain('<title>Clientes VIP · Contacts · Disparo</title>')
  })

  it('should switch language and theme with a plain form post', async () => {
    const res = await appFetch('/preferencias', { form: { lang: 'en', theme: 'dark', returnTo: '/login' } })
    expect(res.status).toBe(303)
    expect(res.headers.get('Location')).toBe('/login')
    const cookies = res.headers.getSetCookie().join('\n')
    expect(cookies).toContain('disparo_lang=en')
    expect(cookies).toContain('disparo_theme=dark')
    const evil = await appFetch('/preferencias', { form: { lang: 'xx', returnTo: '//evil.example' } })
    expect(evil.headers.get('Location')).toBe('/')
    expect(evil.headers.getSetCookie()).toEqual([])
  })
})

describe('SenderSession durable object', () => {
  it('should keep live state in its SQLite storage', async () => {
    const stub = env.SENDER_SESSION.getByName('wses_test')
    expect(await stub.getState()).toMatchObject({ status: 'STOPPED', qr: null })
    await stub.setState({ status: 'SCAN_QR_CODE', qr: 'qr-1' }, 1000)
    await runInDurableObject(stub, async (_instance, state) => {
      const rows = state.storage.sql.exec('SELECT status, qr FROM live_state').toArray()
      expect(rows).toEqual([{ status: 'SCAN_QR_CODE', qr: 'qr-1' }])
    })
    const working = await stub.setState({ status: 'WORKING' }, 2000)
    expect(working).toEqual({ status: 'WORKING', qr: null, lastError: null, updatedAt: 2000 })
  })
})

describe('queues', () => {
  it('should record dead letters and ack them', async () => {
    const batch = createMessageBatch('disparo-sends-dlq', [
      {
        id: 'm1',
        timestamp: new Date(),
        attempts: 11,
        body: { type: 'send', v: 1, tenantId: 'ten_x', campaignId: 'c', messageId: 1 },
      },
    ])
    const ctx = createExecutionContext()
    await worker.queue(batch, env, ctx)
    const result = await getQueueResult(batch, ctx)
    expect(result.ackAll).toBe(true)
    const rows = await testContext().db.select().from(deadLetters)
    expect(rows).toEqual([expect.objectContaining({ queue: 'disparo-sends-dlq', tenantId: 'ten_x' })])
  })

  it('should never drop messages of a queue without a consumer', async () => {
    const batch = createMessageBatch('disparo-unknown', [
      { id: 'm2', timestamp: new Date(), attempts: 1, body: {} },
    ])
    const ctx = createExecutionContext()
    await worker.queue(batch, env, ctx)
    const result = await getQueueResult(batch, ctx)
    expect(result.retryBatch.retry).toBe(true)
    expect(result.ackAll).toBe(false)
  })
})

describe('cron', () => {
  it('should prune expired sessions, stale login counters, old webhook ids and orphan acks', async () => {
    const t = await createTestTenant()
    const db = testContext().db
    await db.insert(authSessions).values({
      idHash: 'old',
      userId: t.users.admin.id,
      tenantId: t.tenantId,
      lastSeenAt: 0,
      expiresAt: 1,
    })
    await db.insert(loginAttempts).values({ key: 'email:old@example.com', windowStart: 0, failures: 3 })
    await db.insert(webhookEvents).values([
      { sessionId: 'wses_x', eventId: 'evt_old', event: 'message.ack', receivedAt: 1 },
      { sessionId: 'wses_x', eventId: 'evt_new', event: 'message.ack', receivedAt: Date.now() },
    ])
    await db.insert(pendingAcks).values([
      { wahaMessageId: 'old', tenantId: t.tenantId, ack: 3, at: 1 },
      { wahaMessageId: 'new', tenantId: t.tenantId, ack: 3, at: Date.now() },
    ])
    const controller = createScheduledController({ scheduledTime: new Date(), cron: '* * * * *' })
    const ctx = createExecutionContext()
    await worker.scheduled(controller, env, ctx)
    await waitOnExecutionContext(ctx)
    const sessions = await db.select().from(authSessions)
    expect(sessions.find((s) => s.idHash === 'old')).toBeUndefined()
    expect(sessions.length).toBeGreaterThan(0)
    expect(await db.select().from(loginAttempts)).toEqual([])
    expect((await db.select().from(webhookEvents)).map((e) => e.eventId)).toEqual(['evt_new'])
    expect((await db.select().from(pendingAcks)).map((a) => a.wahaMessageId)).toEqual(['new'])
  })
  it('should delete hourly health scores and refusals after 30 days, and keep the status log and the guard history', async () => {
    const t = await createTestTenant()
    const s = await createSealedWahaSession(t.ctx, { tenantId: t.tenantId, status: 'STOPPED' })
    const db = t.ctx.db
    const now = Date.now()
    const day = 24 * 3600 * 1000
    const hour = (hourStart: number) => ({
      tenantId: t.tenantId,
      sessionId: s.id,
      hourStart,
      computedAt: hourStart,
      score: 90,
      state: 'saudavel',
      counts: '{}',
    })
    await db
      .insert(sessionHealthHours)
      .values([hour(now - 31 * day), hour(now - 29 * day), hour(now - 3600_000)])
    const event = (
      kind: 'reach_out_limit' | 'rate_limited' | 'status' | 'guard',
      key: string,
      at: number,
    ) => ({
      tenantId: t.tenantId,
      sessionId: s.id,
      kind,
      key,
      at,
    })
    await db
      .insert(sessionEvents)
      .values([
        event('reach_out_limit', 'old463', now - 31 * day),
        event('rate_limited', 'old429', now - 40 * day),
        event('reach_out_limit', 'new463', now - 29 * day),
        event('status', `WORKING@${now - 60 * day}`, now - 60 * day),
        event('guard', `pause:${now - 60 * day}`, now - 60 * day),
      ])
    const controller = createScheduledController({ scheduledTime: new Date(), cron: '* * * * *' })
    const ctx = createExecutionContext()
    await worker.scheduled(controller, env, ctx)
    await waitOnExecutionContext(ctx)
    const hours = await db.select().from(sessionHealthHours).where(eq(sessionHealthHours.sessionId, s.id))
    expect(hours.map((h) => h.hourStart).sort()).toEqual([now - 29 * day, now - 3600_000])
    const events = await db.select().from(sessionEvents).where(eq(sessionEvents.sessionId, s.id))
    expect(events.map((e) => e.key).sort()).toEqual(
      ['new463', `WORKING@${now - 60 * day}`, `pause:${now - 60 * day}`].sort(),
    )
  })

  it('should delete campaign images no campaign uses, a day after upload, and keep every used one', async () => {
    const t = await createTestTenant()
    const key = (name: string) => `media/${t.tenantId}/img_${name}`
    for (const name of ['draftused', 'sentused', 'replaced', 'abandoned']) {
      await env.FILES.put(key(name), new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))
    }
    await env.FILES.put(`imports/${t.tenantId}/lst_x.csv`, 'nome;telefone')
    const db = t.ctx.db
    const draft = await createCampaign(db, { tenantId: t.tenantId })
    const sent = await createCampaign(db, { tenantId: t.tenantId, status: 'finished' })
    await db
      .update(campaigns)
      .set({ mediaKey: key('draftused'), mediaType: 'image/jpeg' })
      .where(eq(campaigns.id, draft.id))
    await db
      .update(campaigns)
      .set({ mediaKey: key('sentused'), mediaType: 'image/jpeg' })
      .where(eq(campaigns.id, sent.id))
    // Just uploaded: inside the grace day, nothing goes.
    expect(await pruneOrphanMedia({ ...t.ctx, clock: () => Date.now() })).toBe(0)
    const dayLater = () => Date.now() + 25 * 60 * 60 * 1000
    expect(await pruneOrphanMedia({ ...t.ctx, clock: dayLater })).toBe(2)
    const left = (await env.FILES.list({ prefix: `media/${t.tenantId}/` })).objects.map((o) => o.key).sort()
    expect(left).toEqual([key('draftused'), key('sentused')])
    expect(await env.FILES.head(`imports/${t.tenantId}/lst_x.csv`)).not.toBeNull()
  })
})
