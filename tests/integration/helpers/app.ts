// Drives the real Worker (Hono -> Remix) from inside workerd, as a browser would: same-origin POSTs,
// cookies carried by hand.
import { env, exports } from 'cloudflare:workers'
import { createAuthSession } from '../../../app/core/auth/session.server'
import { type AppContext, createAppContext } from '../../../app/core/context.server'
import { atShard, leastLoadedShard } from '../../../app/core/db/shards.server'
import { copyTeamToShard } from '../../../app/core/tenants/shard-copy.server'
import type { UserRole } from '../../../db/schema'
import { createTenant, createUser } from '../../builders'

export const ORIGIN = 'https://disparo.test'

export function testContext(overrides: Partial<Pick<AppContext, 'clock' | 'random'>> = {}): AppContext {
  return createAppContext(env, overrides)
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
  const shard = await leastLoadedShard(control)
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
