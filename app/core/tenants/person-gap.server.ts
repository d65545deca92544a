// Reads and saves the team's gap between campaigns for the same person (decision 020). Admins only:
// the route asks for team:manage and so does this module (a caller without it is refused).
import { eq } from 'drizzle-orm'
import { tenants } from '../../../db/schema'
import type { UserRole } from '../auth/role-names'
import { can } from '../auth/roles'
import type { TenantScope } from '../db/tenant.server'
import { audit } from './audit.server'
import { PERSON_GAP_MAX_HOURS } from './person-gap'
import { copyTeamToShard } from './shard-copy.server'

/** The tenant's gap in hours. */
export async function personGapHours(scope: TenantScope): Promise<number> {
  const row = await scope.db
    .select({ hours: tenants.personGapHours })
    .from(tenants)
    .where(eq(tenants.id, scope.tenantId))
    .get()
  return row?.hours ?? 24
}

export type PersonGapResult = { ok: true; hours: number } | { ok: false; message: string }

/** Saves the gap (0..168 whole hours); refused for anyone but an admin. */
export async function savePersonGap(
  scope: TenantScope,
  role: UserRole,
  hours: number,
): Promise<PersonGapResult> {
  if (!can(role, 'team:manage')) return { ok: false, message: 'protection.errors.personGapAdminOnly' }
  if (!Number.isInteger(hours) || hours < 0 || hours > PERSON_GAP_MAX_HOURS)
    return { ok: false, message: 'protection.errors.personGap' }
  const before = await personGapHours(scope)
  await scope.control.update(tenants).set({ personGapHours: hours }).where(eq(tenants.id, scope.tenantId))
  await copyTeamToShard(scope, scope.tenantId)
  await audit(scope, 'tenant.person_gap', scope.tenantId, { from: before, to: hours })
  return { ok: true, hours }
}
