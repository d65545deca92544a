// The opt-out list as the public API pages it (decision 030): newest first by id, a keyset cursor, an
// exact phone filter; and one row read back after /api/v1 adds a number.
import { and, desc, eq, lt } from 'drizzle-orm'
import { suppressions } from '../../../db/schema'
import { found, ownedBy, ownedRow, type TenantScope } from '../db/tenant.server'

export type OptOutRow = typeof suppressions.$inferSelect

export async function pageOptOuts(
  scope: TenantScope,
  opts: { beforeId?: number; limit: number; phoneE164?: string },
): Promise<{ rows: OptOutRow[]; next: number | null }> {
  const rows = await scope.db
    .select()
    .from(suppressions)
    .where(
      ownedBy(
        scope,
        suppressions,
        and(
          opts.phoneE164 ? eq(suppressions.phoneE164, opts.phoneE164) : undefined,
          opts.beforeId !== undefined ? lt(suppressions.id, opts.beforeId) : undefined,
        ),
      ),
    )
    .orderBy(desc(suppressions.id))
    .limit(opts.limit + 1)
  const page = rows.slice(0, opts.limit)
  return { rows: page, next: rows.length > opts.limit ? (page[page.length - 1]?.id ?? null) : null }
}

/** The opt-out of a phone (E.164), or NotFoundError. */
export async function getOptOutByPhone(scope: TenantScope, phoneE164: string): Promise<OptOutRow> {
  return found(
    await scope.db
      .select()
      .from(suppressions)
      .where(ownedBy(scope, suppressions, eq(suppressions.phoneE164, phoneE164)))
      .get(),
    'suppression',
  )
}

/** The opt-out by id, or NotFoundError (also another team's). */
export async function getOptOut(scope: TenantScope, id: number): Promise<OptOutRow> {
  return found(
    await scope.db
      .select()
      .from(suppressions)
      .where(ownedRow(scope, suppressions, id))
      .get(),
    'suppression',
  )
}
