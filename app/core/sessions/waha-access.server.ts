// Opens a session's sealed secrets and builds its WAHA client. `deps.fetch` lets tests replay the
// WAHA contract examples; production uses the global fetch through app/core/net's safeFetch.
import type { wahaSessions } from '../../../db/schema'
import type { AppContext } from '../context.server'
import { openSecret } from '../tenants/secrets.server'
import { createWahaClient, type WahaClient } from '../waha/client'

export type WahaSessionRow = typeof wahaSessions.$inferSelect

/** Injectable dependencies of every function that talks to WAHA. */
export interface WahaDeps {
  fetch?: typeof fetch
  /** Per-request timeout (polls use a short one). */
  timeoutMs?: number
}

/** A WAHA client for a server URL and plain API key, honouring the private-URL policy. */
export function wahaClient(
  ctx: Pick<AppContext, 'config' | 'clock'>,
  serverUrl: string,
  apiKey: string,
  deps: WahaDeps = {},
): WahaClient {
  return createWahaClient({
    baseUrl: serverUrl,
    apiKey,
    allowPrivate: ctx.config.allowPrivateUrls,
    fetch: deps.fetch,
    timeoutMs: deps.timeoutMs,
    clock: { now: ctx.clock },
  })
}

/** The session's API key in plain text ('' when none was saved). */
export async function openApiKey(ctx: Pick<AppContext, 'config'>, row: WahaSessionRow): Promise<string> {
  return row.apiKeyEnc ? openSecret(ctx, row.tenantId, row.id, 'api_key', row.apiKeyEnc) : ''
}

/** The session's webhook HMAC secret in plain text. */
export async function openWebhookSecret(
  ctx: Pick<AppContext, 'config'>,
  row: WahaSessionRow,
): Promise<string> {
  return openSecret(ctx, row.tenantId, row.id, 'webhook_secret', row.webhookSecretEnc)
}

/** The WAHA client of a saved session. */
export async function clientForSession(
  ctx: Pick<AppContext, 'config' | 'clock'>,
  row: WahaSessionRow,
  deps: WahaDeps = {},
): Promise<WahaClient> {
  return wahaClient(ctx, row.serverUrl, await openApiKey(ctx, row), deps)
}
