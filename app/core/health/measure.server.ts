// Measuring one number's health (decision 022): fills HealthCounts (app/core/guard/signals.ts) for the
// short and the long window from D1, by the SQL definitions of decision 017. Counts are recomputed
// from rows every time, never accumulated, so a webhook delivered twice, late or out of order changes
// nothing. One D1 round trip per evaluation (a batch of read-only statements).
import { and, eq, gte, inArray, lt, type SQL, sql } from 'drizzle-orm'
import { campaignMessages, sessionEvents } from '../../../db/schema'
import type { AppContext } from '../context.server'
import { ownedBy } from '../db/tenant.server'
import {
  countFlaps,
  emptyCounts,
  type HealthCounts,
  lostByWahaSinceWorking,
  type WindowBounds,
} from '../guard/health'

type Scope = { tenantId: string }
type Ctx = Pick<AppContext, 'db'>

const m = campaignMessages
/** A count of the rows where `expr` holds, aliased (D1 names result columns by their text). */
const n = (expr: SQL, alias: string) =>
  sql<number>`COALESCE(SUM(CASE WHEN ${expr} THEN 1 ELSE 0 END), 0)`.as(alias)

/** The phone asked to leave after this row's send (SAIR and friends become an opt_out suppression). */
const optedOutAfterSend = sql`EXISTS (SELECT 1 FROM suppressions s WHERE s.tenant_id = ${m.tenantId}
  AND s.phone_e164 = ${m.phoneE164} AND s.reason = 'opt_out' AND s.created_at >= ${m.sentAt})`
/**
 * No earlier send from this session to this phone. `+p.session_id`: look the phone up by (tenant_id,
 * phone_e164, sent_at), never by scanning every earlier send of the session (that read grew with the
 * square of the session's sends).
 */
const firstContact = sql`NOT EXISTS (SELECT 1 FROM campaign_messages p WHERE p.tenant_id = ${m.tenantId}
  AND +p.session_id = ${m.sessionId} AND p.phone_e164 = ${m.phoneE164} AND p.sent_at < ${m.sentAt})`

const between = (column: SQL | typeof m.sentAt, from: number, to: number) =>
  sql`(${column} >= ${from} AND ${column} < ${to})`

/** Per-window statements: the sent/matured cohort, the attempts, the largest identical-text group. */
function windowStatements(ctx: Ctx, scope: Scope, sessionId: string, w: WindowBounds) {
  const sent = between(m.sentAt, w.from, w.to)
  const mature = between(m.sentAt, w.matureFrom, w.matureTo)
  const fresh = between(m.sentAt, w.freshFrom, w.freshTo)
  const cohort = ctx.db
    .select({
      sent: n(sent, 'sent'),
      ackErrors: n(sql`${sent} AND ${m.errorKind} = 'ack_error'`, 'ackErrors'),
      optOuts: n(sql`${sent} AND ${optedOutAfterSend}`, 'optOuts'),
      firstContacts: n(sql`${sent} AND ${firstContact}`, 'firstContacts'),
      matured: n(mature, 'matured'),
      stillServer: n(sql`${mature} AND ${m.status} = 'sent'`, 'stillServer'),
      fresh: n(fresh, 'fresh'),
      freshServer: n(sql`${fresh} AND ${m.status} = 'sent'`, 'freshServer'),
      replies: n(sql`${mature} AND ${m.repliedAt} IS NOT NULL AND NOT ${optedOutAfterSend}`, 'replies'),
    })
    .from(m)
    .where(
      ownedBy(
        scope,
        m,
        eq(m.sessionId, sessionId),
        gte(m.sentAt, Math.min(w.from, w.matureFrom)),
        lt(m.sentAt, Math.max(w.to, w.matureTo)),
      ),
    )
  const attempts = ctx.db
    .select({
      attempted: n(sql`1`, 'attempted'),
      pendingStuck: n(sql`${m.status} IN ('sending', 'unknown')`, 'pendingStuck'),
    })
    .from(m)
    .where(
      ownedBy(
        scope,
        m,
        eq(m.sessionId, sessionId),
        gte(m.sendingAt, w.pendingFrom),
        lt(m.sendingAt, w.pendingTo),
      ),
    )
  const groups = ctx.db
    .select({ size: sql<number>`COUNT(*)`.as('size') })
    .from(m)
    .where(
      ownedBy(
        scope,
        m,
        eq(m.sessionId, sessionId),
        sql`${m.renderedText} IS NOT NULL`,
        gte(m.sentAt, w.from),
        lt(m.sentAt, w.to),
      ),
    )
    .groupBy(m.renderedText)
    .as('groups')
  const identical = ctx.db.select({ max: sql<number>`COALESCE(MAX(${groups.size}), 0)` }).from(groups)
  const events = ctx.db
    .select({ kind: sessionEvents.kind, count: sql<number>`COUNT(*)` })
    .from(sessionEvents)
    .where(
      ownedBy(
        scope,
        sessionEvents,
        eq(sessionEvents.sessionId, sessionId),
        inArray(sessionEvents.kind, ['reach_out_limit', 'rate_limited', 'answer']),
        gte(sessionEvents.at, w.from),
        lt(sessionEvents.at, w.to),
      ),
    )
    .groupBy(sessionEvents.kind)
  return [cohort, attempts, identical, events] as const
}

