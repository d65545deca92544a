// Tenant shards (decision 043): new teams spread over the pool, each path finds a team's rows on its
// shard and nowhere else, a team being moved waits (pages, API, queues, webhooks) without losing
// anything, and the cron's sweeps reach every shard.
import { count, eq } from 'drizzle-orm'
import { describe, expect, it, vi } from 'vitest'
import { launchNow } from '../../app/core/campaigns/lifecycle.server'
import { followTrackedLink } from '../../app/core/campaigns/link-clicks.server'
import {
  addRoutes,
  atShard,
  atTenant,
  leastLoadedShard,
  ShardMissingError,
  TeamMovingError,
} from '../../app/core/db/shards.server'
import { scopeTo } from '../../app/core/db/tenant.server'
import { dispatchPage } from '../../app/core/sending/dispatch.server'
import { routeSendJobs } from '../../app/core/sending/router.server'
import { savePersonGap } from '../../app/core/tenants/person-gap.server'
import { applyTeamAction } from '../../app/core/tenants/team.server'
import { applyEventBatch } from '../../app/core/tracking/waha-event-deps.server'
import { campaignLinks, campaignMessages, campaigns, tenants, users, wahaSessions } from '../../db/schema'
import statusExample from '../../tools/waha-simulator/contract/examples/example-webhook-session.status.json?raw'
import { createSealedWahaSession } from '../builders'
import { ack, runCron } from './health-support'
import { apiFetch, createTestToken } from './helpers/api'
import { appFetch, createTestTenant, ORIGIN, type TestTenant, testContext } from './helpers/app'
import { createEngineFixture, type EngineFixture, messages, statusCounts, waitFor } from './helpers/engine'
import { signWebhook, WAHA_SESSION } from './sessions-fake-waha'

const POOL = ['SHARD_1', 'SHARD_2', 'SHARD_3', 'SHARD_4']

async function placementOf(tenantId: string) {
  return testContext().control.select().from(tenants).where(eq(tenants.id, tenantId)).get()
}

async function setMoving(t: TestTenant, to: string | null) {
  await testContext().control.update(tenants).set({ movingTo: to }).where(eq(tenants.id, t.tenantId))
}

async function launched(f: EngineFixture) {
  const scope = scopeTo(f.tenant.ctx, f.tenant.tenantId, f.tenant.users.admin.id)
  expect((await launchNow(scope, f.campaignId, ORIGIN)).ok).toBe(true)
  await waitFor(async () => (await statusCounts(f.campaignId)).sent === 2, 'both sent')
}

