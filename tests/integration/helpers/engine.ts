// Fixtures for the send engine: sessions registered on the real WAHA simulator (paired, WORKING),
// a list, and a campaign ready to launch; plus ways to read what the simulator received.
import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { randomToken } from '../../../app/core/crypto/secrets'
import { getDb } from '../../../app/core/db/client.server'
import { addRoutes } from '../../../app/core/db/shards.server'
import { newId } from '../../../app/core/ids'
import { sealSecret } from '../../../app/core/tenants/secrets.server'
import { campaignMessages, campaigns, tenants, wahaSessions } from '../../../db/schema'
import { createContactList } from '../../builders'
import { campaignD1, createTestTenant, type TestTenant } from './app'

const SIM_KEY = 'disparo-dev-key'

export async function sim(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${env.WAHA_SIM_URL}${path}`, {
    ...init,
    headers: { 'Content-Type': 'application/json', 'X-Api-Key': SIM_KEY, ...(init.headers ?? {}) },
  })
}

export async function simJson<T = unknown>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await sim(path, init)
  if (!res.ok) throw new Error(`simulator ${path}: ${res.status} ${await res.text()}`)
  return (await res.json()) as T
}

export async function waitFor<T>(
  probe: () => Promise<T | null | undefined | false>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** Registers a session on the simulator, pairs it, and stores a WORKING row with zero-delay pacing. */
export async function createSimSession(
  tenant: TestTenant,
  opts: { pacing?: Partial<typeof wahaSessions.$inferInsert>; name?: string } = {},
) {
  const sessionName = opts.name ?? `s_${randomToken(6).replace(/[^a-zA-Z0-9]/g, 'x')}`
  await simJson('/api/sessions', { method: 'POST', body: JSON.stringify({ name: sessionName, start: true }) })
  await waitFor(async () => {
    const s = await simJson<{ status: string }>(`/api/sessions/${sessionName}`)
    return s.status === 'SCAN_QR_CODE'
  }, 'QR')
  await simJson(`/_sim/sessions/${sessionName}/scan`, { method: 'POST', body: '{}' })
  await waitFor(
    async () => (await simJson<{ status: string }>(`/api/sessions/${sessionName}`)).status === 'WORKING',
    'WORKING',
  )
  const id = newId('wses')
  const ctx = tenant.ctx
  await addRoutes(ctx, 'session', tenant.tenantId, [id])
  await ctx.db.insert(wahaSessions).values({
    id,
    tenantId: tenant.tenantId,
    displayName: `Sessão ${sessionName}`,
    serverUrl: env.WAHA_SIM_URL,
    sessionName,
    apiKeyEnc: await sealSecret(ctx, tenant.tenantId, id, 'api_key', SIM_KEY),
    apiKeyTail: 'key',
    webhookSecretEnc: await sealSecret(ctx, tenant.tenantId, id, 'webhook_secret', 'whsec-test'),
    status: 'WORKING',
    minDelayS: 0,
    maxDelayS: 0,
    maxPerMinute: 100_000,
    dailyCap: 1_000_000,
    windowDays: '0,1,2,3,4,5,6',
    windowStartMin: 0,
    windowEndMin: 1440,
    // The engine tests measure one behaviour at a time: warm-up, rest packages and the first-contact
    // budget are off unless a test turns them on…
    warmupEnabled: false,
    packageMin: 0,
    packageMax: 0,
    firstContactDailyBudget: 1_000_000,
    ...opts.pacing,
  })
  // …and so is the tenant's gap between campaign messages to a person (decision 019): tests that
  // send a second campaign to the same list turn it on themselves (tests/integration/engine-protection).
  await ctx.control.update(tenants).set({ personGapHours: 0 }).where(eq(tenants.id, tenant.tenantId))
  await ctx.db.update(tenants).set({ personGapHours: 0 }).where(eq(tenants.id, tenant.tenantId))
  return { id, sessionName }
}

export type EngineFixture = Awaited<ReturnType<typeof createEngineFixture>>

/** A tenant with `contacts` contacts, `sessions` paired sessions and a draft campaign over them. */
export async function createEngineFixture(opts: {
  contacts: number
  sessions?: number
  seed?: number
  texts?: string[]
}) {
  const tenant = await createTestTenant('Loja Envio')
  const list = await createContactList(tenant.ctx.db, {
    tenantId: tenant.tenantId,
    count: opts.contacts,
    seed: opts.seed ?? 11,
  })
  const sessions = []
  for (let i = 0; i < (opts.sessions ?? 1); i++) sessions.push(await createSimSession(tenant))
  const campaignId = newId('cmp')
  await tenant.ctx.db.insert(campaigns).values({
    id: campaignId,
    tenantId: tenant.tenantId,
    name: 'Promoção de teste',
    listId: list.id,
    texts: opts.texts ?? ['Olá {{primeiro_nome}}, {temos novidades|chegou a promoção} para você!'],
    sessionIds: sessions.map((s) => s.id),
    simulateTyping: false,
  })
  return { tenant, list, sessions, campaignId }
}

export async function campaignRow(id: string) {
  return (await campaignD1(id))
    .prepare('SELECT * FROM campaigns WHERE id = ?')
    .bind(id)
    .first<Record<string, unknown>>()
}

export async function statusCounts(campaignId: string): Promise<Record<string, number>> {
  const { results } = await (await campaignD1(campaignId))
    .prepare('SELECT status, COUNT(*) AS n FROM campaign_messages WHERE campaign_id = ? GROUP BY status')
    .bind(campaignId)
    .all<{ status: string; n: number }>()
  return Object.fromEntries(results.map((r) => [r.status, r.n]))
}

/** send calls per chat id at the simulator, for the given sessions. */
export async function sendsPerChat(sessionNames: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>()
  for (const name of sessionNames) {
    const r = await simJson<{ byChat: Record<string, { calls: number }> }>(`/_sim/sends?session=${name}`)
    for (const [chat, v] of Object.entries(r.byChat)) out.set(chat, (out.get(chat) ?? 0) + v.calls)
  }
  return out
}

/** Messages WhatsApp really got per chat id (send calls that did not fail before sending). */
export async function deliveriesPerChat(sessionNames: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>()
  for (const name of sessionNames) {
    const r = await simJson<{ byChat: Record<string, { sent: number }> }>(`/_sim/sends?session=${name}`)
    for (const [chat, v] of Object.entries(r.byChat)) out.set(chat, (out.get(chat) ?? 0) + v.sent)
  }
  return out
}

/** Resolves once no row of the campaign is pending, queued or sending. */
export async function sendsSettled(campaignId: string, timeoutMs = 30_000) {
  await waitFor(
    async () => {
      const c = await statusCounts(campaignId)
      return Object.keys(c).length > 0 && (c.pending ?? 0) + (c.queued ?? 0) + (c.sending ?? 0) === 0
    },
    'sends settled',
    timeoutMs,
  )
}

export async function messages(campaignId: string) {
  const db = getDb(await campaignD1(campaignId))
  return db.select().from(campaignMessages).where(eq(campaignMessages.campaignId, campaignId))
}
