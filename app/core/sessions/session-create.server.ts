// Creating a WhatsApp session: register it on WAHA with our per-session webhook (HMAC secret,
// explicit retries, the events we need), save the row with sealed secrets, then start it.
// Registered with start=false first so the row exists before the first webhook arrives; nothing
// is saved when WAHA refuses (wrong key, name taken, not a WAHA server, unreachable).

import { count } from 'drizzle-orm'
import { wahaSessions } from '../../../db/schema'
import { textString } from '../../i18n/text'
import type { UserRole } from '../auth/role-names'
import { maskSecret, randomToken } from '../crypto/secrets'
import { addRoutes } from '../db/shards.server'
import { found, ownedBy, ownedRow, type TenantScope } from '../db/tenant.server'
import { newId } from '../ids'
import { lastErrorColumns } from '../stored-text'
import { audit } from '../tenants/audit.server'
import { sealSecret } from '../tenants/secrets.server'
import type { WahaError } from '../waha/errors'
import { buildSessionConfig } from '../waha/types'
import { applySessionStatus } from './live-state.server'
import { type CreateSessionInput, toSettings } from './session-form'
import {
  checkServerUrl,
  clearOtherPrimaries,
  type SessionResult,
  sessionNameTaken,
  settingsColumns,
  settingsProblem,
  warmupOffProblem,
} from './sessions.server'
import { type WahaDeps, wahaClient } from './waha-access.server'

/** The webhook URL WAHA calls for one session. */
export function webhookUrlFor(origin: string, sessionId: string): string {
  return `${origin.replace(/\/+$/, '')}/webhooks/waha/${sessionId}`
}

/** Which form field a WAHA failure on create or edit belongs to. */
export function fieldOf(error: WahaError): string | undefined {
  switch (error.kind) {
    case 'auth':
      return 'apiKey'
    case 'already_exists':
      return 'sessionName'
    case 'network':
    case 'invalid_config':
    case 'unexpected_response':
    case 'not_found':
      return 'serverUrl'
    default:
      return undefined
  }
}

/** Registers, saves and starts a new session. `origin` is the Worker's public origin. */
export async function createSession(
  scope: TenantScope,
  input: CreateSessionInput,
  opts: { origin: string; role: UserRole },
  deps: WahaDeps = {},
): Promise<SessionResult> {
  const settings = toSettings(input)
  const url = checkServerUrl(scope, settings.serverUrl)
  if (!url.ok) return { ok: false, field: 'serverUrl', message: url.message }
  const problem = settingsProblem(settings) ?? warmupOffProblem(settings, opts.role)
  if (problem) return { ok: false, ...problem }
  if (await sessionNameTaken(scope, url.url, input.sessionName)) {
    return { ok: false, field: 'sessionName', message: 'sessions.errors.duplicateLocal' }
  }

  const id = newId('wses')
  const apiKey = input.apiKey?.trim() ?? ''
  const webhookSecret = randomToken(32)
  const client = wahaClient(scope, url.url, apiKey, deps)
  const config = buildSessionConfig({
    webhookUrl: webhookUrlFor(opts.origin, id),
    webhookSecret,
    metadata: { 'disparo.session': id },
  })
  const created = await client.createSession({ name: input.sessionName, config, start: false })
  if (!created.ok) {
    const message =
      created.error.kind === 'already_exists'
        ? 'sessions.errors.alreadyExists'
        : textString(created.error.text)
    return { ok: false, field: fieldOf(created.error), message }
  }

  const existing = await scope.db
    .select({ n: count() })
    .from(wahaSessions)
    .where(ownedBy(scope, wahaSessions))
    .get()
  const isPrimary = settings.isPrimary || (existing?.n ?? 0) === 0
  const now = scope.clock()
  const insert = scope.db.insert(wahaSessions).values({
    id,
    tenantId: scope.tenantId,
    ...settingsColumns({ ...settings, isPrimary }),
    serverUrl: url.url,
    sessionName: input.sessionName,
    apiKeyEnc: apiKey === '' ? null : await sealSecret(scope, scope.tenantId, id, 'api_key', apiKey),
    apiKeyTail: apiKey === '' ? null : maskSecret(apiKey),
    webhookSecretEnc: await sealSecret(scope, scope.tenantId, id, 'webhook_secret', webhookSecret),
    status: created.value.status,
    createdAt: now,
    updatedAt: now,
  })
  try {
    // Webhooks find the team through this route (decision 043): written before the row exists.
    await addRoutes(scope, 'session', scope.tenantId, [id])
    if (isPrimary) await scope.db.batch([insert, clearOtherPrimaries(scope, id)])
    else await insert
  } catch (error) {
    // Do not leave an orphan on WAHA that would block the same name next time.
    await client.deleteSession(input.sessionName)
    throw error
  }
  await audit(scope, 'session.created', id, { sessionName: input.sessionName, serverUrl: url.url })

  const started = await client.startSession(input.sessionName)
  const vars = { name: settings.displayName }
  if (!started.ok) {
    await scope.db
      .update(wahaSessions)
      .set({ ...lastErrorColumns(started.error.text), lastErrorAt: scope.clock() })
      .where(ownedRow(scope, wahaSessions, id))
    return {
      ok: true,
      id,
      message: 'sessions.createdNotStarted',
      vars: { ...vars, error: started.error.text },
    }
  }
  const row = found(
    await scope.db
      .select()
      .from(wahaSessions)
      .where(ownedRow(scope, wahaSessions, id))
      .get(),
  )
  await applySessionStatus(scope, row, {
    status: started.value.status,
    me: started.value.me,
    qr: null,
    at: scope.clock(),
    source: 'action',
  })
  return { ok: true, id, message: 'sessions.created', vars }
}
