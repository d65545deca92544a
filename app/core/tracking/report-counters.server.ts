// The campaign report's counts from the campaign counters (decision 041) instead of a scan of the
// outbox: funnel groups by status, the per-session split and sends timeline by (session, status,
// bucket), reads per bucket, failure reasons, held rows and late opt-outs. Their size grows with
// sessions × hours × statuses, not with messages. Two facts depend on the clock and are read from
// index ranges of the outbox over the last hour only (the report and campaign+failed indexes): rows
// that left in the last RATE_WINDOW_MS (the send rate) and `sent` rows older than UNCONFIRMED_AFTER_MS
// inside the hour the cut falls in (whole hours before it come from the counters).

import { and, desc, eq, gte, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import {
  campaignCounts as c,
  campaignFailureCounts as f,
  campaignLateOptOuts as lateOptOuts,
  campaignMessages as m,
  campaignReadHours as r,
} from '../../../db/schema'
import { ownedBy, type TenantScope } from '../db/tenant.server'
import { HOUR_MS, RATE_WINDOW_MS, type SessionGroup, type StatusGroup, UNCONFIRMED_AFTER_MS } from './report'

const sum = (col: SQLiteColumn) => sql<number>`COALESCE(SUM(${col}), 0)`

/** Funnel groups by status (no `recent`: see liveWindowQueries). */
export function counterFunnelQuery(scope: TenantScope, campaignId: string) {
  return scope.db
    .select({
      status: c.status,
      n: sum(c.n),
      clicked: sum(c.clicked),
      replied: sum(c.replied),
      recent: sql<number>`0`.as('recent'), // named: a column called "0" would sort first in D1's result object
      suppressed: sql<number>`COALESCE(SUM(CASE WHEN ${c.errorKind} = 'suppressed' THEN ${c.n} END), 0)`,
      confirmedLater: sum(c.confirmedLater),
      resent: sum(c.resent),
    })
    .from(c)
    .where(ownedBy(scope, c, eq(c.campaignId, campaignId)))
    .groupBy(c.status)
    .having(sql`SUM(${c.n}) <> 0`)
}

/** The hour (since the epoch) the "sent over an hour ago" cut falls in. */
function cutHour(now: number): number {
  return Math.floor((now - UNCONFIRMED_AFTER_MS) / HOUR_MS)
}

/**
 * Per-session split and sends timeline groups; oldSent counts the `sent` rows of whole hours before
 * the cut hour (the rows inside it come from liveWindowQueries).
 */
export function counterSessionsQuery(
  scope: TenantScope,
  campaignId: string,
  now: number,
  bucketHours: number,
) {
  const hours = sql.raw(String(Math.max(1, Math.floor(bucketHours))))
  const bucket = sql<number | null>`CASE WHEN ${c.sentHour} < 0 THEN NULL ELSE ${c.sentHour} / ${hours} END`
  return scope.db
    .select({
      sessionId: sql<string | null>`NULLIF(${c.sessionId}, '')`,
      status: c.status,
      bucket,
      n: sum(c.n),
      oldSent: sql<number>`COALESCE(SUM(CASE WHEN ${c.sentHour} >= 0 AND ${c.sentHour} < ${cutHour(now)} THEN ${c.n} END), 0)`,
    })
    .from(c)
    .where(
      ownedBy(
        scope,
        c,
        eq(c.campaignId, campaignId),
        inArray(c.status, ['sent', 'delivered', 'read', 'failed', 'unknown']),
      ),
    )
    .groupBy(c.sessionId, c.status, bucket)
    .having(sql`SUM(${c.n}) <> 0`)
}

/** Reads per bucket. */
export function counterReadsQuery(scope: TenantScope, campaignId: string, bucketHours: number) {
  const hours = sql.raw(String(Math.max(1, Math.floor(bucketHours))))
  const bucket = sql<number>`(${r.readHour} / ${hours})`
  return scope.db
    .select({ hour: bucket, n: sql<number>`COALESCE(SUM(${r.n}), 0)` })
    .from(r)
    .where(ownedBy(scope, r, eq(r.campaignId, campaignId), ne(r.n, 0)))
    .groupBy(bucket)
}

/** Failure reasons, the 30 most frequent, with NULL where the row had none. */
export function counterFailuresQuery(scope: TenantScope, campaignId: string) {
  const count = sql<number>`COALESCE(SUM(${f.n}), 0)`
  const orNull = (col: SQLiteColumn) => sql<string | null>`NULLIF(${col}, '')`
  return scope.db
    .select({
      status: f.status,
      errorKind: orNull(f.errorKind),
      error: orNull(f.error),
      errorCode: orNull(f.errorCode),
      errorParams: orNull(f.errorParams),
      n: count,
    })
    .from(f)
    .where(ownedBy(scope, f, eq(f.campaignId, campaignId)))
    .groupBy(f.status, f.errorKind, f.error, f.errorCode, f.errorParams)
    .having(sql`${count} > 0`)
    .orderBy(desc(count))
    .limit(30)
}

/** Held rows by (status, reason), as report-held.server.ts's heldCountsOf expects. */
export function counterHeldQuery(scope: TenantScope, campaignId: string) {
  return scope.db
    .select({ status: c.status, errorKind: sql<string | null>`${c.errorKind}`, n: sum(c.n) })
    .from(c)
    .where(
      ownedBy(
        scope,
        c,
        eq(c.campaignId, campaignId),
        inArray(c.status, ['skipped', 'queued']),
        inArray(c.errorKind, ['recent_message', 'same_text', 'first_contact_budget']),
      ),
    )
    .groupBy(c.status, c.errorKind)
    .having(sql`SUM(${c.n}) <> 0`)
}

/** Late opt-outs from their counter (kept by triggers on suppressions). */
export function counterLateOptOutsQuery(scope: TenantScope, campaignId: string) {
  return scope.db
    .select({ n: lateOptOuts.n })
    .from(lateOptOuts)
    .where(ownedBy(scope, lateOptOuts, eq(lateOptOuts.campaignId, campaignId)))
}

/**
 * The clock-dependent counts, from index ranges of the outbox over the last hour or so: per session,
 * `sent` rows of the cut hour sent before the cut, and rows with a send time in the last
 * RATE_WINDOW_MS. Both seek the report index (campaign, status, session, sent_at) for each session
 * that has rows (from the counters), reading the index alone; `+tenant_id` keeps SQLite from choosing
 * the tenant+sent index, which would read every row the team sent in that time.
 */
export function liveWindowQueries(scope: TenantScope, campaignId: string, now: number) {
  const from = cutHour(now) * HOUR_MS
  const cut = now - UNCONFIRMED_AFTER_MS
  const recentFrom = now - RATE_WINDOW_MS
  const sessions = scope.db
    .select({ id: c.sessionId })
    .from(c)
    .where(ownedBy(scope, c, eq(c.campaignId, campaignId), ne(c.sessionId, '')))
  const tenant = sql`+${m.tenantId} = ${scope.tenantId}`
  const boundary = scope.db
    .select({ sessionId: m.sessionId, boundarySent: sql<number>`COUNT(*)`.as('boundary_sent') })
    .from(m)
    .where(
      and(
        tenant,
        eq(m.campaignId, campaignId),
        eq(m.status, 'sent'),
        inArray(m.sessionId, sessions),
        gte(m.sentAt, from),
        lt(m.sentAt, cut),
      ),
    )
    .groupBy(m.sessionId)
  const recentSent = scope.db
    .select({ n: sql<number>`COUNT(*)`.as('n') })
    .from(m)
    .where(
      and(
        tenant,
        eq(m.campaignId, campaignId),
        inArray(m.status, ['sent', 'delivered', 'read', 'failed', 'unknown']),
        inArray(m.sessionId, sessions),
        gte(m.sentAt, recentFrom),
      ),
    )
  const failed = scope.db
    .select({ n: sql<number>`COUNT(*)`.as('n') })
    .from(m)
    .where(
      ownedBy(
        scope,
        m,
        eq(m.campaignId, campaignId),
        gte(m.failedAt, recentFrom),
        or(isNull(m.sentAt), lt(m.sentAt, recentFrom)),
      ),
    )
  return [boundary, recentSent, failed] as const
}

type Boundary = { sessionId: string | null; boundarySent: number }

/**
 * The counter groups completed with the live window: the send rate on the funnel, and the boundary
 * hour's old `sent` rows as extra session groups (no bucket, so the timeline ignores them).
 */
export function withLiveWindow(
  funnelGroups: StatusGroup[],
  sessionGroups: SessionGroup[],
  boundary: Boundary[],
  recentSent: { n: number }[],
  recentFailed: { n: number }[],
) {
  const recent = (Number(recentSent[0]?.n) || 0) + (Number(recentFailed[0]?.n) || 0)
  const groups = funnelGroups.map((g, i) => ({ ...g, recent: i === 0 ? recent : 0 }))
  if (groups.length === 0 && recent > 0)
    groups.push({ status: 'sent', n: 0, clicked: 0, replied: 0, recent, suppressed: 0 })
  const extra: SessionGroup[] = boundary
    .filter((s) => Number(s.boundarySent) > 0)
    .map((s) => ({
      sessionId: s.sessionId,
      status: 'sent',
      bucket: null,
      n: 0,
      oldSent: Number(s.boundarySent),
    }))
  return { groups, sessionGroups: [...sessionGroups, ...extra] }
}
