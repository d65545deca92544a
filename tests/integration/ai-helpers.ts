// Shared pieces of the AI provider tests: a fake fetch backed by the WAHA simulator's OpenAI-compatible
// fake (tools/waha-simulator/ai-fake.ts, real OpenAI error shapes), and small D1 readers.
import { eq } from 'drizzle-orm'
import { Hono } from 'hono'
import type { Db } from '../../app/core/db/client.server'
import { aiProviders } from '../../db/schema'
import { AI_KEYS, AI_MODELS, registerAiFake } from '../../tools/waha-simulator/ai-fake'

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
