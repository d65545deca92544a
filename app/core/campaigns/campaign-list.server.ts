// /campanhas: one page of the tenant's campaigns, newest first, optionally filtered by status and by
// a piece of the name, with list name, session names and message counts by status (one GROUP BY for
// the whole page).
import { and, count, desc, eq } from 'drizzle-orm'
import { campaigns, contactLists, wahaSessions } from '../../../db/schema'
import { containsText } from '../db/like'
import { ownedBy, type TenantScope } from '../db/tenant.server'
import { messageCounts } from './counters.server'
import { CAMPAIGN_STATUSES, type CampaignStatus } from './status'

export const CAMPAIGNS_PAGE_SIZE = 25

export interface CampaignListFilters {
  status: CampaignStatus | null
  q: string
  page: number
}

/** Filters from the query string; anything malformed is ignored (never an error page). */
export function parseCampaignListFilters(params: URLSearchParams): CampaignListFilters {
  const status = params.get('status')
  const page = Number.parseInt(params.get('page') ?? '1', 10)
  return {
    status: (CAMPAIGN_STATUSES as readonly string[]).includes(status ?? '')
      ? (status as CampaignStatus)
      : null,
    q: (params.get('q') ?? '').trim().slice(0, 100),
    page: Number.isFinite(page) && page > 0 ? Math.min(page, 100_000) : 1,
  }
}

export async function listCampaigns(scope: TenantScope, filters: CampaignListFilters) {
  const where = ownedBy(
    scope,
    campaigns,
    and(
      filters.status ? eq(campaigns.status, filters.status) : undefined,
      filters.q ? containsText(campaigns.name, filters.q) : undefined,
    ),
  )
  // Not db.batch: drizzle skips JSON column decoding (session_ids) for a joined select in a batch.
  const [rows, total, sessions] = await Promise.all([
    scope.db
      .select({
        id: campaigns.id,
        name: campaigns.name,
        status: campaigns.status,
        listId: campaigns.listId,
        listName: contactLists.name,
        sessionIds: campaigns.sessionIds,
        createdAt: campaigns.createdAt,
        scheduledAt: campaigns.scheduledAt,
        startedAt: campaigns.startedAt,
        totalCount: campaigns.totalCount,
      })
      .from(campaigns)
      .leftJoin(
        contactLists,
        and(eq(contactLists.id, campaigns.listId), eq(contactLists.tenantId, campaigns.tenantId)),
      )
      .where(where)
      .orderBy(desc(campaigns.createdAt), desc(campaigns.id))
      .limit(CAMPAIGNS_PAGE_SIZE)
      .offset((filters.page - 1) * CAMPAIGNS_PAGE_SIZE),
    scope.db.select({ n: count() }).from(campaigns).where(where),
    scope.db
      .select({ id: wahaSessions.id, name: wahaSessions.displayName })
      .from(wahaSessions)
      .where(ownedBy(scope, wahaSessions)),
  ])
  const ids = rows.map((r) => r.id)
  const counts = ids.length === 0 ? [] : await messageCounts(scope, ids)
  const sessionName = new Map(sessions.map((s) => [s.id, s.name]))
  return {
    total: total[0]?.n ?? 0,
    rows: rows.map((r) => ({
      ...r,
      sessionNames: r.sessionIds.map((id) => sessionName.get(id)).filter((n): n is string => Boolean(n)),
      counts: counts
        .filter((c) => c.campaignId === r.id)
        .reduce<Record<string, number>>((acc, c) => {
          acc[c.status] = c.n
          return acc
        }, {}),
    })),
  }
}
