// Loads what a sender needs about one WAHA session: its row, pacing, and a WAHA client with the
// decrypted API key. Also the session-level state changes the engine makes (pause, failures).

import { and, eq, sql } from 'drizzle-orm'
import { sessionHealth, wahaSessions } from '../../../db/schema'
import type { Text } from '../../i18n/text'
import type { AppContext } from '../context.server'
import { guardedPacing, type PacingGuard, pacingGuardOf } from '../health/pacing-guard'
import { errorColumns } from '../stored-text'
import { openSecret } from '../tenants/secrets.server'
import { createWahaClient, type WahaClient } from '../waha/client'
import { sessionPacing } from './effective-pacing'
import type { Pacing } from './pacing'

export { isSessionHealthy, sessionPacing } from './effective-pacing'

export type SessionRow = typeof wahaSessions.$inferSelect

export type SenderSessionConfig = {
  row: SessionRow
  /** The number's pacing with the health guard's slow-down applied. */
  pacing: Pacing
  /** The health guard's regime (decision 022): slow-down and ramp. */
  guard: PacingGuard
  client: WahaClient
}

/** Loads the session with a ready WAHA client; null when the row is gone. */
export async function loadSenderSession(
  ctx: Pick<AppContext, 'db' | 'config' | 'clock'>,
  sessionId: string,
  fetchImpl?: typeof fetch,
): Promise<SenderSessionConfig | null> {
  const [rows, health] = await ctx.db.batch([
    ctx.db.select().from(wahaSessions).where(eq(wahaSessions.id, sessionId)),
    ctx.db.select().from(sessionHealth).where(eq(sessionHealth.sessionId, sessionId)),
  ])
  const row = rows[0]
  if (!row) return null
  const guard = pacingGuardOf(health[0]?.tenantId === row.tenantId ? health[0] : null, ctx.clock())
  const apiKey = row.apiKeyEnc ? await openSecret(ctx, row.tenantId, row.id, 'api_key', row.apiKeyEnc) : ''
  const client = createWahaClient({
    baseUrl: row.serverUrl,
    apiKey,
    allowPrivate: ctx.config.allowPrivateUrls,
    fetch: fetchImpl,
    timeoutMs: ctx.config.wahaTimeoutMs,
  })
  return { row, pacing: guardedPacing(sessionPacing(row), guard), guard, client }
}

/** Pauses a session (failover takes its backlog) with a reason shown on the sessions page (a text; a bare sentence has no code). */
export async function pauseSession(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  sessionId: string,
  reason: Text | string,
  untilMs: number,
): Promise<void> {
  const now = ctx.clock()
  const { error, errorCode, errorParams } =
    typeof reason === 'string' ? { error: reason, errorCode: null, errorParams: null } : errorColumns(reason)
  await ctx.db
    .update(wahaSessions)
    .set({
      pausedUntil: untilMs,
      pausedReason: error,
      pausedCode: errorCode,
      pausedParams: errorParams,
      lastError: error,
      lastErrorCode: errorCode,
      lastErrorParams: errorParams,
      lastErrorAt: now,
      updatedAt: now,
    })
    .where(eq(wahaSessions.id, sessionId))
}

/** Records a definite failure; returns the new consecutive count. */
export async function recordSessionFailure(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  sessionId: string,
  reason: Text,
): Promise<number> {
  const now = ctx.clock()
  const { error, errorCode, errorParams } = errorColumns(reason)
  const rows = await ctx.db
    .update(wahaSessions)
    .set({
      consecutiveFailures: sql`${wahaSessions.consecutiveFailures} + 1`,
      lastError: error,
      lastErrorCode: errorCode,
      lastErrorParams: errorParams,
      lastErrorAt: now,
      updatedAt: now,
    })
    .where(eq(wahaSessions.id, sessionId))
    .returning({ n: wahaSessions.consecutiveFailures })
  return rows[0]?.n ?? 0
}

/** A success resets the consecutive failure count. */
export async function recordSessionSuccess(ctx: Pick<AppContext, 'db'>, row: SessionRow): Promise<void> {
  if (row.consecutiveFailures === 0) return
  await ctx.db
    .update(wahaSessions)
    .set({ consecutiveFailures: 0 })
    .where(and(eq(wahaSessions.id, row.id), sql`${wahaSessions.consecutiveFailures} > 0`))
  row.consecutiveFailures = 0
}
