// scheduled(): every minute. Releases due campaigns (exactly once, to the second), sweeps rows stuck
// in `sending`, creates due follow-up steps' rows (decision 040), asks WAHA about `unknown` sends (decision 021), finishes settled campaigns, re-queues a
// launch's lost dispatch, and prunes expired sign-in state, webhook dedupe ids, API Idempotency-Keys
// (24 h), acks that never found their message, health history and finished webhook deliveries past
// 30 days; recounts a few campaigns' counters (decision 041); once an hour, campaign images no campaign
// uses; archives finished campaigns to R2 (one step a tick, decision 042).
import { pruneIdempotencyKeys } from '../app/core/api/idempotency.server'
import { pruneAuthSessions } from '../app/core/auth/session.server'
import { pruneLoginAttempts } from '../app/core/auth/throttle.server'
import { archiveTick } from '../app/core/campaigns/archive.server'
import { applyArchiveErasures } from '../app/core/campaigns/archive-erase.server'
import { reconcileCounters } from '../app/core/campaigns/counters.server'
import { releaseDueCampaigns } from '../app/core/campaigns/lifecycle.server'
import { pruneOrphanMedia } from '../app/core/campaigns/media-prune.server'
import { runDueSteps } from '../app/core/campaigns/steps.server'
import { type AppContext, createAppContext } from '../app/core/context.server'
import { forEachShard } from '../app/core/db/shards.server'
import { evaluateAllSessions } from '../app/core/health/cron.server'
import { pruneHealthHistory } from '../app/core/health/history.server'
import { reconcileUnknownSends } from '../app/core/sending/reconcile.server'
import {
  finishSettledCampaigns,
  prunePendingAcks,
  redispatchUnstarted,
  sweepStuckSending,
} from '../app/core/sending/sweeper.server'
import { pruneWebhookEvents } from '../app/core/sessions/webhook-intake.server'
import { advanceOpenMoves, shardsInMoves } from '../app/core/tenants/move/move.server'
import { requeueOverdueDeliveries } from '../app/core/webhooks/deliver.server'
import { pruneWebhookDeliveries } from '../app/core/webhooks/deliveries.server'

type Tick = { controller: ScheduledController; moving: ReadonlySet<string> }
type CronTask = (env: Env, tick: Tick) => Promise<unknown>

/** How much of a tick the team moves may use (decision 044). */
const MOVE_BUDGET_MS = 20_000

/**
 * Runs a sweep once per tenant database, the control database included (decision 043), except the
 * databases an unfinished team move copies from or to: their sweeps wait for the move (decision 044).
 */
function perShard(env: Env, sweep: (ctx: AppContext) => Promise<unknown>, tick: Tick): Promise<unknown> {
  return forEachShard(createAppContext(env), sweep, tick.moving)
}

/** Every task runs on every tick; one failing does not stop the others. */
const tasks: CronTask[] = [
  (env, tick) => perShard(env, releaseDueCampaigns, tick),
  (env, tick) =>
    perShard(
      env,
      async (ctx) => {
        await sweepStuckSending(ctx)
        await finishSettledCampaigns(ctx)
        await redispatchUnstarted(ctx)
      },
      tick,
    ),
  (env, tick) =>
    perShard(
      env,
      async (ctx) => {
        // Follow-up steps whose time has come get their outbox rows (decision 040).
        const run = await runDueSteps(ctx)
        if (run.created > 0 || run.stepsDone > 0)
          console.info(JSON.stringify({ msg: 'follow-up steps', shard: ctx.shard, ...run }))
      },
      tick,
    ),
  (env, tick) =>
    perShard(
      env,
      async (ctx) => {
        const run = await reconcileUnknownSends(ctx)
        if (run.looked + run.nudged > 0)
          console.info(JSON.stringify({ msg: 'unknown sends reconciled', shard: ctx.shard, ...run }))
      },
      tick,
    ),
  async (env) => {
    // Sign-in state and API keys live in the control database.
    const ctx = createAppContext(env)
    await pruneAuthSessions(ctx)
    await pruneLoginAttempts(ctx)
    await pruneIdempotencyKeys(ctx)
  },
  (env, tick) =>
    perShard(
      env,
      async (ctx) => {
        await pruneWebhookEvents(ctx)
        await pruneHealthHistory(ctx)
        const orphanAcks = await prunePendingAcks(ctx)
        if (orphanAcks > 0) {
          console.info(JSON.stringify({ msg: 'acks that never found their message dropped', n: orphanAcks }))
        }
      },
      tick,
    ),
  (env, tick) =>
    perShard(
      env,
      async (ctx) => {
        // Outbound webhook deliveries whose queue message was lost (decision 033).
        const n = await requeueOverdueDeliveries(ctx)
        if (n > 0) console.info(JSON.stringify({ msg: 'overdue webhook deliveries re-queued', n }))
        const pruned = await pruneWebhookDeliveries(ctx)
        if (pruned > 0) console.info(JSON.stringify({ msg: 'old webhook deliveries pruned', n: pruned }))
      },
      tick,
    ),
  (env, tick) =>
    perShard(
      env,
      async (ctx) => {
        // Archives (decision 042): one step of one campaign a tick per shard, then one pending erasure rewrite.
        const step = await archiveTick(ctx)
        if (step) console.info(JSON.stringify({ msg: 'campaign archive step', shard: ctx.shard, ...step }))
        await applyArchiveErasures(ctx)
      },
      tick,
    ),
  (env, tick) =>
    perShard(
      env,
      async (ctx) => {
        // Campaign counters (decision 041): a few campaigns recounted per tick, drift repaired and logged.
        const run = await reconcileCounters(ctx)
        if (run.repaired > 0)
          console.info(JSON.stringify({ msg: 'campaign counters repaired', shard: ctx.shard, ...run }))
      },
      tick,
    ),
  async (env, tick) => {
    // Every five minutes: the health guard measures every connected or held number (decision 022).
    if (new Date(tick.controller.scheduledTime).getUTCMinutes() % 5 !== 0) return
    await perShard(env, evaluateAllSessions, tick)
  },
  async (env, tick) => {
    // Hourly: listing R2 every minute would cost more than the space it frees.
    if (new Date(tick.controller.scheduledTime).getUTCMinutes() !== 7) return
    await pruneOrphanMedia(createAppContext(env))
  },
]

export async function handleScheduled(
  controller: ScheduledController,
  env: Env,
  ctx: ExecutionContext,
): Promise<void> {
  const control = createAppContext(env)
  const tick: Tick = { controller, moving: await shardsInMoves(control) }
  const results = await Promise.allSettled([
    ...tasks.map((task) => task(env, tick)),
    // Team moves (decision 044): a slice of the tick each; they resume wherever the last one stopped.
    advanceOpenMoves(control, MOVE_BUDGET_MS).then((moves) => {
      for (const m of moves) if (!m.held) console.info(JSON.stringify({ msg: 'team move', ...m }))
    }),
  ])
  const failed = results.filter((r) => r.status === 'rejected')
  if (failed.length > 0) {
    ctx.waitUntil(Promise.resolve())
    throw new AggregateError(
      failed.map((f) => (f as PromiseRejectedResult).reason),
      `${failed.length} cron task(s) failed`,
    )
  }
}
