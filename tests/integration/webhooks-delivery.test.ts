// Outbound webhook delivery (decision 033) with a fake clock: backoff for up to 24 hours, then
// exhausted and the endpoint disabled with its reason; timeouts, redirects, 500s and private addresses
// give clear logged errors and lose nothing; manual redelivery keeps the webhook-id.
import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import type { AppContext } from '../../app/core/context.server'
import { scopeTo } from '../../app/core/db/tenant.server'
import { RETRY_WINDOW_MS } from '../../app/core/webhooks/backoff'
import { attemptDelivery } from '../../app/core/webhooks/deliver.server'
import { pruneWebhookDeliveries, WEBHOOK_LOG_DAYS } from '../../app/core/webhooks/deliveries.server'
import { emitWebhookEvent } from '../../app/core/webhooks/emit.server'
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from '../../db/schema'
import { appFetch, createTestTenant, type TestTenant } from './helpers/app'
import { received, receiverEndpoint, receiverPath, verifiedEvents } from './webhooks-support'

// Far ahead of the real clock, so the real queue consumer (real time) never finds these rows due.
const T0 = Date.now() + 10 * 365 * 86_400_000

/** A fake clock over the team's context (its shard, decision 043). */
function clockAt(start: number, team: TestTenant) {
  let now = start
  const ctx: AppContext = { ...team.ctx, clock: () => now }
  return { ctx, set: (t: number) => (now = t), now: () => now }
}

async function oneDelivery(ctx: AppContext, endpointId: string) {
  const rows = await ctx.db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.endpointId, endpointId))
  expect(rows).toHaveLength(1)
  return rows[0]!
}

