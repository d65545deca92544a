// Cron housekeeping for the send pipeline: rows stuck in `sending` (the sender died mid-send, or its
// write failed after WAHA answered) become `unknown` — never resent blindly — and campaigns whose rows
// are all settled are finished, and a launched campaign whose dispatch never started gets its job.
import { and, eq, inArray, lt } from 'drizzle-orm'
import { campaigns, pendingAcks } from '../../../db/schema'
import { finishIfDone } from '../campaigns/lifecycle.server'
import { noStepsLeft } from '../campaigns/steps-finish.server'
import type { AppContext } from '../context.server'
import { settleStuckSending } from './outbox.server'

export { STUCK_SENDING_MS } from './outbox.server'

/** Moves rows stuck in `sending` to `unknown`; returns how many. */
export async function sweepStuckSending(ctx: Pick<AppContext, 'db' | 'clock' | 'env'>): Promise<number> {
  const rows = await settleStuckSending(ctx)
  for (const campaignId of new Set(rows.map((r) => r.campaignId))) await finishIfDone(ctx, campaignId)
  return rows.length
}

/** Open campaigns the safety net looks at per cron tick. */
const FINISH_PER_TICK = 100

/** Finishes running/paused campaigns whose dispatch is done and rows settled (a safety net). */
export async function finishSettledCampaigns(ctx: Pick<AppContext, 'db' | 'clock' | 'env'>): Promise<number> {
  const open = await ctx.db
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(
      and(
        inArray(campaigns.status, ['running', 'paused']),
        eq(campaigns.dispatchDone, true),
        // A campaign waiting days for a follow-up step (decision 040) must not take a place here.
        noStepsLeft(ctx.clock()),
      ),
    )
    .limit(FINISH_PER_TICK)
  let finished = 0
  for (const c of open) if (await finishIfDone(ctx, c.id)) finished++
  return finished
}

/** A launched campaign's first dispatch job is given this long before it is queued again. */
const REDISPATCH_AFTER_MS = 5 * 60_000

/**
 * Queues `dispatch` again for running campaigns whose dispatch never started: launchNow queues the
 * job after its batch commits (decision 026), so a failed queue send would leave the campaign running
 * with nothing sent. Dispatch is idempotent (rows once per contact, a compare-and-set cursor), so a
 * job that was only slow costs a repeated page, never a second message.
 */
export async function redispatchUnstarted(ctx: Pick<AppContext, 'db' | 'env' | 'clock'>): Promise<number> {
  const stuck = await ctx.db
    .select({ id: campaigns.id, tenantId: campaigns.tenantId })
    .from(campaigns)
    .where(
      and(
        eq(campaigns.status, 'running'),
        eq(campaigns.dispatchDone, false),
        eq(campaigns.dispatchCursor, 0),
        lt(campaigns.startedAt, ctx.clock() - REDISPATCH_AFTER_MS),
      ),
    )
    .limit(FINISH_PER_TICK)
  for (const c of stuck)
    await ctx.env.DISPATCH_QUEUE.send({ type: 'dispatch', v: 1, tenantId: c.tenantId, campaignId: c.id })
  return stuck.length
}

/** How long an ack for an unknown message id is kept waiting for its send to be recorded. */
const PENDING_ACK_HORIZON_MS = 3 * 24 * 60 * 60 * 1000

/** Drops acks that never found their message (they were counted; WAHA's ids are not ours). */
export async function prunePendingAcks(ctx: Pick<AppContext, 'db' | 'clock'>): Promise<number> {
  const rows = await ctx.db
    .delete(pendingAcks)
    .where(lt(pendingAcks.at, ctx.clock() - PENDING_ACK_HORIZON_MS))
    .returning({ id: pendingAcks.wahaMessageId })
  return rows.length
}
