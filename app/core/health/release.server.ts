// "Retomar mesmo assim" (decision 022): an admin releases a number the health guard paused or
// blocked. Refused, with words that say what to do, when the number is not connected (a logged-out
// number must be paired again first) or when the guard holds nothing. The number comes back on a
// ramp, the evidence before the release is considered paid for, and the release is recorded in the
// session's and the campaigns' histories with who did it.
import { and, eq } from 'drizzle-orm'
import { sessionHealth, users, wahaSessions } from '../../../db/schema'
import { found, ownedBy, ownedRow, type TenantScope } from '../db/tenant.server'
import { DEFAULT_HEALTH_CONFIG, type HealthConfig, type HealthReason, rampOf } from '../guard/health'
import { recordAction } from './history.server'
import { GUARD_PAUSE_CODE } from './notes'

export type ReleaseResult =
  | { ok: true; message: string }
  | { ok: false; message: string; vars?: Record<string, string> }

export async function releaseSession(
  scope: TenantScope,
  sessionId: string,
  config: HealthConfig = DEFAULT_HEALTH_CONFIG,
): Promise<ReleaseResult> {
  const row = found(
    await scope.db
      .select()
      .from(wahaSessions)
      .where(ownedRow(scope, wahaSessions, sessionId))
      .get(),
    'session',
  )
  const health = await scope.db
    .select()
    .from(sessionHealth)
    .where(ownedBy(scope, sessionHealth, eq(sessionHealth.sessionId, sessionId)))
    .get()
  const now = scope.clock()
  if (row.status !== 'WORKING')
    return { ok: false, message: 'health.release.notWorking', vars: { status: row.status } }
  const held =
    health &&
    (health.state === 'bloqueado' || (health.state === 'em_risco' && (health.pausedUntil ?? 0) > now))
  if (!health || !held) return { ok: false, message: 'health.release.nothing' }

  const ramp = rampOf(config, now)
  const updated = await scope.db
    .update(sessionHealth)
    .set({
      state: 'saudavel',
      stateSince: now,
      evidenceSince: now,
      pausedUntil: null,
      rampStartedAt: ramp ? ramp.startedAt : null,
      evaluatedAt: now,
    })
    .where(
      ownedBy(
        scope,
        sessionHealth,
        eq(sessionHealth.sessionId, sessionId),
        eq(sessionHealth.evaluatedAt, health.evaluatedAt),
      ),
    )
    .returning({ id: sessionHealth.sessionId })
  // Someone (or the guard) changed it meanwhile: the person looks again.
  if (updated.length === 0) return { ok: false, message: 'health.release.changed' }
  await scope.db
    .update(wahaSessions)
    .set({ pausedUntil: null, pausedReason: null, updatedAt: now })
    .where(and(ownedRow(scope, wahaSessions, sessionId), eq(wahaSessions.pausedCode, GUARD_PAUSE_CODE)))
  const who = scope.userId
    ? await scope.db
        .select({ name: users.name })
        .from(users)
        .where(ownedRow(scope, users, scope.userId))
        .get()
    : null
  await recordAction(
    scope,
    scope.tenantId,
    {
      sessionId,
      session: row.displayName,
      action: 'release',
      state: 'saudavel',
      score: health.score,
      cap: ramp?.caps[0] ?? null,
      reasons: JSON.parse(health.reasons) as HealthReason[],
      by: who?.name ?? null,
    },
    now,
    scope.userId,
  )
  return { ok: true, message: 'health.release.done' }
}
