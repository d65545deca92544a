// The guard's side of the histories (decision 022): the note of an action, writing it to the session's
// and the campaigns' histories, and which numbers the cron looks at. (How many guard pauses a number
// had lately, for the cool-down's escalation, is counted with the measure: measure.server.ts.)
import { eq, gte, inArray, sql } from 'drizzle-orm'
import {
  campaignMessages,
  campaigns,
  sessionEvents,
  sessionHealth,
  sessionHealthHours,
  wahaSessions,
} from '../../../db/schema'
import { logCampaignEvent } from '../campaigns/campaign-events.server'
import type { AppContext } from '../context.server'
import { ownedBy } from '../db/tenant.server'
import { type HealthDecision, MINUTE_MS } from '../guard/health'
import { recordSessionEvent } from './measure.server'
import type { GuardNote, GuardNoteAction } from './notes'

export function noteOf(
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
    ...(slow?.minDelayS ? { minGap: slow.minDelayS } : {}),
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

/**
 * How long the hourly scores and the per-attempt refusals (463/475, rate limits) are kept: past the
 * health page's 14 days and the longest window a setting allows (a week). The status log and the
 * guard's own actions stay: they are the number's history, and a few rows a day (decision 029: the
 * hourly rows alone grew ~51 MB a day at the design load and were never deleted).
 */
const HEALTH_HISTORY_DAYS = 30
/** Rows deleted per table and cron tick: a first run after a long time stays a short statement. */
const PRUNE_BATCH = 5000

/** Deletes hourly scores and refusal events older than HEALTH_HISTORY_DAYS. For the cron trigger. */
export async function pruneHealthHistory(
  ctx: Pick<AppContext, 'db' | 'clock'>,
): Promise<{ hours: number; refusals: number }> {
  const cutoff = ctx.clock() - HEALTH_HISTORY_DAYS * 24 * 60 * MINUTE_MS
  const [hours, refusals] = await ctx.db.batch([
    ctx.db
      .delete(sessionHealthHours)
      .where(
        sql`rowid IN (SELECT rowid FROM ${sessionHealthHours} WHERE ${sessionHealthHours.hourStart} < ${cutoff} LIMIT ${PRUNE_BATCH})`,
      ),
    ctx.db
      .delete(sessionEvents)
      .where(
        sql`rowid IN (SELECT rowid FROM ${sessionEvents} WHERE ${sessionEvents.kind} IN ('reach_out_limit', 'rate_limited') AND ${sessionEvents.at} < ${cutoff} LIMIT ${PRUNE_BATCH})`,
      ),
  ])
  return { hours: hours.meta.changes ?? 0, refusals: refusals.meta.changes ?? 0 }
}
