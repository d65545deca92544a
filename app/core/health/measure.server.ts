// Measuring one number's health (decision 022): fills HealthCounts (app/core/guard/signals.ts) for the
// short and the long window from D1, by the SQL definitions of decision 017. Counts are recomputed
// from rows every time, never accumulated, so a webhook delivered twice, late or out of order changes
// nothing. One D1 round trip per evaluation (a batch of read-only statements).
import { and, eq, gte, inArray, lt, type SQL, type SQLWrapper, sql } from 'drizzle-orm'
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

const between = (column: SQLWrapper, from: number, to: number) =>
  sql`(${column} >= ${from} AND ${column} < ${to})`
const anyOf = (parts: SQL[]) => sql`(${sql.join(parts, sql` OR `)})`

/** Written into the SQL as they are: drizzle leaves out a negative limit and a zero offset. */
const NO_LIMIT = sql.raw('-1') as unknown as number
const NO_OFFSET = sql.raw('0') as unknown as number

type Windows = { short: WindowBounds; long: WindowBounds }
const WINDOWS = ['short', 'long'] as const
type WindowName = (typeof WINDOWS)[number]

/**
 * Both windows in one pass each (decision 028): the short window lies inside the long one, so each
 * statement reads the rows of both once and sums each window's own conditions (the same counts as
 * one statement per window, which read the short window's rows twice).
 */
