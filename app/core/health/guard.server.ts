// The closed loop (decision 022): measure a number's health, assess it, decide what to do and do it.
// Runs after a SenderSession's sending tick (at most once a minute per number, at once after a
// 463/475 or rate-limit answer) and from the cron every five minutes for every connected or guarded
// number. The stored regime (session_health) is written with a compare-and-set on `evaluated_at`, so
// two evaluations racing (the object and the cron) apply an action once.
import { and, eq, gte, inArray, sql } from 'drizzle-orm'
import {
  campaignMessages,
  campaigns,
  sessionEvents,
  sessionHealth,
  sessionHealthHours,
  wahaSessions,
} from '../../../db/schema'
import { makeTranslator } from '../../i18n'
import { logCampaignEvent } from '../campaigns/lifecycle.server'
import type { AppContext } from '../context.server'
import { ownedBy, ownedRow } from '../db/tenant.server'
import {
  DEFAULT_HEALTH_CONFIG,
  type HealthAction,
  type HealthConfig,
  type HealthDecision,
  type HealthState,
  MINUTE_MS,
  assessHealth,
  evidenceWindows,
  healthAction,
  hourStartOf,
  isHealthState,
} from '../guard/health'
import { INDEFINITE_PAUSE_MS } from '../sending/outcome'
import { measureSession, recordSessionEvent } from './measure.server'
import { type GuardNote, type GuardNoteAction, guardNoteText } from './notes'

type Ctx = Pick<AppContext, 'db' | 'clock' | 'env'>
export type SessionHealthRow = typeof sessionHealth.$inferSelect

/** The DO evaluates at most this often while it sends (an answer like 463 forces it). */
export const EVALUATE_EVERY_MS = 60_000

const PT = makeTranslator('pt-BR')
const ptDate = new Intl.DateTimeFormat('pt-BR', {
  dateStyle: 'short',
  timeStyle: 'short',
  timeZone: 'America/Sao_Paulo',
})

export type EvaluateResult = {
  evaluated: boolean
  state: HealthState
  score: number
  action: HealthAction['kind']
  /** The number must stop and hand its backlog over (pause or block applied now or in force). */
  handOff: boolean
}

/** Reads the stored regime of one session (null: never evaluated, i.e. healthy). */
export async function loadSessionHealth(ctx: Pick<AppContext, 'db'>, tenantId: string, sessionId: string) {
  return ctx.db
    .select()
    .from(sessionHealth)
    .where(ownedBy({ tenantId }, sessionHealth, eq(sessionHealth.sessionId, sessionId)))
    .get()
}

/**
 * Evaluates one session and applies what the guard decides. `force` skips the once-a-minute limit.
 * `handOff` hands the number's queued jobs to the router (the DO's own failover when called from
 * inside the object; otherwise the object's `retire`).
 */
