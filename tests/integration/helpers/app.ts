// Drives the real Worker (Hono -> Remix) from inside workerd, as a browser would: same-origin POSTs,
// cookies carried by hand.
import { env, exports } from 'cloudflare:workers'
import { createAuthSession } from '../../../app/core/auth/session.server'
import { type AppContext, createAppContext } from '../../../app/core/context.server'
import { getDb } from '../../../app/core/db/client.server'
import { atShard, atTenant, forEachShard, routeOf, tenantDatabases } from '../../../app/core/db/shards.server'
import { placeNewTeam } from '../../../app/core/tenants/move/id-blocks.server'
import { copyTeamToShard } from '../../../app/core/tenants/shard-copy.server'
import type { UserRole } from '../../../db/schema'
import { createTenant, createUser } from '../../builders'

export const ORIGIN = 'https://disparo.test'

export function testContext(overrides: Partial<Pick<AppContext, 'clock' | 'random'>> = {}): AppContext {
  return createAppContext(env, overrides)
}

/** Numbers add up, arrays concatenate, objects merge key by key: one sweep's results over all shards. */
function mergeResults(a: unknown, b: unknown): unknown {
  if (a === undefined || a === null) return b
  if (b === undefined || b === null) return a
  if (typeof a === 'number' && typeof b === 'number') return a + b
  if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b]
  if (typeof a === 'object' && typeof b === 'object') {
    const out: Record<string, unknown> = { ...(a as Record<string, unknown>) }
    for (const [k, v] of Object.entries(b as Record<string, unknown>)) out[k] = mergeResults(out[k], v)
    return out
  }
  return b
}

/**
 * Runs a cross-team sweep the way the cron does (decision 043): once per tenant database, the control
 * database included, and adds up what each run returned.
 */
export async function acrossShards<T>(
  sweep: (ctx: AppContext) => Promise<T>,
  overrides: Partial<Pick<AppContext, 'clock' | 'random'>> = {},
): Promise<T> {
  const results = await forEachShard(testContext(overrides), sweep)
  return results.reduce<unknown>((acc, r) => mergeResults(acc, r), undefined) as T
}

/** One context per tenant database (decision 043), for sweeps a test steps through itself. */
export function shardContexts(overrides: Partial<Pick<AppContext, 'clock' | 'random'>> = {}): AppContext[] {
  const ctx = testContext(overrides)
  return tenantDatabases(ctx).map((name) => atShard(ctx, name))
}

/** The context at the shard holding `tenantId`'s rows (decision 043). */
export function tenantContext(tenantId: string): Promise<AppContext> {
  return atTenant(testContext(), tenantId)
}

/** The context at the shard of the team a WAHA session id belongs to (found through its machine route). */
export async function sessionContext(
  sessionId: string,
  overrides: Partial<Pick<AppContext, 'clock' | 'random'>> = {},
): Promise<AppContext> {
  const ctx = testContext(overrides)
  const tenantId = await routeOf(ctx, 'session', sessionId)
  if (!tenantId) throw new Error(`no route for session ${sessionId}`)
  return atTenant(ctx, tenantId)
}

/** drizzle at the shard of the team a WAHA session id belongs to. */
export async function sessionDb(sessionId: string): Promise<AppContext['db']> {
  return (await sessionContext(sessionId)).db
}

/** The D1 binding of the shard a WAHA session id belongs to. */
export async function sessionD1(sessionId: string): Promise<D1Database> {
  return (await sessionDb(sessionId)).$client
}

/**
 * The D1 binding holding the row `id` of `table` (test-only lookup over every tenant database:
 * production code finds a team's shard from the team, never by looking around).
 */
export async function findD1(table: 'campaigns' | 'contact_lists', id: string): Promise<D1Database> {
  const ctx = testContext()
  const bindings = env as unknown as Record<string, D1Database>
  for (const name of tenantDatabases(ctx)) {
    const d1 = bindings[name] as D1Database
    const hit = await d1.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).bind(id).first()
    if (hit) return d1
  }
  return env.DB
}

/** The D1 binding holding a campaign. */
export function campaignD1(campaignId: string): Promise<D1Database> {
  return findD1('campaigns', campaignId)
}

/** drizzle at the database holding a campaign (test-only lookup, see campaignD1). */
export async function campaignDb(campaignId: string): Promise<AppContext['db']> {
  return getDb(await campaignD1(campaignId))
}

export type RequestOptions = {
  method?: string
  cookie?: string
  form?: Record<string, string> | FormData
  /** A raw body (JSON for the API), instead of a form. */
  body?: string | Uint8Array<ArrayBuffer>
  headers?: Record<string, string>
  origin?: string | null
}

/** Sends a request through the Worker's fetch handler. POSTs carry our Origin unless told otherwise. */
export async function appFetch(path: string, opts: RequestOptions = {}): Promise<Response> {
  const method = opts.method ?? (opts.form || opts.body !== undefined ? 'POST' : 'GET')
  const headers = new Headers(opts.headers)
  headers.set('Host', new URL(ORIGIN).host)
  if (opts.cookie) headers.set('Cookie', opts.cookie)
  if (method !== 'GET' && opts.origin !== null) headers.set('Origin', opts.origin ?? ORIGIN)
  let body: BodyInit | undefined = opts.body
  if (opts.form instanceof FormData) body = opts.form
  else if (opts.form) body = new URLSearchParams(opts.form)
  return exports.default.fetch(new Request(`${ORIGIN}${path}`, { method, headers, body, redirect: 'manual' }))
}

/** Extracts `name=value` pairs from Set-Cookie headers into a Cookie header value. */
export function cookieFrom(response: Response, previous = ''): string {
  const jar = new Map(
    previous
      .split(';')
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)] as const),
  )
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';')
    if (!pair) continue
    const eq = pair.indexOf('=')
    const name = pair.slice(0, eq)
    const value = pair.slice(eq + 1)
    if (/Max-Age=0/i.test(line) || value === '') jar.delete(name)
    else jar.set(name, value)
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
}

export type TestTenant = {
  tenantId: string
  ctx: AppContext
  users: Record<UserRole, { id: string; email: string; password: string; cookie: string }>
}

/** A tenant with one signed-in user per role. */
export async function createTestTenant(name = 'Loja Teste'): Promise<TestTenant> {
  const control = testContext()
  // Placed like a new team (decision 043): the least-loaded shard of the pool, so a file's teams spread.
  const shard = await placeNewTeam(control)
  const tenant = await createTenant(control.control, name, shard)
  const roles: UserRole[] = ['admin', 'operator', 'viewer']
  const entries = await Promise.all(
    roles.map(async (role) => {
      const u = await createUser(control.control, control.config.passwordPepper, {
        tenantId: tenant.id,
        role,
        name: `${role} ${name}`,
      })
      const setCookie = await createAuthSession(control, new Request(ORIGIN), u)
      return [
        role,
        { id: u.id, email: u.email, password: u.password, cookie: setCookie.split(';')[0] ?? '' },
      ] as const
    }),
  )
  await copyTeamToShard(control, tenant.id)
  const ctx = atShard(control, shard)
  return { tenantId: tenant.id, ctx, users: Object.fromEntries(entries) as TestTenant['users'] }
}
