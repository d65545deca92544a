// The closed loop (decision 022): measure a number's health, assess it, decide what to do and do it.
// Runs after a SenderSession's sending tick (at most once a minute per number or every minSample
// sends, at once after a 463/475 or rate-limit answer) and from the cron every five minutes for every connected or guarded
// number. The stored regime (session_health) is written with a compare-and-set on `evaluated_at`, so
// two evaluations racing (the object and the cron) apply an action once.

import { and, eq, sql } from 'drizzle-orm'
import { sessionHealth, sessionHealthHours, wahaSessions } from '../../../db/schema'
import type { AppContext } from '../context.server'
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
} from '../guard/health'
import { INDEFINITE_PAUSE_MS } from '../sending/outcome'
import { pausedColumns } from '../stored-text'
import { emitWebhookEvent } from '../webhooks/emit.server'
import { noteOf, recentGuardPauses, recordAction } from './history.server'
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
  } = {},
): Promise<EvaluateResult | null> {
  // The operator's switch (wrangler.toml `HEALTH_GUARD`, decision 022): "off" only for benchmarks
  // that measure what the guard changes (`npm run bench:guard`); numbers are then not protected.
  if (guardOff(ctx.env)) return null
  const config = opts.config ?? DEFAULT_HEALTH_CONFIG
  // The session and its stored regime in one round trip (the regime counts only if it is the
  // session's tenant's; never evaluated means healthy).
  const [rows, regimes] = await ctx.db.batch([
    ctx.db.select().from(wahaSessions).where(eq(wahaSessions.id, sessionId)),
    ctx.db.select().from(sessionHealth).where(eq(sessionHealth.sessionId, sessionId)),
  ])
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
  const { lostByWaha, ...counts } = await measureSession(ctx, scope, sessionId, windows, workedBefore)
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
  const guardPausedUntil = stored?.pausedUntil ?? null
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
      recentPauses: await recentGuardPauses(ctx, row.tenantId, sessionId, now, config, guardPausedUntil),
      notBefore: notBefore !== null && notBefore < now + INDEFINITE_PAUSE_MS / 2 ? notBefore : null,
    },
    config,
  )
  const next = nextRegime(stored, decision, now, assessment.score, JSON.stringify(assessment.reasons))
  const won = await storeRegime(ctx, row.tenantId, sessionId, stored ?? null, next)
  if (!won)
    return { evaluated: false, state: previous, score: assessment.score, action: 'none', handOff: false }
  await ctx.db
    .insert(sessionHealthHours)
    .values({
      tenantId: row.tenantId,
      sessionId,
      hourStart: hourStartOf(now),
      computedAt: now,
      score: assessment.score,
      state: decision.state,
      counts: JSON.stringify(counts),
      reasons: JSON.stringify(assessment.reasons),
    })
    .onConflictDoUpdate({
      target: [sessionHealthHours.sessionId, sessionHealthHours.hourStart],
      set: {
        computedAt: sql`excluded.computed_at`,
        score: sql`excluded.score`,
        state: sql`excluded.state`,
        counts: sql`excluded.counts`,
        reasons: sql`excluded.reasons`,
      },
      setWhere: sql`excluded.computed_at >= ${sessionHealthHours.computedAt}`,
    })

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

/** Writes the regime only if nobody else evaluated since we read it; false when we lost the race. */
async function storeRegime(
  ctx: Pick<AppContext, 'db'>,
  tenantId: string,
  sessionId: string,
  stored: SessionHealthRow | null,
  next: ReturnType<typeof nextRegime>,
): Promise<boolean> {
  if (!stored) {
    const rows = await ctx.db
      .insert(sessionHealth)
      .values({ sessionId, tenantId, ...next })
      .onConflictDoNothing()
      .returning({ id: sessionHealth.sessionId })
    return rows.length > 0
  }
  const rows = await ctx.db
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
  return rows.length > 0
}
