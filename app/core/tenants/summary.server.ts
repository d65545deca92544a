// Counts for the home page, all scoped to the tenant.
import { count } from 'drizzle-orm'
import { campaigns, contacts, unclaimedMembers, users, wahaSessions } from '../../../db/schema'
import { ownedBy, type TenantScope } from '../db/tenant.server'

export async function homeSummary(scope: TenantScope) {
  const [c, k, s, u, p] = await scope.db.batch([
    scope.db.select({ n: count() }).from(campaigns).where(ownedBy(scope, campaigns)),
    scope.db.select({ n: count() }).from(contacts).where(ownedBy(scope, contacts)),
    scope.db.select({ n: count() }).from(wahaSessions).where(ownedBy(scope, wahaSessions)),
    scope.db.select({ n: count() }).from(users).where(ownedBy(scope, users)),
    // Unclaimed members count as staff, as on the team page (decision 012).
    scope.db.select({ n: count() }).from(unclaimedMembers).where(ownedBy(scope, unclaimedMembers)),
  ])
  const staff = (u[0]?.n ?? 0) + (p[0]?.n ?? 0)
  return { campaigns: c[0]?.n ?? 0, contacts: k[0]?.n ?? 0, sessions: s[0]?.n ?? 0, staff }
}
