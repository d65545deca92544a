// The closed loop (decision 022): measure a number's health, assess it, decide what to do and do it.
// Runs after a SenderSession's sending tick (at most once a minute per number or every minSample
// sends, at once after a 463/475 or rate-limit answer) and from the cron every five minutes for every connected or guarded
// number. The stored regime (session_health) is written with a compare-and-set on `evaluated_at`, so
// two evaluations racing (the object and the cron) apply an action once.

import { and, eq, sql } from 'drizzle-orm'
import { sessionHealth, type sessionHealthHours, wahaSessions } from '../../../db/schema'
import type { AppContext } from '../context.server'
import { type BoundStatement, type Preparable, runBatch } from '../db/prepared.server'
import { ownedBy, ownedRow } from '../db/tenant.server'
import {
  assessHealth,
  DEFAULT_HEALTH_CONFIG,
  evidenceWindows,
  type HealthAction,
  type HealthConfig,
  type HealthDecision,
  type HealthState,
  healthAction,
  hourStartOf,
  isHealthState,
  MINUTE_MS,
} from '../guard/health'
import { INDEFINITE_PAUSE_MS } from '../sending/outcome'
import { pausedColumns } from '../stored-text'
import { emitWebhookEvent } from '../webhooks/emit.server'
import { noteOf, recordAction } from './history.server'
import { measureSession } from './measure.server'
import { guardPauseText } from './notes'

type Ctx = Pick<AppContext, 'db' | 'clock' | 'env'>
type SessionHealthRow = typeof sessionHealth.$inferSelect

/**
 * The DO evaluates at most this often while it sends (an answer like 463 forces it), or sooner once
 * the number sent a sample's worth of messages (`sampling.minSample`) since the last evaluation: a
 * careless pace can take a number from healthy to banned within a minute (bench:guard), and the
 * evidence of it (opt-outs, deliveries that stop) is there after a few dozen sends.
 */
const EVALUATE_EVERY_MS = 60_000

export type EvaluateResult = {
  evaluated: boolean
  state: HealthState
  score: number
  action: HealthAction['kind']
  /** The number must stop and hand its backlog over (pause or block applied now or in force). */
  handOff: boolean
}

/**
 * Evaluates one session and applies what the guard decides. `force` skips the once-a-minute limit.
 * `handOff` hands the number's queued jobs to the router (the DO's own failover when called from
 * inside the object; otherwise the object's `retire`).
 */
/** True when the operator turned the automatic guard off (HEALTH_GUARD = "off"). */
function guardOff(env: { HEALTH_GUARD?: string }): boolean {
  return env.HEALTH_GUARD === 'off'
}

