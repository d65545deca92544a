// Tracked links (/l/<token>): record the first click time and the count, then send the person on to
// the original http(s) URL (never anywhere else: no open redirect).
import { eq, sql } from 'drizzle-orm'
import { campaignLinks } from '../../../db/schema'
import type { AppContext } from '../context.server'
import { atShard, routedPlacement } from '../db/shards.server'
import { clickStatement } from '../sending/outbox-events.server'
import { emitWebhookEvent } from '../webhooks/emit.server'
import { isSafeRedirectTarget } from './links'

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{8,64}$/

/** Records a click and returns where to go, or null for an unknown token. */
export async function followTrackedLink(app: AppContext, token: string): Promise<string | null> {
  if (!TOKEN_PATTERN.test(token)) return null
  // The team is found through the link's route, its rows at its shard (decision 043).
  const placement = await routedPlacement(app, 'link', token)
  if (!placement) return null
  const { tenantId } = placement
  const ctx = atShard(app, placement.shard)
  const link = await ctx.db.select().from(campaignLinks).where(eq(campaignLinks.token, token)).get()
  if (!link || link.tenantId !== tenantId || !isSafeRedirectTarget(link.url)) return null
  if (placement.movingTo) {
    // The person still gets where they clicked; the count would land on the shard being emptied.
    console.warn(JSON.stringify({ msg: 'click not counted: team moving between shards', tenantId }))
    return link.url
  }
  const now = ctx.clock()
  await ctx.db.batch([
    ctx.db
      .update(campaignLinks)
      .set({
        clicks: sql`${campaignLinks.clicks} + 1`,
        firstClickedAt: sql`COALESCE(${campaignLinks.firstClickedAt}, ${now})`,
      })
      .where(eq(campaignLinks.token, token)),
    clickStatement(ctx.db, link.messageId, now),
  ])
  await emitWebhookEvent(ctx, link.tenantId, 'link.clicked', {
    messageId: link.messageId,
    campaignId: link.campaignId,
    url: link.url,
    at: now,
  })
  return link.url
}
