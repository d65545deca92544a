// The campaign report's D1 queries over the outbox (report.server.ts runs them in one batch and assembles
// the page): the page of rows with its filters, the history and the team's sessions.
// Each is a drizzle query, not yet run. The counts come from the counters (report-counters.server.ts).
import { and, asc, desc, eq, gt, isNotNull, lt, or, type SQL, sql } from 'drizzle-orm'
import { campaignEvents, campaignMessages, suppressions, users, wahaSessions } from '../../../db/schema'
import { containsText } from '../db/like'
import { ownedBy, type TenantScope } from '../db/tenant.server'
import { PAGE_SIZE } from './report'
import { CONTACT_ROW_COLUMNS } from './report-columns'
import { type Activity, phoneDigits, type RowFilters } from './report-filters'

const m = campaignMessages

/**
 * Rows of what the person did, with the funnel's own definitions: clicked, replied, and opted out
 * (skipped because the number was suppressed, or a suppression created after the message went out).
 */
function activityCondition(activity: Activity | null): SQL | undefined {
  if (activity === 'clicked') return isNotNull(m.clickedAt)
  if (activity === 'replied') return isNotNull(m.repliedAt)
  if (activity === 'optedOut')
    return sql`((${m.status} = 'skipped' AND ${m.errorKind} = 'suppressed') OR (${m.sentAt} IS NOT NULL
      AND EXISTS (SELECT 1 FROM ${suppressions} s WHERE s.tenant_id = ${m.tenantId}
        AND s.phone_e164 = ${m.phoneE164} AND s.created_at > ${m.sentAt})))`
  return undefined
}

/** The table's filters (not the cursor) as WHERE conditions. */
function filterConditions(f: RowFilters): (SQL | undefined)[] {
  const digits = f.q ? phoneDigits(f.q) : null
  const search = f.q
    ? digits
      ? containsText(m.phoneE164, digits)
      : or(containsText(m.contactName, f.q), containsText(m.phoneE164, f.q))
    : undefined
  return [
    f.status ? eq(m.status, f.status) : undefined,
    activityCondition(f.activity),
    f.sessionId ? eq(m.sessionId, f.sessionId) : undefined,
    search,
  ]
}

/**
 * One page (PAGE_SIZE + 1 to know whether there is another) of the per-contact table, keyset-paged by
 * contact id: the (campaign, contact) unique index gives that order, so a page never sorts the campaign.
 */
export function rowsQuery(scope: TenantScope, campaignId: string, f: RowFilters) {
  const backwards = f.before !== null && f.after === null
  return scope.db
    .select({ id: m.id, ...CONTACT_ROW_COLUMNS, failedAt: m.failedAt })
    .from(m)
    .where(
      ownedBy(
        scope,
        m,
        eq(m.campaignId, campaignId),
        ...filterConditions(f),
        f.after !== null ? gt(m.contactId, f.after) : undefined,
        backwards && f.before !== null ? lt(m.contactId, f.before) : undefined,
      ),
    )
    .orderBy(backwards ? desc(m.contactId) : asc(m.contactId))
    .limit(PAGE_SIZE + 1)
}

/**
 * Rows matching the table's filters, for filters the grouped counts cannot answer; otherwise (null) a
 * constant-false query that SQLite answers without reading a row.
 */
export function filteredCountQuery(scope: TenantScope, campaignId: string, f: RowFilters | null) {
  return scope.db
    .select({ n: sql<number>`COUNT(*)` })
    .from(m)
    .where(f ? ownedBy(scope, m, eq(m.campaignId, campaignId), ...filterConditions(f)) : sql`0`)
}

export function historyQuery(scope: TenantScope, campaignId: string) {
  return scope.db
    .select({
      id: campaignEvents.id,
      kind: campaignEvents.kind,
      detail: campaignEvents.detail,
      createdAt: campaignEvents.createdAt,
      userId: campaignEvents.userId,
      userName: users.name,
    })
    .from(campaignEvents)
    .leftJoin(users, and(eq(users.id, campaignEvents.userId), eq(users.tenantId, campaignEvents.tenantId)))
    .where(ownedBy(scope, campaignEvents, eq(campaignEvents.campaignId, campaignId)))
    .orderBy(desc(campaignEvents.createdAt), desc(campaignEvents.id))
    .limit(100)
}

export function sessionsQuery(scope: TenantScope) {
  return scope.db.select().from(wahaSessions).where(ownedBy(scope, wahaSessions))
}
