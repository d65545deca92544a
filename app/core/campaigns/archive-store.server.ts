// Where archives live (decision 042): the R2 key of each version of a campaign's object, reading its
// bytes, and the campaign's archive row. A rewrite (an erasure) writes a new key, then removes the
// older versions, so a crash never leaves the row pointing at a missing object.
import { eq, inArray } from 'drizzle-orm'
import { campaignArchives } from '../../../db/schema'
import { ownedBy, type TenantScope } from '../db/tenant.server'

export type ArchiveRow = typeof campaignArchives.$inferSelect

const prefixOf = (tenantId: string, campaignId: string) => `archives/${tenantId}/${campaignId}/`

export function archiveKey(tenantId: string, campaignId: string, version: number) {
  return `${prefixOf(tenantId, campaignId)}${version}.ndjson.gz`
}

/** The object's bytes, or null when R2 has nothing at that key. */
export async function loadArchiveBytes(env: Env, key: string): Promise<Uint8Array<ArrayBuffer> | null> {
  const object = await env.FILES.get(key)
  return object ? new Uint8Array(await object.arrayBuffer()) : null
}

/** Removes the campaign's objects other than `keep` (every one when keep is null). */
export async function removeArchiveObjects(
  env: Env,
  tenantId: string,
  campaignId: string,
  keep: string | null,
) {
  const listed = await env.FILES.list({ prefix: prefixOf(tenantId, campaignId) })
  const old = listed.objects.map((o) => o.key).filter((k) => k !== keep)
  if (old.length > 0) await env.FILES.delete(old)
}

/** The campaign's archive once its object was verified (the page reads it), or null. */
export async function readableArchive(scope: TenantScope, campaignId: string): Promise<ArchiveRow | null> {
  const row = await scope.db
    .select()
    .from(campaignArchives)
    .where(
      ownedBy(
        scope,
        campaignArchives,
        eq(campaignArchives.campaignId, campaignId),
        inArray(campaignArchives.state, ['verified', 'done', 'restoring']),
      ),
    )
    .get()
  return row ?? null
}