describe('placement', () => {
  it('should put new teams on the least-loaded shard, with their row and staff copied there only', async () => {
    const teams: TestTenant[] = []
    for (let i = 0; i < 8; i++) teams.push(await createTestTenant(`Loja ${i}`))
    const rows = await testContext()
      .control.select({ shard: tenants.shard, n: count() })
      .from(tenants)
      .groupBy(tenants.shard)
    expect(Object.fromEntries(rows.map((r) => [r.shard, r.n]))).toEqual({
      SHARD_1: 2,
      SHARD_2: 2,
      SHARD_3: 2,
      SHARD_4: 2,
    })
    const t = teams[0]!
    const home = (await placementOf(t.tenantId))!.shard
    expect(t.ctx.shard).toBe(home)
    for (const name of POOL) {
      const db = atShard(testContext(), name).db
      const copy = await db.select().from(tenants).where(eq(tenants.id, t.tenantId)).get()
      const staff = await db.select().from(users).where(eq(users.tenantId, t.tenantId))
      if (name === home) {
        expect(copy?.name).toBe('Loja 0')
        expect(staff).toHaveLength(3)
        // The copy never holds a password hash; the control database does.
        expect(staff.every((u) => u.passwordHash === '')).toBe(true)
      } else {
        expect(copy).toBeUndefined()
        expect(staff).toEqual([])
      }
    }
    // Its pages read its shard.
    const admin = t.users.admin.cookie
    expect((await appFetch('/contatos', { cookie: admin })).status).toBe(200)
  })

  it('should say plainly when a placement or the pool names a D1 binding the Worker lacks', async () => {
    const t = await createTestTenant()
    await testContext().control.update(tenants).set({ shard: 'SHARD_9' }).where(eq(tenants.id, t.tenantId))
    await expect(atTenant(testContext(), t.tenantId)).rejects.toThrow(
      'tenant shard "SHARD_9" is not a D1 binding of this Worker',
    )
    const bad = testContext()
    bad.config = { ...bad.config, tenantShards: ['SHARD_1', 'SHARD_7'] }
    const before = await testContext().control.select({ n: count() }).from(tenants).get()
    await expect(leastLoadedShard(bad)).rejects.toBeInstanceOf(ShardMissingError)
    expect(await testContext().control.select({ n: count() }).from(tenants).get()).toEqual(before)
  })

  it('should bring staff and team settings to the shard copy when the control database changes', async () => {
    const t = await createTestTenant()
    const scope = scopeTo(t.ctx, t.tenantId, t.users.admin.id)
    const added = await applyTeamAction(scope, {
      intent: 'add',
      name: 'Carla Souza',
      email: `carla-${t.tenantId}@loja.com.br`,
      role: 'operator',
      password: 'Senha-forte-da-Carla-2026',
    })
    expect(added.ok).toBe(true)
    const copy = await t.ctx.db.select().from(users).where(eq(users.name, 'Carla Souza')).get()
    expect(copy).toMatchObject({ tenantId: t.tenantId, role: 'operator', passwordHash: '' })
    expect((await savePersonGap(scope, 'admin', 48)).ok).toBe(true)
    const row = await t.ctx.db.select().from(tenants).where(eq(tenants.id, t.tenantId)).get()
    expect(row?.personGapHours).toBe(48)
    expect((await placementOf(t.tenantId))?.personGapHours).toBe(48)
  })
})

