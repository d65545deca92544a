// Restoring an archive (decision 042): the object is read back and checked (a missing or corrupt
// object is refused and nothing changes), its rows go back to D1 with their own ids (INSERT OR IGNORE:
// a re-run after a crash neither loses nor duplicates a row), erasures recorded since it was written
// are applied on the way, then the archive row and its objects go. Operators: `npm run
// archive:restore -- <campaignId>` locally; the report's "Restaurar" button (admins) in production.
import { eq, getTableColumns } from 'drizzle-orm'
import { campaignArchives, campaignAudience, campaignMessages } from '../../../db/schema'
import { ownedBy, type TenantScope } from '../db/tenant.server'
import { type ArchivedTable, ArchiveUnreadable, decodeArchive, type RawRow } from './archive-format'
import { erasedSince } from './archive-read.server'
import { loadArchiveBytes, removeArchiveObjects } from './archive-store.server'

const INSERT_BATCH = 200

const COLUMNS: Record<ArchivedTable, string[]> = {
  campaign_messages: Object.values(getTableColumns(campaignMessages)).map((c) => c.name),
  campaign_audience: Object.values(getTableColumns(campaignAudience)).map((c) => c.name),
}

/** One statement for a batch of rows: INSERT OR IGNORE … SELECT from json_each (one bound value). */
function insertBatch(scope: TenantScope, table: ArchivedTable, campaignId: string, rows: RawRow[]) {
  const cols = COLUMNS[table].filter((c) => c !== 'tenant_id' && c !== 'campaign_id')
  const picks = cols.map((c) => `json_extract(value, '$.${c}')`)
  return scope.db.$client
    .prepare(
      `INSERT OR IGNORE INTO ${table} (tenant_id, campaign_id, ${cols.join(', ')})
     SELECT ?, ?, ${picks.join(', ')} FROM json_each(?)`,
    )
    .bind(scope.tenantId, campaignId, JSON.stringify(rows))
}

export type RestoreResult =
  | { ok: true; restored: Record<ArchivedTable, number> }
  | { ok: false; why: 'not_archived' | 'missing' | 'corrupt' }

export async function restoreArchive(scope: TenantScope, campaignId: string): Promise<RestoreResult> {
  const where = ownedBy(scope, campaignArchives, eq(campaignArchives.campaignId, campaignId))
  const a = await scope.db.select().from(campaignArchives).where(where).get()
  if (!a) return { ok: false, why: 'not_archived' }
  const restored = { campaign_messages: 0, campaign_audience: 0 }
  const bytes = a.state === 'written' ? null : await loadArchiveBytes(scope.env, a.r2Key)
  // `restoring` without its object: a restore that crashed after putting every row back and removing
  // the object; only the row is left to drop.
  if (!bytes && a.state !== 'written' && a.state !== 'restoring') return { ok: false, why: 'missing' }
  if (bytes) {
    const decoded = await decodeArchive(bytes, a.sha256, { countRows: true }).catch((e: unknown) => {
      if (e instanceof ArchiveUnreadable) return null
      throw e
    })
    if (!decoded) return { ok: false, why: 'corrupt' }
    // From here the archiver leaves this campaign alone: no batch deletes what we put back.
    await scope.db.update(campaignArchives).set({ state: 'restoring' }).where(where)
    const erased = await erasedSince(scope, a.rowsAt)
    for (const table of ['campaign_messages', 'campaign_audience'] as const) {
      let batch: RawRow[] = []
      const flush = async () => {
        if (batch.length > 0) await insertBatch(scope, table, campaignId, batch).run()
        restored[table] += batch.length
        batch = []
      }
      for await (const r of decoded.rows(table)) {
        const blank = table === 'campaign_messages' && erased.has(String(r.phone_e164))
        batch.push(blank ? { ...r, contact_name: null, rendered_text: null, text_key: null } : r)
        if (batch.length >= INSERT_BATCH) await flush()
      }
      await flush()
    }
  }
  await removeArchiveObjects(scope.env, scope.tenantId, campaignId, null)
  await scope.db.delete(campaignArchives).where(where)
  return { ok: true, restored }
}
