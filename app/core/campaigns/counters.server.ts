// Campaign counters (decision 041): per-status totals for the campaign list, the dashboard and the API,
// and the recount that repairs them. The counters are kept by triggers on campaign_messages (migration
// campaign_counters); the recount (cron, bounded per tick, or on demand) reads a campaign's counters
// and a fresh GROUP BY of its outbox rows in one batch (one snapshot), and when they differ replaces
// the counters with the recount in one batch (D1 runs a batch as one transaction, so no row change
// lands between the delete and the insert) and logs the drift.
import { and, asc, eq, inArray, isNotNull, isNull, lt, ne, notExists, or, type SQL, sql } from 'drizzle-orm'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import {
  campaignCounts as c,
  campaignArchives,
  campaignMessages,
  campaigns,
  campaignCounterChecks as checks,
  campaignFailureCounts as f,
  campaignLateOptOuts as lo,
  campaignReadHours as r,
  suppressions,
} from '../../../db/schema'
import type { AppContext } from '../context.server'
import { ownedBy, scopeTo, type TenantScope } from '../db/tenant.server'

/** Rows per (campaign, status) from the counters, as the old GROUP BY over the outbox gave them. */
export async function messageCounts(scope: TenantScope, campaignIds: string[]) {
  const rows = await scope.db
    .select({ campaignId: c.campaignId, status: c.status, n: sql<number>`SUM(${c.n})` })
    .from(c)
    .where(ownedBy(scope, c, inArray(c.campaignId, campaignIds)))
    .groupBy(c.campaignId, c.status)
    .having(sql`SUM(${c.n}) <> 0`)
  return rows.map((x) => ({ ...x, n: Number(x.n) }))
}

const m = campaignMessages
const orEmpty = (col: SQLiteColumn) => sql<string>`COALESCE(${col}, '')`
const hourOf = (col: SQLiteColumn) => sql<number>`COALESCE(CAST(${col} / 3600000 AS INTEGER), -1)`
const countOf = (col: SQLiteColumn) => sql<number>`COUNT(${col})`

/** The recount of each counters table, as the triggers would have left it (same keys, same columns). */
function recountQueries(scope: TenantScope, campaignId: string) {
  const own = (...conds: SQL[]) => ownedBy(scope, m, eq(m.campaignId, campaignId), ...conds)
  const counts = scope.db
    .select({
      tenantId: m.tenantId,
      campaignId: m.campaignId,
      step: m.step,
      status: m.status,
      sessionId: orEmpty(m.sessionId).as('session_id'),
      sentHour: hourOf(m.sentAt).as('sent_hour'),
      errorKind: orEmpty(m.errorKind).as('error_kind'),
      n: sql<number>`COUNT(*)`.as('n'),
      clicked: countOf(m.clickedAt).as('clicked'),
      replied: countOf(m.repliedAt).as('replied'),
      confirmedLater: sql<number>`COUNT(CASE WHEN ${m.reconciled} = 'confirmed' THEN 1 END)`.as(
        'confirmed_later',
      ),
      resent: countOf(m.resentAt).as('resent'),
    })
    .from(m)
    .where(own())
    .groupBy(sql`1, 2, 3, 4, 5, 6, 7`)
  const reads = scope.db
    .select({
      tenantId: m.tenantId,
      campaignId: m.campaignId,
      readHour: hourOf(m.readAt).as('read_hour'),
      n: sql<number>`COUNT(*)`.as('n'),
    })
    .from(m)
    .where(own(eq(m.status, 'read'), isNotNull(m.readAt)))
    .groupBy(sql`1, 2, 3`)
  const fails = scope.db
    .select({
      tenantId: m.tenantId,
      campaignId: m.campaignId,
      status: m.status,
      errorKind: orEmpty(m.errorKind).as('error_kind'),
      error: orEmpty(m.error).as('error'),
      errorCode: orEmpty(m.errorCode).as('error_code'),
      errorParams: orEmpty(m.errorParams).as('error_params'),
      n: sql<number>`COUNT(*)`.as('n'),
    })
    .from(m)
    .where(own(inArray(m.status, ['failed', 'unknown', 'skipped'])))
    .groupBy(sql`1, 2, 3, 4, 5, 6, 7`)
  const late = scope.db
    .select({
      campaignId: m.campaignId,
      tenantId: m.tenantId,
      n: sql<number>`COUNT(DISTINCT ${suppressions.id})`.as('n'),
    })
    .from(m)
    .innerJoin(
      suppressions,
      and(
        eq(suppressions.tenantId, m.tenantId),
        eq(suppressions.phoneE164, m.phoneE164),
        isNotNull(m.sentAt),
        lt(m.sentAt, suppressions.createdAt),
      ),
    )
    .where(own())
    .groupBy(m.campaignId, m.tenantId)
  return { counts, reads, fails, late }
}

type Row = object

/** A canonical line per non-empty group (zero groups the triggers leave behind count as absent). */
function lines(rows: Row[], keys: string[], values: string[]): Set<string> {
  const out = new Set<string>()
  for (const row of rows) {
    const get = (k: string) => (row as Record<string, unknown>)[k]
    const vals = values.map((v) => Number(get(v)) || 0)
    if (vals.every((v) => v === 0)) continue
    out.add(JSON.stringify([...keys.map(get), ...vals]))
  }
  return out
}