export async function evaluateSessionHealth(
  ctx: Ctx,
  sessionId: string,
  opts: {
    force?: boolean
    config?: HealthConfig
    handOff?: (sessionId: string) => Promise<void>
    /** How many messages the number sent since an instant (the object's own send log). */
    sentSince?: (ms: number) => number
    /**
     * Runs the first reads (the session and its regime) in one batch: the sender loop's waiting
     * outcome rides in front of them (OutcomeCarry.batchAfter), written before anything reads the outbox.
     */
    batch?: (reads: Array<BoundStatement | Preparable>) => Promise<unknown[]>
  } = {},
): Promise<EvaluateResult | null> {
  // The operator's switch (wrangler.toml `HEALTH_GUARD`, decision 022): "off" only for benchmarks
  // that measure what the guard changes (`npm run bench:guard`); numbers are then not protected.
  if (guardOff(ctx.env)) return null
  const config = opts.config ?? DEFAULT_HEALTH_CONFIG
  // The session and its stored regime in one round trip (the regime counts only if it is the
  // session's tenant's; never evaluated means healthy).
  const reads = [
    ctx.db.select().from(wahaSessions).where(eq(wahaSessions.id, sessionId)),
    ctx.db.select().from(sessionHealth).where(eq(sessionHealth.sessionId, sessionId)),
  ] as const
  const [rows, regimes] = opts.batch
    ? ((await opts.batch([...reads])) as [
        Array<typeof wahaSessions.$inferSelect>,
        Array<typeof sessionHealth.$inferSelect>,
      ])
    : await ctx.db.batch(reads)
  const row = rows[0]
  if (!row) return null
  const scope = { tenantId: row.tenantId }
  const stored = regimes.find((r) => r.tenantId === row.tenantId)
  const now = ctx.clock()
  const previous: HealthState = isHealthState(stored?.state) ? stored.state : 'saudavel'
  const due =
    !stored ||
    opts.force ||
    now - stored.evaluatedAt >= EVALUATE_EVERY_MS ||
    (opts.sentSince?.(stored.evaluatedAt) ?? 0) >= config.sampling.minSample
  if (stored && !due) {
    return { evaluated: false, state: previous, score: stored.score, action: 'none', handOff: false }
  }

  const windows = evidenceWindows(now, config, stored?.evidenceSince ?? null)
  const workedBefore = row.firstConnectedAt !== null && row.firstConnectedAt < windows.long.from
  const guardPausedUntil = stored?.pausedUntil ?? null
  // The guard pauses of the escalation window come back with the measure (one round trip).
  const { lostByWaha, guardPauses, ...counts } = await measureSession(
    ctx,
    scope,
    sessionId,
    windows,
    workedBefore,
    guardPausesSince(now, config),
  )
  const assessment = assessHealth(
    {
      windows: counts,
      status: row.status,
      // A pairing right after WAHA lost the session is its first pairing there, not a logout.
      everConnected: row.lastConnectedAt !== null && !lostByWaha,
      previous: stored ? previous : null,
    },
    config,
  )
  // A pause the engine set for another cause (WhatsApp's time-lock end after a 463) bounds the cool-down.
  const notBefore =
    row.pausedUntil !== null && row.pausedUntil > now && row.pausedUntil !== guardPausedUntil
      ? row.pausedUntil
      : null
  const decision = healthAction(
    previous,
    assessment.state,
    {
      now,
      stateSince: stored?.stateSince ?? now,
      pausedUntil: guardPausedUntil,
      rampStartedAt: stored?.rampStartedAt ?? null,
      recentPauses: pausesBeforeThisOne(guardPauses, now, guardPausedUntil),
      notBefore: notBefore !== null && notBefore < now + INDEFINITE_PAUSE_MS / 2 ? notBefore : null,
    },
    config,
  )
  const next = nextRegime(stored, decision, now, assessment.score, JSON.stringify(assessment.reasons))
  // The regime and the hour's row in one round trip: the hour's row is written only when the regime
  // write applied (nobody else evaluated since we read it), as when they were two steps.
  const won = await storeRegime(ctx, row.tenantId, sessionId, stored ?? null, next, {
    tenantId: row.tenantId,
    sessionId,
    hourStart: hourStartOf(now),
    computedAt: now,
    score: assessment.score,
    state: decision.state,
    counts: JSON.stringify(counts),
    reasons: JSON.stringify(assessment.reasons),
  })
  if (!won)
    return { evaluated: false, state: previous, score: assessment.score, action: 'none', handOff: false }

  const action = decision.action
  const changed =
    decision.state !== previous || (action.kind === 'ramp' && stored?.rampStartedAt !== action.ramp.startedAt)
  const stops = action.kind === 'pause' || action.kind === 'block'
  if (stops) {
    const until = action.kind === 'pause' ? action.untilMs : now + INDEFINITE_PAUSE_MS
    const note = noteOf(row, decision, assessment.score, assessment.reasons)
    if (changed || row.pausedUntil === null || row.pausedUntil < until) {
      await ctx.db
        .update(wahaSessions)
        .set({
          pausedUntil: sql`MAX(COALESCE(${wahaSessions.pausedUntil}, 0), ${until})`,
          ...pausedColumns(guardPauseText(note)),
          updatedAt: now,
        })
        .where(ownedRow(scope, wahaSessions, sessionId))
    }
    if (changed) await recordAction(ctx, row.tenantId, note, now)
    if (changed) await (opts.handOff ?? retireSession(ctx))(sessionId)
  } else {
    // Leaving a cool-down: lift the guard's own pause (never one set for another cause).
    if (guardPausedUntil !== null && row.pausedUntil === guardPausedUntil) {
      await ctx.db
        .update(wahaSessions)
        .set({ pausedUntil: null, pausedReason: null, updatedAt: now })
        .where(and(ownedRow(scope, wahaSessions, sessionId), eq(wahaSessions.pausedUntil, guardPausedUntil)))
    }
    if (changed)
      await recordAction(ctx, row.tenantId, noteOf(row, decision, assessment.score, assessment.reasons), now)
  }
  if (decision.state !== previous)
    await emitWebhookEvent(ctx, row.tenantId, 'session.health_changed', {
      sessionId,
      state: decision.state,
      previous,
      score: assessment.score,
      action: action.kind,
      at: now,
    })
  return {
    evaluated: true,
    state: decision.state,
    score: assessment.score,
    action: action.kind,
    handOff: stops && changed,
  }
}

