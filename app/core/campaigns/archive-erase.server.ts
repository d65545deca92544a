// LGPD erase and archives (decision 042): the erase records the phone (one row, in the erase's own
// batch); every read of an archive written before it blanks the person's name and text at once; the
// cron then rewrites each such object without them (a new object, new checksum, then the old version
// is removed), one archive a tick. The phone stays in this table as it stays in the suppressions.
import { and, eq, inArray, sql } from 'drizzle-orm'
import { archiveErasures, campaignArchives } from '../../../db/schema'
import type { AppContext } from '../context.server'
import { ownedBy, scopeTo, type TenantScope } from '../db/tenant.server'
import { type ArchivedTable, decodeArchive, encodeArchive, type RawRow, sha256Hex } from './archive-format'
import { erasedSince } from './archive-read.server'
import { archiveKey, loadArchiveBytes, removeArchiveObjects } from './archive-store.server'

/** Batched with the erase (optouts.server.ts erasePerson). */
export function recordArchiveErasureStatement(scope: TenantScope, phoneE164: string) {
  return scope.db
    .insert(archiveErasures)
    .values({ tenantId: scope.tenantId, phoneE164, createdAt: scope.clock() })
}

/** Rewrites one archive written before an erasure of its tenant; returns its campaign id, or null. */
export async function applyArchiveErasures(ctx: AppContext): Promise<string | null> {
  const a = campaignArchives
  const e = archiveErasures
  const due = await ctx.db
    .select()
    .from(a)
    .where(
      and(
        inArray(a.state, ['verified', 'done']),
        sql`EXISTS (SELECT 1 FROM ${e} WHERE ${e.tenantId} = ${a.tenantId} AND ${e.createdAt} >= ${a.rowsAt})`,
      ),
    )
    // random: an archive whose object cannot be read (and so not rewritten) does not block the others
    .orderBy(sql`random()`)
    .limit(1)
    .get()
  if (!due) return null
  const scope = scopeTo(ctx, due.tenantId)
  const stamp = scope.clock()
  const bytes = await loadArchiveBytes(scope.env, due.r2Key)
  const decoded = bytes ? await decodeArchive(bytes, due.sha256, { countRows: true }).catch(() => null) : null
  if (!decoded) {
    // A missing or corrupt object cannot be rewritten (nor read: the page says so).
    const problem = bytes ? 'corrupt' : 'missing'
    console.warn(
      JSON.stringify({ msg: 'archive unreadable, erasure not written', campaignId: due.campaignId, problem }),
    )
    return null
  }
  const erased = await erasedSince(scope, due.rowsAt)
  const blank = (r: RawRow) =>
    erased.has(String(r.phone_e164)) ? { ...r, contact_name: null, rendered_text: null, text_key: null } : r
  async function* pages() {
    for (const table of ['campaign_messages', 'campaign_audience'] as ArchivedTable[]) {
      for await (const r of decoded?.rows(table) ?? [])
        yield { table, rows: [table === 'campaign_messages' ? blank(r) : r] }
    }
  }
  const next = await encodeArchive({ ...decoded.manifest, createdAt: stamp }, pages())
  const sha256 = await sha256Hex(next)
  const key = archiveKey(due.tenantId, due.campaignId, stamp)
  await scope.env.FILES.put(key, next, { customMetadata: { sha256 } })
  await scope.db
    .update(a)
    .set({ r2Key: key, sha256, bytes: next.byteLength, rowsAt: stamp })
    .where(ownedBy(scope, a, eq(a.campaignId, due.campaignId), eq(a.r2Key, due.r2Key)))
  await removeArchiveObjects(scope.env, due.tenantId, due.campaignId, key)
  return due.campaignId
}