describe('webhook delivery', () => {
  it('retries a 500 on the backoff for 24 h, then gives up and disables the endpoint with its reason', async () => {
    const tenant = await createTestTenant('Loja Webhook 500')
    const path = receiverPath('fail')
    const { id, secret } = await receiverEndpoint(tenant, path)
    const clock = clockAt(T0, tenant)
    await emitWebhookEvent(clock.ctx, tenant.tenantId, 'campaign.started', { campaignId: 'cmp_x' })
    const d = await oneDelivery(clock.ctx, id)
    const gaps: number[] = []
    for (;;) {
      const r = await attemptDelivery(clock.ctx, d.id)
      expect(r.kind).toBe('failed')
      if (r.kind !== 'failed' || r.nextAt === null) break
      expect(r.httpStatus).toBe(500)
      // Not due before its time.
      expect((await attemptDelivery(clock.ctx, d.id)).kind).toBe('not_due')
      gaps.push((r.nextAt - clock.now()) / 1000)
      clock.set(r.nextAt)
    }
    expect(gaps).toEqual([5, 300, 1800, 7200, 18_000, 36_000, 23_095])
    expect(clock.now() - T0).toBe(RETRY_WINDOW_MS)
    const after = await oneDelivery(clock.ctx, id)
    expect(after).toMatchObject({ status: 'exhausted', attempts: 8, nextAttemptAt: null })
    const log = await clock.ctx.db.select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, d.id))
    expect(log.map((a) => a.httpStatus)).toEqual(Array(8).fill(500))
    expect(log[0]!.responseSnippet).toBe('erro interno do receptor')
    const endpoint = await clock.ctx.db
      .select()
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.id, id))
      .get()
    expect(endpoint).toMatchObject({
      enabled: false,
      disabledCode: 'webhooks.disabled.failing',
      failureStreak: 8,
    })
    // The receiver got the same webhook-id on every attempt, each signed.
    const got = await verifiedEvents(path, secret, { fakeClock: true })
    expect(got).toHaveLength(8)
    expect(new Set(got.map((g) => g.id))).toEqual(new Set([d.eventId]))
    // The page tells the admin why.
    const page = await (
      await appFetch(`/integracoes/webhooks/${id}`, { cookie: tenant.users.admin.cookie })
    ).text()
    expect(page).toContain('Desativado automaticamente: todas as entregas falharam desde')
    const list = await (await appFetch('/integracoes/webhooks', { cookie: tenant.users.admin.cookie })).text()
    expect(list).toContain('1 endereço foi desativado por falhas seguidas.')
    // The home page tells them too: admins get the way to fix it, others whom to ask.
    const home = await (await appFetch('/', { cookie: tenant.users.admin.cookie })).text()
    expect(home).toContain('data-testid="dashboard-webhooks-off"')
    expect(home).toContain('1 endereço foi desativado por falhas seguidas.')
    expect(home).toContain('href="/integracoes/webhooks"')
    const viewerHome = await (await appFetch('/', { cookie: tenant.users.viewer.cookie })).text()
    expect(viewerHome).toContain('Peça a um administrador')
  })

  it('a timeout, a redirect and a private address are failed attempts with clear errors; nothing is lost', async () => {
    const tenant = await createTestTenant('Loja Webhook erros')
    const clock = clockAt(T0, tenant)
    const cases = [
      { path: receiverPath('slow'), code: 'net.timeout' },
      { path: receiverPath('redirect'), code: 'net.redirect_to' },
    ]
    for (const c of cases) {
      const { id } = await receiverEndpoint(tenant, c.path, ['campaign.paused'])
      await emitWebhookEvent(clock.ctx, tenant.tenantId, 'campaign.paused', { campaignId: 'cmp_y' })
      const d = await oneDelivery(clock.ctx, id)
      const r = await attemptDelivery(clock.ctx, d.id)
      expect(r).toMatchObject({ kind: 'failed', httpStatus: null, error: { code: c.code } })
      expect(await oneDelivery(clock.ctx, id)).toMatchObject({ status: 'pending', attempts: 1 })
      await clock.ctx.db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id))
    }
    // Production refuses private addresses at delivery too (an endpoint saved before the rule).
    const path = receiverPath('ok')
    const { id } = await receiverEndpoint(tenant, path, ['campaign.paused'])
    const prod = { ...clock.ctx, config: { ...clock.ctx.config, allowPrivateUrls: false } }
    await emitWebhookEvent(prod, tenant.tenantId, 'campaign.paused', { campaignId: 'cmp_z' })
    const d = await oneDelivery(prod, id)
    expect(await attemptDelivery(prod, d.id)).toMatchObject({
      kind: 'failed',
      error: { code: 'net.url.private_address' },
    })
    expect(await received(path)).toEqual([])
    // Allowed again (local), the retry delivers it.
    clock.set(T0 + 5_000)
    expect(await attemptDelivery(clock.ctx, d.id)).toMatchObject({ kind: 'succeeded', httpStatus: 200 })
  })

  it('a manual redelivery sends the same event again under the same webhook-id', async () => {
    const tenant = await createTestTenant('Loja Webhook reenvio')
    const path = receiverPath('ok')
    const { id, secret } = await receiverEndpoint(tenant, path, ['campaign.finished'])
    const clock = clockAt(T0, tenant)
    await emitWebhookEvent(clock.ctx, tenant.tenantId, 'campaign.finished', { campaignId: 'cmp_r' })
    const d = await oneDelivery(clock.ctx, id)
    expect((await attemptDelivery(clock.ctx, d.id)).kind).toBe('succeeded')
    expect((await attemptDelivery(clock.ctx, d.id)).kind).toBe('not_due')
    const res = await appFetch(`/integracoes/webhooks/${id}`, {
      cookie: tenant.users.admin.cookie,
      form: { intent: 'redeliver', deliveryId: d.id },
    })
    expect(res.status).toBe(303)
    const rows = await clock.ctx.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.endpointId, id))
    expect(rows).toHaveLength(2)
    const again = rows.find((r) => r.id !== d.id)!
    expect(again.eventId).toBe(d.eventId)
    // The real queue consumer (real clock) delivers the redelivery at once.
    await expect.poll(async () => (await received(path)).length, { timeout: 10_000 }).toBe(2)
    const got = await verifiedEvents(path, secret, { fakeClock: true })
    expect(got.map((g) => g.id)).toEqual([d.eventId, d.eventId])
  })

  it('the page: admins only, the secret shown once, a private or bad URL refused in Portuguese with nothing saved', async () => {
    const tenant = await createTestTenant('Loja Webhook página')
    for (const role of ['operator', 'viewer'] as const) {
      const res = await appFetch('/integracoes/webhooks', { cookie: tenant.users[role].cookie })
      expect(res.status).toBe(403)
    }
    const form = new FormData()
    form.set('intent', 'create')
    form.set('url', `${env.WEBHOOK_RECEIVER_URL}${receiverPath('ok')}`)
    form.append('eventTypes', 'message.read')
    form.append('eventTypes', 'campaign.finished')
    const made = await appFetch('/integracoes/webhooks', { cookie: tenant.users.admin.cookie, form })
    expect(made.status).toBe(200)
    const html = await made.text()
    const secret = /id="new-secret"[^>]*value="(whsec_[^"]+)"/.exec(html)?.[1]
    expect(secret).toMatch(/^whsec_/)
    const again = await (
      await appFetch('/integracoes/webhooks', { cookie: tenant.users.admin.cookie })
    ).text()
    expect(again).not.toContain(secret!)
    const scope = scopeTo(tenant.ctx, tenant.tenantId, null)
    const stored = await scope.db
      .select()
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.tenantId, tenant.tenantId))
    expect(stored).toHaveLength(1)
    expect(stored[0]!.eventTypes).toEqual(['message.read', 'campaign.finished'])
    expect(stored[0]!.secretEnc).not.toContain(secret!.slice(6, 20))

    const bad = await appFetch('/integracoes/webhooks', {
      cookie: tenant.users.admin.cookie,
      form: { intent: 'create', url: 'ftp://exemplo.com.br/x', eventTypes: 'message.read' },
    })
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('Use um endereço que comece com http:// ou https://.')
    const none = await appFetch('/integracoes/webhooks', {
      cookie: tenant.users.admin.cookie,
      form: { intent: 'create', url: 'https://exemplo.com.br/x' },
    })
    expect(await none.text()).toContain('Marque pelo menos um evento.')
    expect(
      await scope.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.tenantId, tenant.tenantId)),
    ).toHaveLength(1)
  })

  it('the cron prunes finished deliveries and their attempts after 30 days; pending and recent ones stay', async () => {
    const tenant = await createTestTenant('Loja Webhook limpeza')
    const path = receiverPath('ok')
    const { id } = await receiverEndpoint(tenant, path, ['campaign.started', 'campaign.paused'])
    // Earlier than every other test here (still far ahead of the real clock), so the prune's cutoff
    // stays before their rows and they stay.
    const start = T0 - 400 * 86_400_000
    const clock = clockAt(start, tenant)
    await emitWebhookEvent(clock.ctx, tenant.tenantId, 'campaign.started', { campaignId: 'cmp_old' })
    const old = await oneDelivery(clock.ctx, id)
    expect((await attemptDelivery(clock.ctx, old.id)).kind).toBe('succeeded')
    // A delivery still inside its retry window is never pruned, however old.
    await clock.ctx.db.insert(webhookDeliveries).values({
      id: 'whd_pending_old',
      tenantId: tenant.tenantId,
      endpointId: id,
      eventId: 'msg_pending_old',
      type: 'campaign.paused',
      payload: '{}',
      status: 'pending',
      nextAttemptAt: start + 400 * 86_400_000,
      createdAt: start,
      updatedAt: start,
    })
    clock.set(start + 29 * 86_400_000)
    await emitWebhookEvent(clock.ctx, tenant.tenantId, 'campaign.paused', { campaignId: 'cmp_new' })
    clock.set(start + (WEBHOOK_LOG_DAYS + 1) * 86_400_000)
    // Rows of other tests in this file, made on the real clock, are older still and go too.
    expect(await pruneWebhookDeliveries(clock.ctx)).toBeGreaterThanOrEqual(1)
    const left = await clock.ctx.db
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.endpointId, id))
    expect(left.map((r) => r.id)).not.toContain(old.id)
    expect(left.map((r) => r.id)).toContain('whd_pending_old')
    expect(left).toHaveLength(2)
    const attempts = await clock.ctx.db
      .select()
      .from(webhookAttempts)
      .where(eq(webhookAttempts.deliveryId, old.id))
    expect(attempts).toEqual([])
  })
})