/**
 * HealthCounts of one session for both windows (the long one must contain the short one, as
 * evidenceWindows gives them). `workedBefore`: the number had been WORKING before the long window.
 */
export async function measureSession(
  ctx: Ctx,
  scope: Scope,
  sessionId: string,
  windows: { short: WindowBounds; long: WindowBounds },
  workedBefore: boolean,
): Promise<{ short: HealthCounts; long: HealthCounts; lostByWaha: boolean }> {
  const status = (cond: SQL | undefined) =>
    ctx.db
      .select({ status: sessionEvents.detail, at: sessionEvents.at })
      .from(sessionEvents)
      .where(
        ownedBy(
          scope,
          sessionEvents,
          eq(sessionEvents.sessionId, sessionId),
          eq(sessionEvents.kind, 'status'),
          cond,
        ),
      )
  const [s1, s2, s3, s4, l1, l2, l3, l4, log, before] = await ctx.db.batch([
    ...windowStatements(ctx, scope, sessionId, windows.short),
    ...windowStatements(ctx, scope, sessionId, windows.long),
    status(and(gte(sessionEvents.at, windows.long.from), lt(sessionEvents.at, windows.long.to))),
    status(lt(sessionEvents.at, windows.long.from)).orderBy(sql`${sessionEvents.at} DESC`).limit(1),
  ])
  const statusLog = [...before, ...log].map((r) => ({ status: r.status ?? '', at: r.at }))
  const fill = (
    cohort: typeof s1,
    attempts: typeof s2,
    identical: typeof s3,
    events: typeof s4,
    w: WindowBounds,
  ): HealthCounts => {
    const out = emptyCounts()
    Object.assign(out, numbers(cohort[0]), numbers(attempts[0]))
    out.identicalTextMax = Number(identical[0]?.max ?? 0)
    for (const e of events) {
      if (e.kind === 'reach_out_limit') out.reachOutLimit = Number(e.count)
      if (e.kind === 'rate_limited') out.rateLimited = Number(e.count)
      // Answers sent from Respostas (decision 032) are sends of the number too.
      if (e.kind === 'answer') {
        out.sent += Number(e.count)
        out.attempted += Number(e.count)
      }
    }
    out.flaps = countFlaps(statusLog, w.from, w.to, workedBefore)
    return out
  }
  return {
    short: fill(s1, s2, s3, s4, windows.short),
    long: fill(l1, l2, l3, l4, windows.long),
    lostByWaha: lostByWahaSinceWorking(statusLog),
  }
}

function numbers(row: Record<string, unknown> | undefined): Record<string, number> {
  return Object.fromEntries(Object.entries(row ?? {}).map(([k, v]) => [k, Number(v ?? 0)]))
}

/**
 * Writes one session event; a second write of the same (session, kind, key) changes nothing, so a
 * duplicated or late webhook, or a retried send result, is never counted twice.
 */
export async function recordSessionEvent(
  ctx: Ctx,
  e: {
    tenantId: string
    sessionId: string
    kind: 'reach_out_limit' | 'rate_limited' | 'status' | 'guard'
    key: string
    at: number
    detail?: string | null
    userId?: string | null
  },
): Promise<boolean> {
  const rows = await ctx.db
    .insert(sessionEvents)
    .values({ ...e, detail: e.detail ?? null, userId: e.userId ?? null })
    .onConflictDoNothing()
    .returning({ key: sessionEvents.key })
  return rows.length > 0
}