describe('isolation across shards', () => {
  it("should never let a team's queue message, webhook or link token reach rows on another shard", async () => {
    const owner = await createEngineFixture({ contacts: 2, seed: 431 })
    const intruder = await createEngineFixture({ contacts: 2, seed: 432 })
    expect(owner.tenant.ctx.shard).not.toBe(intruder.tenant.ctx.shard)
    await launched(owner)
    const [row] = await messages(owner.campaignId)

    // A send job naming the intruder's team but the owner's campaign and row: dropped, nothing sent.
    const delivered: string[] = []
    const outcomes = await routeSendJobs(
      testContext(),
      [
        {
          type: 'send',
          v: 1,
          tenantId: intruder.tenant.tenantId,
          campaignId: owner.campaignId,
          messageId: row!.id,
        },
      ],
      async (sessionId) => {
        delivered.push(sessionId)
      },
    )
    expect(outcomes).toEqual(['dropped'])
    expect(delivered).toEqual([])

    // A dispatch job the same way: the intruder's shard has no such campaign; nothing is created anywhere.
    const page = await dispatchPage(testContext(), {
      type: 'dispatch',
      v: 1,
      tenantId: intruder.tenant.tenantId,
      campaignId: owner.campaignId,
    })
    expect(page).toMatchObject({ state: 'not_running', created: 0 })
    expect(await intruder.tenant.ctx.db.select({ n: count() }).from(campaignMessages).get()).toEqual({ n: 0 })

    // A READ ack for an owner's message, queued as the intruder's: the owner's row does not move. The same
    // ack queued as the owner's does (so the probe is a real one).
    const s = owner.sessions[0]!
    const [forged] = await owner.tenant.ctx.db
      .insert(campaignMessages)
      .values({
        tenantId: owner.tenant.tenantId,
        campaignId: owner.campaignId,
        contactId: 999_001,
        phoneE164: '+5511990001234',
        status: 'sent',
        sessionId: s.id,
        sentAt: Date.now(),
        wahaMessageId: 'true_5511990001234@c.us_SHARDPROBE01',
      })
      .returning({ id: campaignMessages.id })
    const readAck = (tenantId: string, sessionId: string) => ({
      type: 'waha-event' as const,
      v: 1 as const,
      tenantId,
      sessionId,
      event: ack(s.sessionName, 'true_5511990001234@c.us_SHARDPROBE01', '5511990001234@c.us', 3),
    })
    await applyEventBatch(testContext(), [readAck(intruder.tenant.tenantId, intruder.sessions[0]!.id)])
    const statusOf = async () =>
      (
        await owner.tenant.ctx.db
          .select()
          .from(campaignMessages)
          .where(eq(campaignMessages.id, forged!.id))
          .get()
      )?.status
    expect(await statusOf()).toBe('sent')
    await applyEventBatch(testContext(), [readAck(owner.tenant.tenantId, s.id)])
    expect(await statusOf()).toBe('read')

    // A link token routed to the intruder's team does not open the owner's link.
    await owner.tenant.ctx.db.insert(campaignLinks).values({
      token: 'tokDoDonoA1',
      tenantId: owner.tenant.tenantId,
      campaignId: owner.campaignId,
      messageId: row!.id,
      url: 'https://loja.exemplo.com.br/oferta',
    })
    await addRoutes(testContext(), 'link', intruder.tenant.tenantId, ['tokDoDonoA1'])
    expect(await followTrackedLink(testContext(), 'tokDoDonoA1')).toBeNull()
    expect((await appFetch('/l/tokDoDonoA1')).status).toBe(404)
    const link = await owner.tenant.ctx.db
      .select()
      .from(campaignLinks)
      .where(eq(campaignLinks.token, 'tokDoDonoA1'))
      .get()
    expect(link?.clicks).toBe(0)
  })

  it("should refuse a webhook for one team's session signed with another team's secret", async () => {
    const owner = await createTestTenant('Loja A')
    const intruder = await createTestTenant('Loja B')
    expect(owner.ctx.shard).not.toBe(intruder.ctx.shard)
    const mine = await createSealedWahaSession(owner.ctx, {
      tenantId: owner.tenantId,
      sessionName: WAHA_SESSION,
      status: 'STARTING',
    })
    const theirs = await createSealedWahaSession(intruder.ctx, {
      tenantId: intruder.tenantId,
      sessionName: WAHA_SESSION,
    })
    const body = statusExample
    const res = await appFetch(`/webhooks/waha/${mine.id}`, {
      body,
      origin: null,
      headers: {
        'content-type': 'application/json',
        'X-Webhook-Hmac': await signWebhook(theirs.webhookSecret, body),
      },
    })
    expect(res.status).toBe(401)
    const row = await owner.ctx.db.select().from(wahaSessions).where(eq(wahaSessions.id, mine.id)).get()
    expect(row?.status).toBe('STARTING')
  })
})

