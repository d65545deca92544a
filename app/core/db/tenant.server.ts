// Tenant isolation (docs/design.md §4): every tenant-owned query is built from a TenantScope, which can only
// be obtained from a signed-in user (or a machine path that already resolved the tenant). A row that
// belongs to another tenant is indistinguishable from a missing one: callers answer 404.
import { and, eq, type SQL } from 'drizzle-orm'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import type { AppContext } from '../context.server'
import { atTenant } from './shards.server'

export type TenantScope = AppContext & { tenantId: string; userId: string | null }

/** Narrows an app context to one tenant. */
export function scopeTo(ctx: AppContext, tenantId: string, userId: string | null = null): TenantScope {
  if (!tenantId) throw new Error('tenant id required')
  return { ...ctx, tenantId, userId }
}

/** A scope at the team's shard (decision 043): the placement is read from the control database. */
export async function scopeAt(
  ctx: AppContext,
  tenantId: string,
  userId: string | null = null,
): Promise<TenantScope> {
  return scopeTo(await atTenant(ctx, tenantId), tenantId, userId)
}

type TenantTable = { tenantId: SQLiteColumn; id: SQLiteColumn }

/** `tenant_id = ? AND <conditions>`: the only way core builds a WHERE for tenant-owned tables. */
export function ownedBy(
  scope: Pick<TenantScope, 'tenantId'>,
  table: { tenantId: SQLiteColumn },
  ...conds: (SQL | undefined)[]
) {
  return and(eq(table.tenantId, scope.tenantId), ...conds)
}

/** `tenant_id = ? AND id = ?` */
export function ownedRow(scope: Pick<TenantScope, 'tenantId'>, table: TenantTable, id: string | number) {
  return and(eq(table.tenantId, scope.tenantId), eq(table.id, id))
}

/** Thrown when an id does not exist for this tenant; entry points turn it into a 404. */
class NotFoundError extends Error {
  constructor(what = 'resource') {
    super(`${what} not found`)
    this.name = 'NotFoundError'
  }
}

/** Returns the row or throws NotFoundError (also for rows of other tenants). */
export function found<T>(row: T | undefined | null, what?: string): T {
  if (row === undefined || row === null) throw new NotFoundError(what)
  return row
}
