// A person's page lists their campaign messages (people.server.ts timelineOf, newest first); messages
// of archived campaigns come from the archives (decision 042): the Bloom filter kept with each archive
// row says which objects may hold the phone, and at most ARCHIVE_OPENS of those are opened a view, the
// most recently finished first. Archived campaigns finished earlier than those in D1, so their
// messages follow the D1 ones.
import { and, desc, eq, inArray } from 'drizzle-orm'
import { campaignArchives, campaigns } from '../../../db/schema'
import { ownedBy, type TenantScope } from '../db/tenant.server'
import { PhoneBloom } from './archive-bloom'
import { ArchiveUnreadable, decodeArchive } from './archive-format'
import { loadArchiveBytes } from './archive-store.server'

/** Objects opened for one person page at most (each is read whole). */
const ARCHIVE_OPENS = 5

type TimelineEntry = {
  id: number
  campaignId: string
  campaign: string
  status: string
  sentAt: number | null
  deliveredAt: number | null
  readAt: number | null
  clickedAt: number | null
  repliedAt: number | null
  failedAt: number | null
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v))

export async function withArchivedTimeline<T extends TimelineEntry>(
  scope: TenantScope,
  phoneE164: string,
  timeline: T[],
  max: number,
): Promise<(T | (TimelineEntry & { archived: true }))[]> {
  if (timeline.length >= max) return timeline
  const a = campaignArchives
  const archives = await scope.db
    .select({
      campaignId: a.campaignId,
      campaign: campaigns.name,
      key: a.r2Key,
      sha256: a.sha256,
      bloom: a.phonesBloom,
    })
    .from(a)
    .innerJoin(campaigns, and(eq(campaigns.id, a.campaignId), eq(campaigns.tenantId, a.tenantId)))
    .where(ownedBy(scope, a, inArray(a.state, ['verified', 'done', 'restoring'])))
    .orderBy(desc(campaigns.finishedAt))
  const candidates = archives
    .filter((x) => PhoneBloom.fromBase64(x.bloom).mayHave(phoneE164))
    .slice(0, ARCHIVE_OPENS)
  const found: (TimelineEntry & { archived: true })[] = []
  for (const x of candidates) {
    const bytes = await loadArchiveBytes(scope.env, x.key)
    if (!bytes) continue
    try {
      for await (const r of (await decodeArchive(bytes, x.sha256)).rows('campaign_messages')) {
        if (r.phone_e164 !== phoneE164) continue
        found.push({
          id: Number(r.id),
          campaignId: x.campaignId,
          campaign: x.campaign,
          status: String(r.status),
          sentAt: num(r.sent_at),
          deliveredAt: num(r.delivered_at),
          readAt: num(r.read_at),
          clickedAt: num(r.clicked_at),
          repliedAt: num(r.replied_at),
          failedAt: num(r.failed_at),
          archived: true,
        })
      }
    } catch (e) {
      // a damaged archive says so on its campaign page; the person page lists what it can
      if (!(e instanceof ArchiveUnreadable)) throw e
    }
  }
  return [...timeline, ...found].slice(0, max)
}
