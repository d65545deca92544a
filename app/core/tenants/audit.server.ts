// The tenant's audit log: who did what, when (team changes, opt-out removals, campaign actions).
import { auditLog } from '../../../db/schema'
import type { TenantScope } from '../db/tenant.server'

/** Appends one entry; `action` is `<entity>.<verb>`. */
export async function audit(
  scope: TenantScope,
  action: string,
  entityId: string | null,
  detail: Record<string, unknown>,
): Promise<void> {
  await scope.db.insert(auditLog).values({
    tenantId: scope.tenantId,
    userId: scope.userId,
    action,
    entity: action.split('.')[0] ?? action,
    entityId,
    detail,
    createdAt: scope.clock(),
  })
}