function windowStatements(ctx: Ctx, scope: Scope, sessionId: string, windows: Windows) {
  const all = WINDOWS.map((k) => windows[k])
  const sentFrom = Math.min(...all.flatMap((w) => [w.from, w.matureFrom]))
  const sentTo = Math.max(...all.flatMap((w) => [w.to, w.matureTo]))
  // A row's costly facts (subqueries) are worked out once, for the rows a window counts them on.
  // `LIMIT -1 OFFSET 0` (no limit) keeps SQLite from flattening the derived table, which would copy
  // each subquery into every sum that reads it (a subquery with an OFFSET is never flattened).
  const inSent = anyOf(all.map((w) => between(m.sentAt, w.from, w.to)))
  const inSentOrMature = anyOf(
    all.flatMap((w) => [between(m.sentAt, w.from, w.to), between(m.sentAt, w.matureFrom, w.matureTo)]),
  )
  const rows = ctx.db
    .select({
      sentAt: m.sentAt,
      status: m.status,
      errorKind: m.errorKind,
      repliedAt: m.repliedAt,
      firstContact: sql<number>`CASE WHEN ${inSent} AND ${firstContact} THEN 1 ELSE 0 END`.as(
        'first_contact',
      ),
      optedOut: sql<number>`CASE WHEN ${inSentOrMature} AND ${optedOutAfterSend} THEN 1 ELSE 0 END`.as(
        'opted_out',
      ),
    })
    .from(m)
    .where(ownedBy(scope, m, eq(m.sessionId, sessionId), gte(m.sentAt, sentFrom), lt(m.sentAt, sentTo)))
    .limit(NO_LIMIT)
    .offset(NO_OFFSET)
    .as('r')
  const cohortFields = (k: WindowName) => {
    const w = windows[k]
    const sent = between(rows.sentAt, w.from, w.to)
    const mature = between(rows.sentAt, w.matureFrom, w.matureTo)
    const fresh = between(rows.sentAt, w.freshFrom, w.freshTo)
    return {
      [`${k}Sent`]: n(sent, `${k}Sent`),
      [`${k}AckErrors`]: n(sql`${sent} AND ${rows.errorKind} = 'ack_error'`, `${k}AckErrors`),
      [`${k}OptOuts`]: n(sql`${sent} AND ${rows.optedOut} = 1`, `${k}OptOuts`),
      [`${k}FirstContacts`]: n(sql`${sent} AND ${rows.firstContact} = 1`, `${k}FirstContacts`),
      [`${k}Matured`]: n(mature, `${k}Matured`),
      [`${k}StillServer`]: n(sql`${mature} AND ${rows.status} = 'sent'`, `${k}StillServer`),
      [`${k}Fresh`]: n(fresh, `${k}Fresh`),
      [`${k}FreshServer`]: n(sql`${fresh} AND ${rows.status} = 'sent'`, `${k}FreshServer`),
      [`${k}Replies`]: n(
        sql`${mature} AND ${rows.repliedAt} IS NOT NULL AND ${rows.optedOut} = 0`,
        `${k}Replies`,
      ),
    }
  }
  const cohort = ctx.db.select({ ...cohortFields('short'), ...cohortFields('long') }).from(rows)
  const pendingFrom = Math.min(...all.map((w) => w.pendingFrom))
  const pendingTo = Math.max(...all.map((w) => w.pendingTo))
  const attemptFields = (k: WindowName) => {
    const attempted = between(m.sendingAt, windows[k].pendingFrom, windows[k].pendingTo)
    return {
      [`${k}Attempted`]: n(attempted, `${k}Attempted`),
      [`${k}PendingStuck`]: n(
        sql`${attempted} AND ${m.status} IN ('sending', 'unknown')`,
        `${k}PendingStuck`,
      ),
    }
  }
  const attempts = ctx.db
    .select({ ...attemptFields('short'), ...attemptFields('long') })
    .from(m)
    .where(
      ownedBy(
        scope,
        m,
        eq(m.sessionId, sessionId),
        gte(m.sendingAt, pendingFrom),
        lt(m.sendingAt, pendingTo),
      ),
    )
  const textFrom = Math.min(...all.map((w) => w.from))
  const textTo = Math.max(...all.map((w) => w.to))
  const groups = ctx.db
    .select({
      short: n(between(m.sentAt, windows.short.from, windows.short.to), 'short'),
      long: n(between(m.sentAt, windows.long.from, windows.long.to), 'long'),
    })
    .from(m)
    .where(
      ownedBy(
        scope,
        m,
        eq(m.sessionId, sessionId),
        sql`${m.renderedText} IS NOT NULL`,
        gte(m.sentAt, textFrom),
        lt(m.sentAt, textTo),
      ),
    )
    .groupBy(m.renderedText)
    .as('groups')
  const identical = ctx.db
    .select({
      short: sql<number>`COALESCE(MAX(${groups.short}), 0)`.as('shortMax'),
      long: sql<number>`COALESCE(MAX(${groups.long}), 0)`.as('longMax'),
    })
    .from(groups)
  // Aliased: D1 names a result column by its text, and two columns of the same text collapse into one.
  const eventCount = (k: WindowName) => n(between(sessionEvents.at, windows[k].from, windows[k].to), k)
  const events = ctx.db
    .select({ kind: sessionEvents.kind, short: eventCount('short'), long: eventCount('long') })
    .from(sessionEvents)
    .where(
      ownedBy(
        scope,
        sessionEvents,
        eq(sessionEvents.sessionId, sessionId),
        inArray(sessionEvents.kind, ['reach_out_limit', 'rate_limited', 'answer']),
        gte(sessionEvents.at, textFrom),
        lt(sessionEvents.at, textTo),
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
  windows: Windows,
  workedBefore: boolean,
  /**
   * Also counts the number's guard pauses that began at or after this instant (the guard's escalation,
   * history.server.ts), in the same round trip.
   */
  guardPausesSince?: number,
): Promise<{ short: HealthCounts; long: HealthCounts; lostByWaha: boolean; guardPauses: number }> {
  /** This session's log rows of one kind (and the extra conditions). */
  const ofKind = (kind: 'status' | 'guard', ...conds: Array<SQL | undefined>) =>
    ownedBy(
      scope,
      sessionEvents,
      eq(sessionEvents.sessionId, sessionId),
      eq(sessionEvents.kind, kind),
      ...conds,
    )
  const status = (cond: SQL | undefined) =>
    ctx.db
      .select({ status: sessionEvents.detail, at: sessionEvents.at })
      .from(sessionEvents)
      .where(ofKind('status', cond))
  const [cohort, attempts, identical, events, log, before, pauses] = await ctx.db.batch([
    ...windowStatements(ctx, scope, sessionId, windows),
    status(and(gte(sessionEvents.at, windows.long.from), lt(sessionEvents.at, windows.long.to))),
    status(lt(sessionEvents.at, windows.long.from)).orderBy(sql`${sessionEvents.at} DESC`).limit(1),
    // Asked or not, the batch's shape stays one: an instant no event has gives 0 at an index seek.
    ctx.db
      .select({ n: sql<number>`COUNT(*)` })
      .from(sessionEvents)
      .where(
        ofKind(
          'guard',
          gte(sessionEvents.at, guardPausesSince ?? Number.MAX_SAFE_INTEGER),
          sql`instr(${sessionEvents.key}, 'pause:') = 1`,
        ),
      ),
  ])
  const statusLog = [...before, ...log].map((r) => ({ status: r.status ?? '', at: r.at }))
  const fill = (k: WindowName): HealthCounts => {
    const out = emptyCounts()
    Object.assign(out, numbers(cohort[0], k), numbers(attempts[0], k))
    out.identicalTextMax = Number(identical[0]?.[k] ?? 0)
    for (const e of events) {
      const count = Number(e[k] ?? 0)
      if (e.kind === 'reach_out_limit') out.reachOutLimit = count
      if (e.kind === 'rate_limited') out.rateLimited = count
      // Answers sent from Respostas (decision 032) are sends of the number too.
      if (e.kind === 'answer') {
        out.sent += count
        out.attempted += count
      }
    }
    out.flaps = countFlaps(statusLog, windows[k].from, windows[k].to, workedBefore)
    return out
  }
  return {
    short: fill('short'),
    long: fill('long'),
    lostByWaha: lostByWahaSinceWorking(statusLog),
    guardPauses: Number(pauses[0]?.n ?? 0),
  }
}

/** The counts of one window from a row of `${window}Field` columns, as `field`. */
function numbers(row: Record<string, unknown> | undefined, k: WindowName): Record<string, number> {
  const out: Record<string, number> = {}
  for (const [key, v] of Object.entries(row ?? {})) {
    if (!key.startsWith(k)) continue
    const field = key.slice(k.length)
    out[field.charAt(0).toLowerCase() + field.slice(1)] = Number(v ?? 0)
  }
  return out
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