describe('a team being moved between shards', () => {
  it('should make pages, the API, queues and webhooks wait, keep links working, and lose nothing', async () => {
    const f = await createEngineFixture({ contacts: 2, seed: 433 })
    await launched(f)
    const token = await createTestToken(f.tenant, ['contacts:read'])
    const [row] = await messages(f.campaignId)
    await f.tenant.ctx.db.insert(campaignLinks).values({
      token: 'tokMudandoB2',
      tenantId: f.tenant.tenantId,
      campaignId: f.campaignId,
      messageId: row!.id,
      url: 'https://loja.exemplo.com.br/mudanca',
    })
    await addRoutes(testContext(), 'link', f.tenant.tenantId, ['tokMudandoB2'])
    await setMoving(f.tenant, 'SHARD_4')

    const page = await appFetch('/campanhas', { cookie: f.tenant.users.viewer.cookie })
    expect(page.status).toBe(503)
    expect(await page.text()).toContain('Sua equipe está mudando de lugar')
    const api = await apiFetch('/contacts', { headers: { Authorization: `Bearer ${token}` } })
    expect(api.status).toBe(503)
    expect(await api.json()).toMatchObject({ status: 503, title: 'Equipe mudando de lugar' })

    const job = {
      type: 'send' as const,
      v: 1 as const,
      tenantId: f.tenant.tenantId,
      campaignId: f.campaignId,
      messageId: row!.id,
    }
    expect(await routeSendJobs(testContext(), [job], async () => {})).toEqual(['retry'])
    await expect(
      dispatchPage(testContext(), {
        type: 'dispatch',
        v: 1,
        tenantId: f.tenant.tenantId,
        campaignId: f.campaignId,
      }),
    ).rejects.toBeInstanceOf(TeamMovingError)

    // The person who clicks still gets where the link goes; the count waits for the move (logged).
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const click = await appFetch('/l/tokMudandoB2')
    expect(click.status).toBe(302)
    expect(click.headers.get('location')).toBe('https://loja.exemplo.com.br/mudanca')
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('click not counted'))
    warn.mockRestore()

    // Moved (here: the move gave up and the team stays): everything answers again, nothing was lost.
    await setMoving(f.tenant, null)
    expect((await appFetch('/campanhas', { cookie: f.tenant.users.viewer.cookie })).status).toBe(200)
    expect((await apiFetch('/contacts', { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200)
    expect((await appFetch('/l/tokMudandoB2')).status).toBe(302)
    const link = await f.tenant.ctx.db
      .select()
      .from(campaignLinks)
      .where(eq(campaignLinks.token, 'tokMudandoB2'))
      .get()
    expect(link?.clicks).toBe(1)
    expect((await statusCounts(f.campaignId)).sent).toBe(2)
  })

  it('should answer 503 to a webhook that writes while its team moves, so WAHA retries it', async () => {
    const t = await createTestTenant()
    const s = await createSealedWahaSession(t.ctx, {
      tenantId: t.tenantId,
      sessionName: WAHA_SESSION,
      status: 'STARTING',
    })
    await setMoving(t, 'SHARD_3')
    const body = statusExample
    const post = async () =>
      appFetch(`/webhooks/waha/${s.id}`, {
        body,
        origin: null,
        headers: {
          'content-type': 'application/json',
          'X-Webhook-Hmac': await signWebhook(s.webhookSecret, body),
        },
      })
    expect((await post()).status).toBe(503)
    expect((await t.ctx.db.select().from(wahaSessions).where(eq(wahaSessions.id, s.id)).get())?.status).toBe(
      'STARTING',
    )
    await setMoving(t, null)
    expect((await post()).status).toBe(200)
    expect((await t.ctx.db.select().from(wahaSessions).where(eq(wahaSessions.id, s.id)).get())?.status).toBe(
      'WORKING',
    )
  })
})

describe('the cron on every shard', () => {
  it('should release due campaigns of teams on different shards in one tick', async () => {
    const a = await createEngineFixture({ contacts: 1, seed: 434 })
    const b = await createEngineFixture({ contacts: 1, seed: 435 })
    expect(a.tenant.ctx.shard).not.toBe(b.tenant.ctx.shard)
    for (const f of [a, b]) {
      await f.tenant.ctx.db
        .update(campaigns)
        .set({ status: 'scheduled', scheduledAt: Date.now() - 60_000, baseUrl: ORIGIN })
        .where(eq(campaigns.id, f.campaignId))
    }
    await runCron()
    for (const f of [a, b]) {
      await waitFor(
        async () => (await statusCounts(f.campaignId)).sent === 1,
        `sent on ${f.tenant.ctx.shard}`,
      )
    }
  })
})