export async function evaluateSessionHealth(
  ctx: Ctx,
  sessionId: string,
  opts: { force?: boolean; config?: HealthConfig; handOff?: (sessionId: string) => Promise<void> } = {},
): Promise<EvaluateResult | null> {
  const config = opts.config ?? DEFAULT_HEALTH_CONFIG
  const row = await ctx.db.select().from(wahaSessions).where(eq(wahaSessions.id, sessionId)).get()
  if (!row) return null
  const scope = { tenantId: row.tenantId }
  const stored = await loadSessionHealth(ctx, row.tenantId, sessionId)
  const now = ctx.clock()
  const previous: HealthState = isHealthState(stored?.state) ? stored.state : 'saudavel'
  if (stored && !opts.force && now - stored.evaluatedAt < EVALUATE_EVERY_MS) {
    return { evaluated: false, state: previous, score: stored.score, action: 'none', handOff: false }
  }

  const windows = evidenceWindows(now, config, stored?.evidenceSince ?? null)
  const workedBefore = row.firstConnectedAt !== null && row.firstConnectedAt < windows.long.from
  const counts = await measureSession(ctx, scope, sessionId, windows, workedBefore)
  const assessment = assessHealth(
    {
      windows: counts,
      status: row.status,
      everConnected: row.lastConnectedAt !== null,
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
          pausedReason: PT('health.pauseReason', {
            note: guardNoteText(note, PT, (ms) => ptDate.format(ms)),
          }),
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

/** Guard pauses that began within the escalation window, not counting the one in force. */
async function recentGuardPauses(
  ctx: Pick<AppContext, 'db'>,
  tenantId: string,
  sessionId: string,
  now: number,
  config: HealthConfig,
  inForce: number | null,
): Promise<number> {
  const since = now - config.actions.escalationWindowMinutes * MINUTE_MS
  const rows = await ctx.db
    .select({ n: sql<number>`COUNT(*)` })
    .from(sessionEvents)
    .where(
      ownedBy(
        { tenantId },
        sessionEvents,
        eq(sessionEvents.sessionId, sessionId),
        eq(sessionEvents.kind, 'guard'),
        gte(sessionEvents.at, since),
        sql`instr(${sessionEvents.key}, 'pause:') = 1`,
      ),
    )
  const n = Number(rows[0]?.n ?? 0)
  return Math.max(0, inForce !== null && inForce > now ? n - 1 : n)
}

function noteOf(
  row: typeof wahaSessions.$inferSelect,
  d: HealthDecision,
  score: number,
  reasons: GuardNote['reasons'],
): GuardNote {
  const a = d.action
  const slow = a.kind === 'slow' ? a.slow : a.kind === 'ramp' ? a.slow : null
  return {
    sessionId: row.id,
    session: row.displayName,
    action: a.kind as GuardNoteAction,
    state: d.state,
    score,
    until: a.kind === 'pause' ? a.untilMs : null,
    cap: a.kind === 'ramp' ? (a.ramp.caps[0] ?? null) : null,
    ...(slow ? { gap: slow.gapMultiplier, divisor: slow.perMinuteDivisor } : {}),
    reasons,
  }
}

/**
 * Writes the action to the session's history and to the history of every running or paused campaign
 * that uses the number (its own sessions, or any campaign it sent for as a reserve in the last day).
 */
export async function recordAction(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  tenantId: string,
  note: GuardNote,
  at: number,
  userId: string | null = null,
): Promise<void> {
  const fresh = await recordSessionEvent(ctx, {
    tenantId,
    sessionId: note.sessionId,
    kind: 'guard',
    key: `${note.action}:${at}`,
    at,
    detail: JSON.stringify(note),
    userId,
  })
  if (!fresh) return
  const running = await ctx.db
    .select({ id: campaigns.id, sessionIds: campaigns.sessionIds })
    .from(campaigns)
    .where(ownedBy({ tenantId }, campaigns, inArray(campaigns.status, ['running', 'paused'])))
  const reserveFor = await ctx.db
    .selectDistinct({ campaignId: campaignMessages.campaignId })
    .from(campaignMessages)
    .where(
      ownedBy(
        { tenantId },
        campaignMessages,
        eq(campaignMessages.sessionId, note.sessionId),
        gte(campaignMessages.sentAt, at - 24 * 60 * MINUTE_MS),
      ),
    )
  const ids = new Set([
    ...running.filter((c) => c.sessionIds.includes(note.sessionId)).map((c) => c.id),
    ...reserveFor.map((r) => r.campaignId).filter((id) => running.some((c) => c.id === id)),
  ])
  for (const id of ids) await logCampaignEvent(ctx, tenantId, id, 'health', JSON.stringify(note), userId)
}

/** Sessions the cron evaluates: connected ones, and any the guard holds (to end cool-downs, keep blocks). */
export async function sessionsToEvaluate(ctx: Pick<AppContext, 'db'>): Promise<string[]> {
  const rows = await ctx.db
    .select({ id: wahaSessions.id })
    .from(wahaSessions)
    .leftJoin(sessionHealth, eq(sessionHealth.sessionId, wahaSessions.id))
    .where(
      sql`${wahaSessions.status} = 'WORKING' OR (${sessionHealth.state} IS NOT NULL AND ${sessionHealth.state} != 'saudavel')`,
    )
  return rows.map((r) => r.id)
}
