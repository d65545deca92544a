// Reads the public API pages through (decision 030): campaigns newest first with their message totals,
// a campaign's messages in id order, and the replies kept by the inbox (decision 032) in id order.
// Cursors are keyset positions (never offsets), so pages stay stable while rows are added.
import { and, desc, eq, gt, lt, or } from 'drizzle-orm'
import { campaignMessages, campaigns, inboundMessages } from '../../../db/schema'
import { ownedBy, type TenantScope } from '../db/tenant.server'
import { type CampaignRow, getCampaign } from './campaigns.server'
import { messageCounts } from './counters.server'
import { MESSAGE_STATUSES, type MessageStatus } from './status'

export type CampaignCursor = { createdAt: number; id: string }

export type CampaignTotals = { total: number } & Record<MessageStatus, number>

/** Message totals of each campaign, by status (every status present, zero when none). */
export async function campaignTotals(
  scope: TenantScope,
  rows: readonly CampaignRow[],
): Promise<Map<string, CampaignTotals>> {
  const out = new Map<string, CampaignTotals>()
  for (const r of rows) {
    const zero = Object.fromEntries(MESSAGE_STATUSES.map((s) => [s, 0])) as Record<MessageStatus, number>
    out.set(r.id, { total: r.totalCount, ...zero })
  }
  if (rows.length === 0) return out
  for (const c of await messageCounts(
    scope,
    rows.map((r) => r.id),
  )) {
    const t = out.get(c.campaignId)
    if (t && (MESSAGE_STATUSES as readonly string[]).includes(c.status)) t[c.status as MessageStatus] = c.n
  }
  return out
}

/** A page of the team's campaigns, newest first; `status` filters. */
export async function pageCampaigns(
  scope: TenantScope,
  opts: { after?: CampaignCursor; limit: number; status?: string },
): Promise<{ rows: CampaignRow[]; next: CampaignCursor | null }> {
  const a = opts.after
  const rows = await scope.db
    .select()
    .from(campaigns)
    .where(
      ownedBy(
        scope,
        campaigns,
        opts.status ? eq(campaigns.status, opts.status) : undefined,
        a
          ? or(
              lt(campaigns.createdAt, a.createdAt),
              and(eq(campaigns.createdAt, a.createdAt), lt(campaigns.id, a.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(campaigns.createdAt), desc(campaigns.id))
    .limit(opts.limit + 1)
  const page = rows.slice(0, opts.limit)
  const last = page[page.length - 1]
  return {
    rows: page,
    next: rows.length > opts.limit && last ? { createdAt: last.createdAt, id: last.id } : null,
  }
}

export type CampaignMessageRow = typeof campaignMessages.$inferSelect

/** A page of one campaign's messages in id order (NotFoundError for another team's campaign). */
export async function pageCampaignMessages(
  scope: TenantScope,
  campaignId: string,
  opts: { afterId?: number; limit: number; status?: MessageStatus },
): Promise<{ rows: CampaignMessageRow[]; next: number | null }> {
  await getCampaign(scope, campaignId)
  const rows = await scope.db
    .select()
    .from(campaignMessages)
    .where(
      ownedBy(
        scope,
        campaignMessages,
        eq(campaignMessages.campaignId, campaignId),
        opts.status ? eq(campaignMessages.status, opts.status) : undefined,
        opts.afterId !== undefined ? gt(campaignMessages.id, opts.afterId) : undefined,
      ),
    )
    .orderBy(campaignMessages.id)
    .limit(opts.limit + 1)
  const page = rows.slice(0, opts.limit)
  return { rows: page, next: rows.length > opts.limit ? (page[page.length - 1]?.id ?? null) : null }
}

export type ReplyRow = typeof inboundMessages.$inferSelect

/**
 * A page of what contacts wrote to the team's numbers, oldest first (a caller polls with the last
 * cursor to get only what is new); `campaignId` keeps the replies to that campaign's messages.
 */
export async function pageReplies(
  scope: TenantScope,
  opts: { afterId?: number; limit: number; campaignId?: string; phoneE164?: string },
): Promise<{ rows: ReplyRow[]; next: number | null }> {
  if (opts.campaignId) await getCampaign(scope, opts.campaignId)
  const rows = await scope.db
    .select()
    .from(inboundMessages)
    .where(
      ownedBy(
        scope,
        inboundMessages,
        opts.campaignId ? eq(inboundMessages.campaignId, opts.campaignId) : undefined,
        opts.phoneE164 ? eq(inboundMessages.phoneE164, opts.phoneE164) : undefined,
        opts.afterId !== undefined ? gt(inboundMessages.id, opts.afterId) : undefined,
      ),
    )
    .orderBy(inboundMessages.id)
    .limit(opts.limit + 1)
  const page = rows.slice(0, opts.limit)
  const last = page[page.length - 1]
  return { rows: page, next: rows.length > opts.limit && last ? last.id : null }
}
