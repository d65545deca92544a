// Cron housekeeping for the send pipeline: rows stuck in `sending` (the sender died mid-send, or its
// write failed after WAHA answered) become `unknown` — never resent blindly — and campaigns whose rows
// are all settled are finished.
import { and, eq, inArray, lt } from 'drizzle-orm'
import { campaignMessages, campaigns, pendingAcks } from '../../../db/schema'
import { finishIfDone } from '../campaigns/lifecycle.server'
import type { AppContext } from '../context.server'

/** A send never takes this long (WAHA timeout 30 s + typing 8 s, with a wide margin). */
export const STUCK_SENDING_MS = 10 * 60 * 1000

export const STUCK_MESSAGE = 'O envio começou mas não foi confirmado. Não reenviamos automaticamente para não duplicar.'

/** Moves rows stuck in `sending` to `unknown`; returns how many. */
export async function sweepStuckSending(ctx: Pick<AppContext, 'db' | 'clock'>): Promise<number> {
  const now = ctx.clock()
  const rows = await ctx.db
    .update(campaignMessages)
    .set({ status: 'unknown', error: STUCK_MESSAGE, errorKind: 'stuck', updatedAt: now })
    .where(and(eq(campaignMessages.status, 'sending'), lt(campaignMessages.sendingAt, now - STUCK_SENDING_MS)))
    .returning({ campaignId: campaignMessages.campaignId })
  for (const campaignId of new Set(rows.map((r) => r.campaignId))) await finishIfDone(ctx, campaignId)
  return rows.length
}

/** Finishes running/paused campaigns whose dispatch is done and rows settled (a safety net). */
export async function finishSettledCampaigns(ctx: Pick<AppContext, 'db' | 'clock'>): Promise<number> {
  const open = await ctx.db
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(and(inArray(campaigns.status, ['running', 'paused']), eq(campaigns.dispatchDone, true)))
    .limit(100)
  let finished = 0
  for (const c of open) if (await finishIfDone(ctx, c.id)) finished++
  return finished
}

/** How long an ack for an unknown message id is kept waiting for its send to be recorded. */
export const PENDING_ACK_HORIZON_MS = 3 * 24 * 60 * 60 * 1000

/** Drops acks that never found their message (they were counted; WAHA's ids are not ours). */
export async function prunePendingAcks(ctx: Pick<AppContext, 'db' | 'clock'>): Promise<number> {
  const rows = await ctx.db
    .delete(pendingAcks)
    .where(lt(pendingAcks.at, ctx.clock() - PENDING_ACK_HORIZON_MS))
    .returning({ id: pendingAcks.wahaMessageId })
  return rows.length
}
