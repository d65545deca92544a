// Live list counters: how many of a list's contacts are on the tenant's opt-out list now (see
// list-counts.ts for what the counters mean).
import { count, sql } from 'drizzle-orm'
import { suppressions } from '../../../db/schema'
import { ownedBy, type TenantScope } from '../db/tenant.server'
import { type LiveCounts, liveCounts, type StoredCounters } from './list-counts'

/**
 * How many contacts of each list (one list, or every list of the tenant) are opted out now. Two ways
 * to the same answer, whichever reads fewer rows: walk the tenant's opt-outs and seek each phone in the
 * lists' (list_id, phone_e164) index (opt-outs × lists seeks), or walk the lists' contacts and seek
 * each phone in the opt-outs (one seek per contact). `contactsInLists` is the stored estimate of the
 * second. SQLite's CROSS JOIN keeps the left table as the outer loop.
 */
async function optedOutByList(
  scope: TenantScope,
  target: { listId: string } | { all: true; lists: number },
  contactsInLists: number,
): Promise<Map<string, number>> {
  const t = scope.tenantId
  const inLists =
    'listId' in target
      ? sql`c.list_id = ${target.listId}`
      : sql`c.list_id IN (SELECT id FROM contact_lists WHERE tenant_id = ${t})`
  const optOuts = await scope.db
    .select({ n: count() })
    .from(suppressions)
    .where(ownedBy(scope, suppressions))
    .get()
  const listCount = 'listId' in target ? 1 : target.lists
  const bySuppressions = (optOuts?.n ?? 0) * listCount <= contactsInLists
  const rows = bySuppressions
    ? await scope.db.all<{ listId: string; n: number }>(sql`
        SELECT c.list_id AS listId, count(*) AS n FROM suppressions s CROSS JOIN contacts c
        WHERE s.tenant_id = ${t} AND c.tenant_id = ${t} AND c.phone_e164 = s.phone_e164 AND ${inLists}
        GROUP BY c.list_id`)
    : await scope.db.all<{ listId: string; n: number }>(sql`
        SELECT c.list_id AS listId, count(*) AS n FROM contacts c CROSS JOIN suppressions s
        WHERE c.tenant_id = ${t} AND ${inLists} AND s.tenant_id = ${t} AND s.phone_e164 = c.phone_e164
        GROUP BY c.list_id`)
  return new Map(rows.map((r) => [r.listId, Number(r.n)]))
}

/** The rows with their live counters (`counts`). */
export async function withLiveCounts<T extends StoredCounters & { id: string }>(
  scope: TenantScope,
  rows: T[],
  listId?: string,
): Promise<Array<T & { counts: LiveCounts }>> {
  if (rows.length === 0) return []
  const contactsInLists = rows.reduce((n, r) => n + r.validCount + r.suppressedCount, 0)
  const optedOut = await optedOutByList(
    scope,
    listId ? { listId } : { all: true, lists: rows.length },
    contactsInLists,
  )
  return rows.map((r) => ({ ...r, counts: liveCounts(r, optedOut.get(r.id) ?? 0) }))
}
