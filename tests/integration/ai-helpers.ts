// Shared pieces of the AI provider tests: a fake fetch backed by the WAHA simulator's OpenAI-compatible
// fake (tools/waha-simulator/ai-fake.ts, real OpenAI error shapes), small D1 readers, an admin scope with
// a fixed clock for the app/core tests, and form posts for the AI providers page tests.
import { eq } from 'drizzle-orm'
import { Hono } from 'hono'
import { expect, vi } from 'vitest'
import type { ProviderFormValues } from '../../app/core/ai/provider-form'
import { saveProvider } from '../../app/core/ai/providers.server'
import type { Db } from '../../app/core/db/client.server'
import { scopeTo, type TenantScope } from '../../app/core/db/tenant.server'
import { aiProviders } from '../../db/schema'
import { AI_KEYS, AI_MODELS, registerAiFake } from '../../tools/waha-simulator/ai-fake'
import { appFetch, createTestTenant, type TestTenant } from './helpers/app'

export { AI_KEYS, AI_MODELS }

/** A base URL the fake answers (public-looking, so it passes the outbound URL rules). */
export const FAKE_BASE_URL = 'https://ia.simulador.com.br/ai/v1'

/** fetch() answered by the simulator's AI fake; records every call. */
export function aiFakeFetch(): typeof fetch & { calls: Request[] } {
  const app = new Hono()
  registerAiFake(app)
  const calls: Request[] = []
  const fake = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init)
    calls.push(request.clone() as Request)
    return app.fetch(request as Parameters<typeof app.fetch>[0])
  }
  return Object.assign(fake, { calls }) as typeof fetch & { calls: Request[] }
}

/** fetch() that fails like a refused connection. */
export const refusedFetch = (async () => {
  throw Object.assign(new TypeError('fetch failed: connect ECONNREFUSED 203.0.113.9:443'), {
    code: 'ECONNREFUSED',
  })
}) as unknown as typeof fetch

/** fetch() that never answers until aborted (for timeouts). */
export const hangingFetch = ((_input: RequestInfo | URL, init?: RequestInit) =>
  new Promise<Response>((_resolve, reject) => {
    init?.signal?.addEventListener('abort', () => reject(init.signal?.reason ?? new Error('aborted')))
  })) as typeof fetch

export async function providerRow(db: Db, id: string) {
  return db.select().from(aiProviders).where(eq(aiProviders.id, id)).get()
}

export async function providerRows(db: Db, tenantId: string) {
  return db.select().from(aiProviders).where(eq(aiProviders.tenantId, tenantId))
}

// --- app/core tests ---

/** The fixed clock of adminScope(). */
export const NOW = 1_795_000_000_000

/** A new tenant's admin scope with the clock at NOW; private base URLs allowed unless told otherwise. */
export async function adminScope(allowPrivate = true): Promise<TenantScope> {
  const t = await createTestTenant()
  const scope = scopeTo({ ...t.ctx, clock: () => NOW }, t.tenantId, t.users.admin.id)
  return { ...scope, config: { ...scope.config, allowPrivateUrls: allowPrivate } }
}

/** A complete provider form (an OpenAI-compatible provider on the fake); override any field. */
export function providerInput(values: Partial<ProviderFormValues>): ProviderFormValues {
  return {
    intent: 'save',
    platform: 'openai-compatible',
    name: 'Simulador',
    baseUrl: FAKE_BASE_URL,
    ...values,
  }
}

/** Saves a provider through saveProvider and returns its id; throws when the save is refused. */
export async function createProvider(
  scope: TenantScope,
  values: Partial<ProviderFormValues>,
): Promise<string> {
  const saved = await saveProvider(scope, providerInput(values))
  if (!saved.ok) throw new Error(`save failed: ${saved.message}`)
  return saved.id
}

// --- AI providers page tests ---

export const AI_PAGE_PATH = '/integracoes/ia'

/** Routes globalThis.fetch (the Worker's outbound calls) to a fresh AI fake; returns the fake. */
export function stubFetchWithAiFake(): ReturnType<typeof aiFakeFetch> {
  const fake = aiFakeFetch()
  vi.spyOn(globalThis, 'fetch').mockImplementation(fake)
  return fake
}

/** Decodes the flash cookie of a redirect. */
export async function flashOf(res: Response) {
  const c = res.headers.getSetCookie().find((x) => x.startsWith('disparo_flash='))
  if (!c) return null
  const value = decodeURIComponent(c.split(';')[0]!.slice('disparo_flash='.length))
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(value), (ch) => ch.charCodeAt(0))))
}

/** Posts a form to the AI providers page as the given role (admin by default). */
export function postAiPage(
  t: TestTenant,
  form: Record<string, string>,
  role: 'admin' | 'operator' | 'viewer' = 'admin',
) {
  return appFetch(AI_PAGE_PATH, { cookie: t.users[role].cookie, form })
}

/** Saves an OpenAI-compatible provider (valid key) through the page and returns its id. */
export async function createCompatible(t: TestTenant, extra: Record<string, string> = {}): Promise<string> {
  const before = new Set((await providerRows(t.ctx.db, t.tenantId)).map((r) => r.id))
  const res = await postAiPage(t, {
    intent: 'save',
    platform: 'openai-compatible',
    name: 'Simulador',
    baseUrl: FAKE_BASE_URL,
    apiKey: AI_KEYS.valid,
    model: 'gpt-4o-mini',
    ...extra,
  })
  expect(res.status).toBe(303)
  const created = (await providerRows(t.ctx.db, t.tenantId)).find((r) => !before.has(r.id))
  if (!created) throw new Error('provider not created')
  return created.id
}
