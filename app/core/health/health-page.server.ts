// What the session health page shows (decision 022): the guard's state, score and reasons, the
// warm-up plan's progress, the last 14 days per day (sent, delivered, read, replied, opt-outs,
// errors, and the day's lowest hourly score) and the session's history of automatic actions.
import { and, desc, eq, gte, sql } from 'drizzle-orm'
import {
  campaignMessages,
  sessionEvents,
  sessionHealth,
  sessionHealthHours,
  type wahaSessions,
} from '../../../db/schema'
import { ownedBy, type TenantScope } from '../db/tenant.server'
import { type HealthReason, type HealthState, isHealthState } from '../guard/health'
import { sessionPacing } from '../sending/effective-pacing'
import { DEFAULT_TIME_ZONE, warmupCap, warmupDay } from '../sending/pacing'
import { fromLocalTime, localDay, toLocalTime } from '../sending/time-zone'
import { type GuardNote, parseGuardNote } from './notes'

const CHART_DAYS = 14

export type HealthDay = {
  day: string
  sent: number
  delivered: number
  read: number
  replied: number
  optOuts: number
  errors: number
  /** The day's lowest hourly score (null: not assessed that day). */
  score: number | null
}

export type HealthPage = {
  state: HealthState
  score: number
  reasons: HealthReason[]
  evaluatedAt: number | null
  pausedUntil: number | null
  rampStartedAt: number | null
  warmup: { day: number; days: number; capToday: number; fullCap: number } | null
  days: HealthDay[]
  history: Array<{ at: number; note: GuardNote }>
}

/** 'YYYY-MM-DD' of the local day containing `ms`. */
function dayKey(ms: number): string {
  const l = toLocalTime(ms, DEFAULT_TIME_ZONE)
  return `${l.year}-${String(l.month).padStart(2, '0')}-${String(l.day).padStart(2, '0')}`
}

export async function loadHealthPage(
  scope: TenantScope,
  row: typeof wahaSessions.$inferSelect,
): Promise<HealthPage> {
  const now = scope.clock()
  const today = toLocalTime(now, DEFAULT_TIME_ZONE)
  const dayStart = (i: number) => fromLocalTime(today, 0, DEFAULT_TIME_ZONE, i - (CHART_DAYS - 1))
  const firstDay = dayStart(0)
  // SQL groups by local day with today's UTC offset (São Paulo has kept UTC−3 all year since 2019).
  const offsetMs = Date.UTC(today.year, today.month - 1, today.day) - localDay(now, DEFAULT_TIME_ZONE).start
  const dayExpr = sql<string>`strftime('%Y-%m-%d', (${campaignMessages.sentAt} + ${offsetMs}) / 1000, 'unixepoch')`
  const m = campaignMessages
  const [healthRows, perDay, hours, events] = await scope.db.batch([
    scope.db
      .select()
      .from(sessionHealth)
      .where(ownedBy(scope, sessionHealth, eq(sessionHealth.sessionId, row.id))),
    scope.db
      .select({
        day: dayExpr.as('day'),
        sent: sql<number>`COUNT(*)`.as('sent'),
        delivered:
          sql<number>`SUM(CASE WHEN ${m.deliveredAt} IS NOT NULL OR ${m.readAt} IS NOT NULL THEN 1 ELSE 0 END)`.as(
            'delivered',
          ),
        read: sql<number>`SUM(CASE WHEN ${m.readAt} IS NOT NULL THEN 1 ELSE 0 END)`.as('read'),
        replied: sql<number>`SUM(CASE WHEN ${m.repliedAt} IS NOT NULL THEN 1 ELSE 0 END)`.as('replied'),
        optOuts:
          sql<number>`SUM(CASE WHEN EXISTS (SELECT 1 FROM suppressions s WHERE s.tenant_id = ${m.tenantId}
          AND s.phone_e164 = ${m.phoneE164} AND s.reason = 'opt_out' AND s.created_at >= ${m.sentAt}) THEN 1 ELSE 0 END)`.as(
            'opt_outs',
          ),
        errors: sql<number>`SUM(CASE WHEN ${m.errorKind} = 'ack_error' THEN 1 ELSE 0 END)`.as('errors'),
      })
      .from(m)
      .where(ownedBy(scope, m, eq(m.sessionId, row.id), gte(m.sentAt, firstDay)))
      .groupBy(sql`day`),
    scope.db
      .select({ hourStart: sessionHealthHours.hourStart, score: sessionHealthHours.score })
      .from(sessionHealthHours)
      .where(
        ownedBy(
          scope,
          sessionHealthHours,
          eq(sessionHealthHours.sessionId, row.id),
          gte(sessionHealthHours.hourStart, firstDay),
        ),
      ),
    scope.db
      .select({ at: sessionEvents.at, detail: sessionEvents.detail })
      .from(sessionEvents)
      .where(
        ownedBy(
          scope,
          sessionEvents,
          and(eq(sessionEvents.sessionId, row.id), eq(sessionEvents.kind, 'guard')),
        ),
      )
      .orderBy(desc(sessionEvents.at))
      .limit(30),
  ])
  const health = healthRows[0]
  const byDay = new Map(perDay.map((d) => [d.day, d]))
  const minScore = new Map<string, number>()
  for (const h of hours) {
    const day = dayKey(h.hourStart)
    minScore.set(day, Math.min(minScore.get(day) ?? 100, h.score))
  }
  const days: HealthDay[] = Array.from({ length: CHART_DAYS }, (_, i) => {
    const day = dayKey(dayStart(i))
    const d = byDay.get(day)
    return {
      day,
      sent: Number(d?.sent ?? 0),
      delivered: Number(d?.delivered ?? 0),
      read: Number(d?.read ?? 0),
      replied: Number(d?.replied ?? 0),
      optOuts: Number(d?.optOuts ?? 0),
      errors: Number(d?.errors ?? 0),
      score: minScore.get(day) ?? null,
    }
  })
  const pacing = sessionPacing(row)
  const plan = pacing.warmup
  const warmup = plan
    ? (() => {
        const day = warmupDay(plan, now, pacing.timeZone)
        return {
          day: day + 1,
          days: plan.days,
          capToday: warmupCap(plan, pacing.dailyCap, day),
          fullCap: pacing.dailyCap,
        }
      })()
    : null
  return {
    state: isHealthState(health?.state) ? health.state : 'saudavel',
    score: health?.score ?? 100,
    reasons: health ? (JSON.parse(health.reasons) as HealthReason[]) : [],
    evaluatedAt: health?.evaluatedAt ?? null,
    pausedUntil: health?.pausedUntil ?? null,
    rampStartedAt: health?.rampStartedAt ?? null,
    warmup,
    days,
    history: events.flatMap((e) => {
      const note = parseGuardNote(e.detail)
      return note ? [{ at: e.at, note }] : []
    }),
  }
}