/** The object's `retire`: its waiting jobs go back to the router, excluding it. */
const retireSession = (ctx: Pick<AppContext, 'env'>) => async (sessionId: string) => {
  await ctx.env.SENDER_SESSION.getByName(sessionId).retire()
}

function nextRegime(
  stored: SessionHealthRow | undefined,
  d: HealthDecision,
  now: number,
  score: number,
  reasons: string,
) {
  const a = d.action
  return {
    state: d.state,
    score,
    reasons,
    stateSince: stored && stored.state === d.state ? stored.stateSince : now,
    evidenceSince: d.evidenceSince ?? stored?.evidenceSince ?? null,
    pausedUntil: a.kind === 'pause' ? a.untilMs : null,
    rampStartedAt: a.kind === 'ramp' ? a.ramp.startedAt : null,
    evaluatedAt: now,
  }
}

/**
 * Writes the regime only if nobody else evaluated since we read it, and with it (same batch, after it)
 * the hour's row, only if the regime write applied (`changes()` of the statement before it: a D1
 * batch runs its statements in order in one transaction). False when we lost the race.
 */
async function storeRegime(
  ctx: Pick<AppContext, 'db'>,
  tenantId: string,
  sessionId: string,
  stored: SessionHealthRow | null,
  next: ReturnType<typeof nextRegime>,
  hour: typeof sessionHealthHours.$inferInsert,
): Promise<boolean> {
  const regime = stored
    ? ctx.db
        .update(sessionHealth)
        .set(next)
        .where(
          ownedBy(
            { tenantId },
            sessionHealth,
            eq(sessionHealth.sessionId, sessionId),
            eq(sessionHealth.evaluatedAt, stored.evaluatedAt),
          ),
        )
        .returning({ id: sessionHealth.sessionId })
    : ctx.db
        .insert(sessionHealth)
        .values({ sessionId, tenantId, ...next })
        .onConflictDoNothing()
        .returning({ id: sessionHealth.sessionId })
  const [rows] = await runBatch(ctx.db, [regime, hourRowIfChanged(ctx, hour)])
  return (rows as unknown[]).length > 0
}

/**
 * The hour's row (the latest computation of the hour wins), written only when the statement just before
 * it in the batch changed a row. SQLite needs the WHERE for the upsert after a SELECT.
 */
const HOUR_ROW_IF_CHANGED = `INSERT INTO session_health_hours
    (tenant_id, session_id, hour_start, computed_at, score, state, counts, reasons)
  SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE changes() > 0
  ON CONFLICT (session_id, hour_start) DO UPDATE SET computed_at = excluded.computed_at,
    score = excluded.score, state = excluded.state, counts = excluded.counts, reasons = excluded.reasons
  WHERE excluded.computed_at >= session_health_hours.computed_at`

function hourRowIfChanged(ctx: Pick<AppContext, 'db'>, h: typeof sessionHealthHours.$inferInsert) {
  const bound = ctx.db.$client
    .prepare(HOUR_ROW_IF_CHANGED)
    .bind(h.tenantId, h.sessionId, h.hourStart, h.computedAt, h.score, h.state, h.counts, h.reasons ?? '[]')
  return { bound, map: () => null }
}

/** Guard pauses counted for the escalation start at this instant (history.server.ts's rule). */
function guardPausesSince(now: number, config: HealthConfig): number {
  return now - config.actions.escalationWindowMinutes * MINUTE_MS
}

/** The guard pauses before the one in force (that one is not counted for escalation). */
function pausesBeforeThisOne(n: number, now: number, inForce: number | null): number {
  return Math.max(0, inForce !== null && inForce > now ? n - 1 : n)
}