/** How many groups differ between two sets of lines (either side). */
function difference(a: Set<string>, b: Set<string>): number {
  let n = 0
  for (const x of a) if (!b.has(x)) n++
  for (const x of b) if (!a.has(x)) n++
  return n
}

const COUNT_KEYS = ['step', 'status', 'sessionId', 'sentHour', 'errorKind']
const COUNT_VALUES = ['n', 'clicked', 'replied', 'confirmedLater', 'resent']
const FAIL_KEYS = ['status', 'errorKind', 'error', 'errorCode', 'errorParams']

/**
 * Recounts one campaign and repairs its counters if they drifted. Returns the number of counter groups
 * that differed (0: nothing written but the check's time).
 */
export async function recountCampaign(scope: TenantScope, campaignId: string): Promise<number> {
  const t = scope.tenantId
  // An archived campaign's rows live in R2 (decision 042) and its counters still count them: a recount
  // of what is left in D1 would zero them. Its counters no longer move, so there is nothing to check.
  const archived = await scope.db
    .select({ state: campaignArchives.state })
    .from(campaignArchives)
    .where(ownedBy(scope, campaignArchives, eq(campaignArchives.campaignId, campaignId)))
    .get()
  if (archived) return 0
  const again = recountQueries(scope, campaignId)
  const own = <T extends typeof c | typeof r | typeof f | typeof lo>(table: T) =>
    scope.db
      .select()
      .from(table as typeof c)
      .where(ownedBy(scope, table, eq(table.campaignId, campaignId)))
  const [counts, reads, fails, late, recount, rereads, refails, relate] = await scope.db.batch([
    own(c),
    own(r),
    own(f),
    own(lo),
    again.counts,
    again.reads,
    again.fails,
    again.late,
  ])
  const drift =
    difference(lines(counts, COUNT_KEYS, COUNT_VALUES), lines(recount, COUNT_KEYS, COUNT_VALUES)) +
    difference(lines(reads, ['readHour'], ['n']), lines(rereads, ['readHour'], ['n'])) +
    difference(lines(fails, FAIL_KEYS, ['n']), lines(refails, FAIL_KEYS, ['n'])) +
    difference(lines(late, [], ['n']), lines(relate, [], ['n']))
  const now = scope.clock()
  const check = scope.db
    .insert(checks)
    .values({ campaignId, tenantId: t, checkedAt: now, drift })
    .onConflictDoUpdate({ target: checks.campaignId, set: { checkedAt: now, drift } })
  if (drift === 0) {
    await check
    return 0
  }
  console.warn(JSON.stringify({ msg: 'campaign counters drifted; repaired', campaignId, groups: drift }))
  await scope.db.batch([
    scope.db.delete(c).where(ownedBy(scope, c, eq(c.campaignId, campaignId))),
    scope.db.delete(r).where(ownedBy(scope, r, eq(r.campaignId, campaignId))),
    scope.db.delete(f).where(ownedBy(scope, f, eq(f.campaignId, campaignId))),
    scope.db.delete(lo).where(ownedBy(scope, lo, eq(lo.campaignId, campaignId))),
    scope.db.insert(c).select(again.counts),
    scope.db.insert(r).select(again.reads),
    scope.db.insert(f).select(again.fails),
    scope.db.insert(lo).select(again.late),
    check,
  ])
  return drift
}

/** How often a campaign is recounted: running ones hourly, the rest (late clicks, replies) daily. */
const ACTIVE_EVERY_MS = 60 * 60 * 1000
const SETTLED_EVERY_MS = 24 * 60 * 60 * 1000
/** Bounded work per tick: at most this many campaigns, and stop once this many rows were recounted. */
const CAMPAIGNS_PER_TICK = 5
const ROWS_PER_TICK = 200_000

/** The cron's recount: the campaigns whose last check is oldest, within the tick's bounds. */
export async function reconcileCounters(ctx: AppContext): Promise<{ checked: number; repaired: number }> {
  const now = ctx.clock()
  const due = await ctx.db
    .select({ id: campaigns.id, tenantId: campaigns.tenantId, total: campaigns.totalCount })
    .from(campaigns)
    .leftJoin(checks, eq(checks.campaignId, campaigns.id))
    .where(
      and(
        ne(campaigns.status, 'draft'),
        notExists(
          ctx.db
            .select({ one: sql`1` })
            .from(campaignArchives)
            .where(eq(campaignArchives.campaignId, campaigns.id)),
        ),
        or(
          isNull(checks.checkedAt),
          and(
            inArray(campaigns.status, ['running', 'paused', 'scheduled']),
            lt(checks.checkedAt, now - ACTIVE_EVERY_MS),
          ),
          lt(checks.checkedAt, now - SETTLED_EVERY_MS),
        ),
      ),
    )
    .orderBy(asc(sql`COALESCE(${checks.checkedAt}, 0)`))
    .limit(CAMPAIGNS_PER_TICK)
  let rows = 0
  let checked = 0
  let repaired = 0
  for (const d of due) {
    if (checked > 0 && rows + d.total > ROWS_PER_TICK) break
    if ((await recountCampaign(scopeTo(ctx, d.tenantId), d.id)) > 0) repaired++
    rows += d.total
    checked++
  }
  return { checked, repaired }
}
