// The campaign report's count of rows held back by the protection of the person (decision 019): skipped
// because the person got another campaign message recently or the same text within 24 h, and waiting
// (still queued) for a session's first-contact budget. One grouped read over the campaign+status index.
import { eq, inArray, sql } from 'drizzle-orm'
import { campaignMessages as m } from '../../../db/schema'
import { ownedBy, type TenantScope } from '../db/tenant.server'

export type HeldCounts = { recentMessage: number; sameText: number; firstContactBudget: number }

/** Held rows of one campaign grouped by (status, reason). */
export function heldQuery(scope: TenantScope, campaignId: string) {
  return scope.db
    .select({ status: m.status, errorKind: m.errorKind, n: sql<number>`COUNT(*)` })
    .from(m)
    .where(
      ownedBy(
        scope,
        m,
        eq(m.campaignId, campaignId),
        inArray(m.status, ['skipped', 'queued']),
        inArray(m.errorKind, ['recent_message', 'same_text', 'first_contact_budget']),
      ),
    )
    .groupBy(m.status, m.errorKind)
}

/** The groups as counts per reason; a skipped row counts for its skip, a queued one for the budget. */
export function heldCountsOf(
  groups: ReadonlyArray<{ status: string; errorKind: string | null; n: number }>,
): HeldCounts {
  const of = (status: string, kind: string) =>
    groups.reduce((t, g) => t + (g.status === status && g.errorKind === kind ? Number(g.n) || 0 : 0), 0)
  return {
    recentMessage: of('skipped', 'recent_message'),
    sameText: of('skipped', 'same_text'),
    firstContactBudget: of('queued', 'first_contact_budget'),
  }
}
