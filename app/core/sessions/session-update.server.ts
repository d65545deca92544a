// Editing a session. Settings only (names, pacing, priority): saved to D1, WAHA is not called. A new
// server address or API key: checked on that server before anything is saved — the key must be
// accepted, and the session must be there with our webhook: a session missing on the new server is
// registered there (moving to another WAHA) and started; one whose webhooks do not point at us gets
// ours added (other webhooks kept; WAHA restarts a running session on that update). The WAHA session
// name never changes.

import { wahaSessions } from '../../../db/schema'
import { textString } from '../../i18n/text'
import type { UserRole } from '../auth/role-names'
import { maskSecret } from '../crypto/secrets'
import { ownedRow, type TenantScope } from '../db/tenant.server'
import { audit } from '../tenants/audit.server'
import { sealSecret } from '../tenants/secrets.server'
import type { WahaClient } from '../waha/client'
import {
  buildSessionConfig,
  DISPARO_WEBHOOK_EVENTS_VERSION,
  lacksDisparoEvents,
  type WahaSessionConfig,
  type WahaWebhookConfig,
} from '../waha/types'
import { applySessionStatus } from './live-state.server'
import { fieldOf, webhookUrlFor } from './session-create.server'
import { toSettings, type UpdateSessionInput } from './session-form'
import {
  checkServerUrl,
  clearOtherPrimaries,
  getSessionRow,
  type SessionResult,
  sessionNameTaken,
  settingsColumns,
  settingsProblem,
  warmupOffProblem,
} from './sessions.server'
import {
  openApiKey,
  openWebhookSecret,
  type WahaDeps,
  type WahaSessionRow,
  wahaClient,
} from './waha-access.server'

export type Synced =
  | { ok: true; registered: boolean; status: string; me?: { id: string } | null; eventsAdded?: boolean }
  | { ok: false; field?: string; message: string; kind?: string }

/** Our webhook for this session, with every other webhook of `current` kept (ours at older origins dropped). */
function withOurWebhook(
  current: WahaSessionConfig | null,
  ours: WahaSessionConfig,
  sessionId: string,
): WahaSessionConfig {
  const hooks = Array.isArray(current?.webhooks) ? (current.webhooks as WahaWebhookConfig[]) : []
  const others = hooks.filter(
    (h) => typeof h?.url !== 'string' || !h.url.endsWith(`/webhooks/waha/${sessionId}`),
  )
  return { ...(current ?? {}), ...ours, webhooks: [...others, ...(ours.webhooks ?? [])] }
}

/** Our webhook on WAHA now has every event Disparo subscribes to. */
async function eventsCurrent(scope: TenantScope, row: WahaSessionRow) {
  await scope.db
    .update(wahaSessions)
    .set({ webhookEventsVersion: DISPARO_WEBHOOK_EVENTS_VERSION })
    .where(ownedRow(scope, wahaSessions, row.id))
}

/**
 * Makes sure the session exists on `client`'s server with our webhook and its HMAC secret (see the
 * file comment): registered (and started) when WAHA does not know it, our webhook added when missing
 * or updated when it misses events Disparo subscribes to now (`eventsAdded`).
 * Also behind "Recriar no WAHA" (session-commands.server.ts).
 */
export async function syncOnServer(
  scope: TenantScope,
  client: WahaClient,
  row: WahaSessionRow,
  origin: string,
): Promise<Synced> {
  const ours = buildSessionConfig({
    webhookUrl: webhookUrlFor(origin, row.id),
    webhookSecret: await openWebhookSecret(scope, row),
    metadata: { 'disparo.session': row.id },
  })
  const fail = (error: Parameters<typeof fieldOf>[0]): Synced => ({
    ok: false,
    field: fieldOf(error),
    message: textString(error.text),
    kind: error.kind,
  })
  const found = await client.findSession(row.sessionName)
  if (!found.ok) return fail(found.error)
  if (found.value === null) {
    const created = await client.createSession({ name: row.sessionName, config: ours, start: true })
    if (!created.ok) return fail(created.error)
    await eventsCurrent(scope, row)
    return { ok: true, registered: true, status: created.value.status, me: created.value.me }
  }
  const hooks = (found.value.config?.webhooks ?? []) as WahaWebhookConfig[]
  const ourUrl = webhookUrlFor(origin, row.id)
  const mine = hooks.find((h) => h?.url === ourUrl)
  if (mine && !lacksDisparoEvents(mine)) {
    await eventsCurrent(scope, row)
    return { ok: true, registered: false, status: found.value.status, me: found.value.me }
  }
  // Ours is missing, or misses events added since it was registered: WAHA restarts a running session
  // on this update, so it happens only on a save or a command the user chose.
  const updated = await client.updateSession(
    row.sessionName,
    withOurWebhook(found.value.config, ours, row.id),
  )
  if (!updated.ok) return fail(updated.error)
  await eventsCurrent(scope, row)
  return { ok: true, registered: false, status: updated.value.status, eventsAdded: Boolean(mine) }
}

/** Saves edited settings; an empty API key keeps the saved one. `origin` is the Worker's public origin. */
export async function updateSession(
  scope: TenantScope,
  id: string,
  input: UpdateSessionInput,
  opts: { origin: string; role: UserRole },
  deps: WahaDeps = {},
): Promise<SessionResult> {
  const row = await getSessionRow(scope, id)
  const settings = toSettings(input)
  const url = checkServerUrl(scope, settings.serverUrl)
  if (!url.ok) return { ok: false, field: 'serverUrl', message: url.message }
  const problem = settingsProblem(settings) ?? warmupOffProblem(settings, opts.role)
  if (problem) return { ok: false, ...problem }
  if (await sessionNameTaken(scope, url.url, row.sessionName, id)) {
    return { ok: false, field: 'serverUrl', message: 'sessions.errors.duplicateLocal' }
  }
  const apiKey = input.apiKey?.trim() ?? ''
  let synced: Synced | null = null
  if (apiKey !== '' || url.url !== row.serverUrl) {
    const client = wahaClient(scope, url.url, apiKey || (await openApiKey(scope, row)), deps)
    synced = await syncOnServer(scope, client, row, opts.origin)
    if (!synced.ok) return { ok: false, field: synced.field, message: synced.message }
  }
  const keyColumns =
    apiKey === ''
      ? {}
      : {
          apiKeyEnc: await sealSecret(scope, scope.tenantId, id, 'api_key', apiKey),
          apiKeyTail: maskSecret(apiKey),
        }
  const update = scope.db
    .update(wahaSessions)
    .set({ ...settingsColumns(settings), serverUrl: url.url, ...keyColumns, updatedAt: scope.clock() })
    .where(ownedRow(scope, wahaSessions, id))
  if (settings.isPrimary) await scope.db.batch([clearOtherPrimaries(scope, id), update])
  else await update
  await audit(scope, 'session.updated', id, {
    keyChanged: apiKey !== '',
    serverUrl: url.url,
    ...(synced?.ok ? { registeredOnServer: synced.registered } : {}),
  })
  const vars = { name: settings.displayName }
  if (!synced?.ok) return { ok: true, message: 'sessions.updated', vars, id }
  await applySessionStatus(scope, await getSessionRow(scope, id), {
    status: synced.status,
    at: scope.clock(),
    source: 'action',
  })
  return {
    ok: true,
    message: synced.registered ? 'sessions.updatedRegistered' : 'sessions.updatedChecked',
    vars,
    id,
  }
}
