// Campaign images nobody uses any more: an image replaced or removed in the composer, or uploaded in a
// composer that was never saved, stays in R2 until this sweep (cron, hourly) deletes it. An image is
// kept while any campaign row of any status points at it (duplicates share the key, sent campaigns
// keep theirs for the report) and for a day after its upload (a composer may still be open).
import { inArray } from 'drizzle-orm'
import { campaigns } from '../../../db/schema'
import type { AppContext } from '../context.server'
import { atShard, tenantDatabases } from '../db/shards.server'

const ORPHAN_MEDIA_GRACE_MS = 24 * 60 * 60 * 1000
/** R2 lists 1,000 keys a page: up to 100,000 images looked at per sweep. */
const MAX_PAGES = 100
/** Bound parameters per SQL statement on D1. */
const KEYS_PER_QUERY = 90

export async function pruneOrphanMedia(ctx: AppContext): Promise<number> {
  // A key is used when a campaign on any tenant database points at it (decision 043).
  const databases = tenantDatabases(ctx).map((name) => atShard(ctx, name).db)
  const cutoff = ctx.clock() - ORPHAN_MEDIA_GRACE_MS
  let cursor: string | undefined
  let deleted = 0
  for (let page = 0; page < MAX_PAGES; page++) {
    const listing = await ctx.env.FILES.list({ prefix: 'media/', cursor, limit: 1000 })
    const old = listing.objects.filter((o) => o.uploaded.getTime() < cutoff).map((o) => o.key)
    const used = new Set<string>()
    for (let i = 0; i < old.length; i += KEYS_PER_QUERY) {
      for (const db of databases) {
        const rows = await db
          .select({ key: campaigns.mediaKey })
          .from(campaigns)
          .where(inArray(campaigns.mediaKey, old.slice(i, i + KEYS_PER_QUERY)))
        for (const r of rows) if (r.key) used.add(r.key)
      }
    }
    const orphans = old.filter((key) => !used.has(key))
    if (orphans.length > 0) await ctx.env.FILES.delete(orphans)
    deleted += orphans.length
    if (!listing.truncated) break
    cursor = listing.cursor
  }
  return deleted
}
