// Campaign counters (decision 041): per-status totals for the campaign list, the dashboard and the API,
// and the recount that repairs them. The counters are kept by triggers on campaign_messages (migration
// campaign_counters); the recount (cron, bounded per tick, or on demand) reads a campaign's counters
// and a fresh GROUP BY of its outbox rows in one batch (one snapshot), and when they differ replaces
// the counters with the recount in one batch (D1 runs a batch as one transaction, so no row change
// lands between the delete and the insert) and logs the drift.
import { and, asc, eq, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm'
import {
  campaignCounts as c,
  campaigns,
  campaignCounterChecks as checks,
  campaignFailureCounts as f,
  campaignReadHours as r,
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

const COUNT_SQL = (campaignId: string, tenantId: string) => sql`
  SELECT tenant_id, campaign_id, status, COALESCE(session_id, '') AS session_id,
    COALESCE(CAST(sent_at / 3600000 AS INTEGER), -1) AS sent_hour, COALESCE(error_kind, '') AS error_kind,
    COUNT(*) AS n, COUNT(clicked_at) AS clicked, COUNT(replied_at) AS replied,
    COUNT(CASE WHEN reconciled = 'confirmed' THEN 1 END) AS confirmed_later, COUNT(resent_at) AS resent
  FROM campaign_messages WHERE tenant_id = ${tenantId} AND campaign_id = ${campaignId}
  GROUP BY 1, 2, 3, 4, 5, 6`
const READ_SQL = (campaignId: string, tenantId: string) => sql`
  SELECT tenant_id, campaign_id, CAST(read_at / 3600000 AS INTEGER) AS read_hour, COUNT(*) AS n
  FROM campaign_messages WHERE tenant_id = ${tenantId} AND campaign_id = ${campaignId}
    AND status = 'read' AND read_at IS NOT NULL
  GROUP BY 1, 2, 3`
const FAIL_SQL = (campaignId: string, tenantId: string) => sql`
  SELECT tenant_id, campaign_id, status, COALESCE(error_kind, '') AS error_kind, COALESCE(error, '') AS error,
    COALESCE(error_code, '') AS error_code, COALESCE(error_params, '') AS error_params, COUNT(*) AS n
  FROM campaign_messages WHERE tenant_id = ${tenantId} AND campaign_id = ${campaignId}
    AND status IN ('failed', 'unknown', 'skipped')
  GROUP BY 1, 2, 3, 4, 5, 6, 7`

type Row = Record<string, unknown>

/** A canonical line per non-empty group (zero groups the triggers leave behind count as absent). */
function lines(rows: Row[], keys: string[], values: string[]): Set<string> {
  const out = new Set<string>()
  for (const row of rows) {
    const vals = values.map((v) => Number(row[v]) || 0)
    if (vals.every((v) => v === 0)) continue
    out.add(JSON.stringify([...keys.map((k) => row[k]), ...vals]))
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

const COUNT_KEYS = ['status', 'session_id', 'sent_hour', 'error_kind']
const COUNT_VALUES = ['n', 'clicked', 'replied', 'confirmed_later', 'resent']
const FAIL_KEYS = ['status', 'error_kind', 'error', 'error_code', 'error_params']

/**
 * Recounts one campaign and repairs its counters if they drifted. Returns the number of counter groups
 * that differed (0: nothing written but the check's time).
 */
export async function recountCampaign(scope: TenantScope, campaignId: string): Promise<number> {
  const t = scope.tenantId
  const [counts, reads, fails, recount, rereads, refails] = await scope.db.batch([
    scope.db
      .select()
      .from(c)
      .where(ownedBy(scope, c, eq(c.campaignId, campaignId))),
    scope.db
      .select()
      .from(r)
      .where(ownedBy(scope, r, eq(r.campaignId, campaignId))),
    scope.db
      .select()
      .from(f)
      .where(ownedBy(scope, f, eq(f.campaignId, campaignId))),
    scope.db.all<Row>(COUNT_SQL(campaignId, t)),
    scope.db.all<Row>(READ_SQL(campaignId, t)),
    scope.db.all<Row>(FAIL_SQL(campaignId, t)),
  ])
  const snake = (rows: object[]) =>
    rows.map((x) =>
      Object.fromEntries(
        Object.entries(x).map(([k, v]) => [k.replace(/[A-Z]/g, (l) => `_${l.toLowerCase()}`), v]),
      ),
    )
  const drift =
    difference(lines(snake(counts), COUNT_KEYS, COUNT_VALUES), lines(recount, COUNT_KEYS, COUNT_VALUES)) +
    difference(lines(snake(reads), ['read_hour'], ['n']), lines(rereads, ['read_hour'], ['n'])) +
    difference(lines(snake(fails), FAIL_KEYS, ['n']), lines(refails, FAIL_KEYS, ['n']))
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
    scope.db.run(
      sql`INSERT INTO campaign_counts (tenant_id, campaign_id, status, session_id, sent_hour, error_kind, n, clicked, replied, confirmed_later, resent) ${COUNT_SQL(campaignId, t)}`,
    ),
    scope.db.run(
      sql`INSERT INTO campaign_read_hours (tenant_id, campaign_id, read_hour, n) ${READ_SQL(campaignId, t)}`,
    ),
    scope.db.run(
      sql`INSERT INTO campaign_failure_counts (tenant_id, campaign_id, status, error_kind, error, error_code, error_params, n) ${FAIL_SQL(campaignId, t)}`,
    ),
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
