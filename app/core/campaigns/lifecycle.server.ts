// Campaign lifecycle (docs/design.md §3 "Launch and release"): launch now or on schedule, pause, resume,
// cancel, finish. Every move is one conditional UPDATE guarded by the status table, so double clicks,
// repeated cron ticks and redelivered queue messages change nothing twice: whoever changes the row does the
// work.

import { and, eq, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm'
import { campaignMessages, campaigns } from '../../../db/schema'
import { type Text, textString } from '../../i18n/text'
import type { AppContext } from '../context.server'
import { found, ownedRow, type TenantScope } from '../db/tenant.server'
import type { DispatchJob } from '../queue-messages'
import { skipWaiting } from '../sending/outbox.server'
import { enqueueSends, sendJobs } from '../sending/send-jobs'
import { pausedColumns } from '../stored-text'
import { emitWebhookEvent } from '../webhooks/emit.server'
import { eventIfChanged, logCampaignEvent } from './campaign-events.server'
import {
  type CampaignStatus,
  campaignSourcesOf,
  canTransition,
  MESSAGE_STATUSES,
  SETTLED_MESSAGE_STATUSES,
} from './status'
import { noStepsLeft } from './steps-finish.server'

/** Waiting rows read per page when a resumed campaign hands them out again. */
const REQUEUE_PAGE = 500
/** Scheduled campaigns the cron releases per tick (the rest go on the next minute's tick). */
const RELEASE_PER_TICK = 100

/** Message statuses with sending work left (the complement of the settled ones). */
export const UNSETTLED_MESSAGE_STATUSES = MESSAGE_STATUSES.filter(
  (s) => !SETTLED_MESSAGE_STATUSES.includes(s),
)

export type LifecycleResult = { ok: true; message: string } | { ok: false; message: string }

type Scope = Pick<TenantScope, 'db' | 'tenantId' | 'userId' | 'clock' | 'env'>

/** The history's actor for moves the engine makes by itself (shown as "automático"). */
const SYSTEM_ACTOR = null

async function enqueueDispatch(env: Env, job: DispatchJob, delaySeconds = 0): Promise<void> {
  await env.DISPATCH_QUEUE.send(
    job,
    delaySeconds > 0 ? { delaySeconds: Math.min(delaySeconds, 43_200) } : undefined,
  )
}

/**
 * "Enviar agora": draft/scheduled -> running and its `started` line in one D1 batch, then the dispatch
 * job. A second click finds the row already running and creates nothing.
 */
export async function launchNow(scope: Scope, campaignId: string, baseUrl: string): Promise<LifecycleResult> {
  const now = scope.clock()
  const [changed] = await scope.db.batch([
    scope.db
      .update(campaigns)
      .set({ status: 'running', startedAt: now, baseUrl, pausedReason: null, updatedAt: now })
      .where(
        and(
          ownedRow(scope, campaigns, campaignId),
          inArray(
            campaigns.status,
            campaignSourcesOf('running').filter((s) => s !== 'paused'),
          ),
        ),
      )
      .returning({ id: campaigns.id }),
    eventIfChanged(scope.db, { ...actorOf(scope), campaignId, kind: 'started', at: now }),
  ])
  if (changed.length === 0) return notMoved(scope, campaignId, 'running')
  await enqueueDispatch(scope.env, { type: 'dispatch', v: 1, tenantId: scope.tenantId, campaignId })
  await emitWebhookEvent(scope, scope.tenantId, 'campaign.started', { campaignId, at: now })
  return { ok: true, message: 'campaigns.launched' }
}

/**
 * A one-message campaign (POST /api/v1/messages, decision 030): draft -> running with its dispatch
 * already done (it has no list: its one outbox row is made by the caller), so the sender's finish
 * check can close it as soon as the row settles. Returns whether this call moved it (a replay finds
 * it running, or past, and moves nothing).
 */
export async function launchSingle(scope: Scope, campaignId: string, baseUrl: string): Promise<boolean> {
  const now = scope.clock()
  const [changed] = await scope.db.batch([
    scope.db
      .update(campaigns)
      .set({ status: 'running', startedAt: now, baseUrl, dispatchDone: true, updatedAt: now })
      .where(and(ownedRow(scope, campaigns, campaignId), eq(campaigns.status, 'draft')))
      .returning({ id: campaigns.id }),
    eventIfChanged(scope.db, { ...actorOf(scope), campaignId, kind: 'started', at: now }),
  ])
  if (changed.length === 0) return false
  await emitWebhookEvent(scope, scope.tenantId, 'campaign.started', { campaignId, at: now })
  return true
}

/**
 * The statements that schedule a draft (or move a scheduled campaign) to `at`, with its `scheduled`
 * line: the composer batches them right after the statements that save the form, so a campaign is
 * saved and scheduled together or not at all. `at` must be in the future (the caller checks).
 */
export function scheduleStatements(scope: Scope, campaignId: string, at: number, baseUrl: string) {
  const now = scope.clock()
  return [
    scope.db
      .update(campaigns)
      .set({ status: 'scheduled', scheduledAt: at, startedAt: null, baseUrl, updatedAt: now })
      .where(and(ownedRow(scope, campaigns, campaignId), inArray(campaigns.status, ['draft', 'scheduled'])))
      .returning({ id: campaigns.id }),
    eventIfChanged(scope.db, {
      ...actorOf(scope),
      campaignId,
      kind: 'scheduled',
      detail: String(at),
      at: now,
    }),
  ] as const
}

/** Why a campaign the composer asked to schedule did not move (a conflict, or it is not editable). */
export function scheduleRefused(scope: Scope, campaignId: string): Promise<LifecycleResult> {
  return notMoved(scope, campaignId, 'scheduled')
}

const actorOf = (scope: Scope) => ({ tenantId: scope.tenantId, userId: scope.userId })

/** Pause takes effect before the next message: the sender checks the status before every claim. */
export async function pause(
  scope: Scope,
  campaignId: string,
  reason: string | null = null,
): Promise<LifecycleResult> {
  const now = scope.clock()
  const changed = await scope.db
    .update(campaigns)
    .set({ status: 'paused', pausedReason: reason, updatedAt: now })
    .where(and(ownedRow(scope, campaigns, campaignId), eq(campaigns.status, 'running')))
    .returning({ id: campaigns.id })
  if (changed.length === 0) return notMoved(scope, campaignId, 'paused')
  await logCampaignEvent(scope, scope.tenantId, campaignId, 'paused', reason, scope.userId)
  await emitWebhookEvent(scope, scope.tenantId, 'campaign.paused', { campaignId, at: now, automatic: false })
  return { ok: true, message: 'campaigns.paused' }
}

/**
 * The engine pauses a running campaign by itself (no session can send it, the number guard...): the
 * "system" actor, shown as automatic in the history, with the reason on the campaign's banner.
 */
export async function pauseAutomatically(
  ctx: Pick<AppContext, 'db' | 'clock' | 'env'>,
  campaignId: string,
  reason: Text,
): Promise<boolean> {
  const now = ctx.clock()
  const paused = await ctx.db
    .update(campaigns)
    .set({
      status: 'paused',
      ...pausedColumns(reason),
      updatedAt: now,
    })
    .where(and(eq(campaigns.id, campaignId), inArray(campaigns.status, campaignSourcesOf('paused'))))
    .returning({ tenantId: campaigns.tenantId })
  if (!paused[0]) return false
  await logCampaignEvent(ctx, paused[0].tenantId, campaignId, 'paused', textString(reason), SYSTEM_ACTOR)
  await emitWebhookEvent(ctx, paused[0].tenantId, 'campaign.paused', { campaignId, at: now, automatic: true })
  return true
}

/** Scheduled -> draft ("Cancelar agendamento"), only while still scheduled. */
export async function unschedule(
  scope: Scope,
  id: string,
): Promise<{ ok: true; id: string } | { ok: false; message: string }> {
  const changed = await scope.db
    .update(campaigns)
    .set({ status: 'draft', scheduledAt: null, startedAt: null, updatedAt: scope.clock() })
    .where(and(ownedRow(scope, campaigns, id), inArray(campaigns.status, campaignSourcesOf('draft'))))
    .returning({ id: campaigns.id })
  if (changed.length === 0) {
    found(
      await scope.db
        .select({ id: campaigns.id })
        .from(campaigns)
        .where(ownedRow(scope, campaigns, id))
        .get(),
      'campaign',
    )
    return { ok: false, message: 'campaigns.errors.notScheduled' }
  }
  await logCampaignEvent(scope, scope.tenantId, id, 'unscheduled', null, scope.userId)
  return { ok: true, id }
}

/**
 * Resume: paused -> running. Dispatch continues from its cursor, and every row still waiting
 * (pending/queued) is handed to the senders again; the claim makes duplicates harmless.
 */
export async function resume(scope: Scope, campaignId: string): Promise<LifecycleResult> {
  const now = scope.clock()
  const changed = await scope.db
    .update(campaigns)
    .set({ status: 'running', pausedReason: null, pausedCode: null, pausedParams: null, updatedAt: now })
    .where(and(ownedRow(scope, campaigns, campaignId), eq(campaigns.status, 'paused')))
    .returning({ id: campaigns.id, dispatchDone: campaigns.dispatchDone })
  const row = changed[0]
  if (!row) return notMoved(scope, campaignId, 'running')
  await logCampaignEvent(scope, scope.tenantId, campaignId, 'resumed', null, scope.userId)
  await requeueWaiting(scope, scope.tenantId, campaignId)
  if (!row.dispatchDone)
    await enqueueDispatch(scope.env, { type: 'dispatch', v: 1, tenantId: scope.tenantId, campaignId })
  return { ok: true, message: 'campaigns.resumed' }
}

/** Cancel: nothing more is sent; rows that were still waiting are marked skipped. */
export async function cancel(scope: Scope, campaignId: string): Promise<LifecycleResult> {
  const now = scope.clock()
  const changed = await scope.db
    .update(campaigns)
    .set({ status: 'cancelled', finishedAt: now, updatedAt: now })
    .where(
      and(ownedRow(scope, campaigns, campaignId), inArray(campaigns.status, campaignSourcesOf('cancelled'))),
    )
    .returning({ id: campaigns.id })
  if (changed.length === 0) return notMoved(scope, campaignId, 'cancelled')
  await skipWaiting(scope, campaignId)
  await logCampaignEvent(scope, scope.tenantId, campaignId, 'cancelled', null, scope.userId)
  return { ok: true, message: 'campaigns.cancelled' }
}

async function notMoved(scope: Scope, campaignId: string, to: CampaignStatus): Promise<LifecycleResult> {
  const row = found(
    await scope.db
      .select({ status: campaigns.status })
      .from(campaigns)
      .where(ownedRow(scope, campaigns, campaignId))
      .get(),
    'campaign',
  )
  if (row.status === to) return { ok: true, message: `campaigns.already.${to}` }
  const from = row.status as CampaignStatus
  return {
    ok: false,
    message: canTransition(from, to) ? 'campaigns.errors.conflict' : `campaigns.errors.cannot.${to}`,
  }
}

/** Sends one `send` job per waiting row (pending/queued) of a campaign, in pages. */
async function requeueWaiting(ctx: Pick<AppContext, 'db' | 'env'>, tenantId: string, campaignId: string) {
  let after = 0
  for (;;) {
    const rows = await ctx.db
      .select({ id: campaignMessages.id })
      .from(campaignMessages)
      .where(
        and(
          eq(campaignMessages.campaignId, campaignId),
          inArray(campaignMessages.status, ['pending', 'queued']),
          sql`${campaignMessages.id} > ${after}`,
        ),
      )
      .orderBy(campaignMessages.id)
      .limit(REQUEUE_PAGE)
    if (rows.length === 0) return
    await enqueueSends(
      ctx.env.SEND_QUEUE,
      sendJobs(rows.map((r) => ({ messageId: r.id, tenantId, campaignId }))),
    )
    after = rows[rows.length - 1]!.id
  }
}

/**
 * Cron: claims scheduled campaigns due within the next minute, exactly once (conditional UPDATE on
 * `started_at IS NULL`), and dispatches each with a delay so it starts to the second. The campaign
 * stays `scheduled` until that moment: the dispatch job moves it to running (startScheduled). A
 * campaign whose time passed while the system was down starts at once and says so in its history.
 */
export async function releaseDueCampaigns(ctx: Pick<AppContext, 'db' | 'env' | 'clock'>): Promise<number> {
  const now = ctx.clock()
  const due = await ctx.db
    .select({ id: campaigns.id, tenantId: campaigns.tenantId, scheduledAt: campaigns.scheduledAt })
    .from(campaigns)
    .where(
      and(
        eq(campaigns.status, 'scheduled'),
        isNull(campaigns.startedAt),
        lte(campaigns.scheduledAt, now + 60_000),
      ),
    )
    .limit(RELEASE_PER_TICK)
  let released = 0
  for (const c of due) {
    const at = c.scheduledAt ?? now
    const claimed = await ctx.db
      .update(campaigns)
      .set({ startedAt: Math.max(at, now), updatedAt: now })
      .where(and(eq(campaigns.id, c.id), eq(campaigns.status, 'scheduled'), isNull(campaigns.startedAt)))
      .returning({ id: campaigns.id })
    if (claimed.length === 0) continue
    released++
    const late = now - at > 90_000
    if (late) await logCampaignEvent(ctx, c.tenantId, c.id, 'started_late', String(at))
    const delaySeconds = Math.max(0, Math.round((at - now) / 1000))
    await enqueueDispatch(
      ctx.env,
      { type: 'dispatch', v: 1, tenantId: c.tenantId, campaignId: c.id },
      delaySeconds,
    )
  }
  return released
}

/** The released campaign's moment has come: scheduled -> running (once; an unscheduled one stays). */
export async function startScheduled(
  ctx: Pick<AppContext, 'db' | 'clock' | 'env'>,
  tenantId: string,
  campaignId: string,
): Promise<boolean> {
  const now = ctx.clock()
  const started = await ctx.db
    .update(campaigns)
    .set({ status: 'running', updatedAt: now })
    .where(
      and(
        eq(campaigns.id, campaignId),
        eq(campaigns.tenantId, tenantId),
        eq(campaigns.status, 'scheduled'),
        isNotNull(campaigns.startedAt),
      ),
    )
    .returning({ id: campaigns.id })
  if (started.length === 0) return false
  await logCampaignEvent(ctx, tenantId, campaignId, 'started', null)
  await emitWebhookEvent(ctx, tenantId, 'campaign.started', { campaignId, at: now })
  return true
}

/** Finishes a running/paused campaign once dispatch is done, every row is settled and no `unknown` row awaits WAHA. */
export async function finishIfDone(
  ctx: Pick<AppContext, 'db' | 'clock' | 'env'>,
  campaignId: string,
): Promise<boolean> {
  const now = ctx.clock()
  const done = await ctx.db
    .update(campaigns)
    .set({ status: 'finished', finishedAt: now, updatedAt: now })
    .where(
      and(
        eq(campaigns.id, campaignId),
        inArray(campaigns.status, ['running', 'paused']),
        eq(campaigns.dispatchDone, true),
        // Every follow-up step has its rows (decision 040): a campaign waiting for a step is not done.
        noStepsLeft(now),
        // Each seeks (campaign_id, status): the statuses that still have sending work, and `unknown`
        // rows still waiting for their look at WAHA (decision 021: one of them may be resent).
        sql`NOT EXISTS (SELECT 1 FROM campaign_messages m WHERE m.campaign_id = ${campaignId}
          AND m.status IN (${sql.join(
            UNSETTLED_MESSAGE_STATUSES.map((s) => sql`${s}`),
            sql`, `,
          )}))`,
        sql`NOT EXISTS (SELECT 1 FROM campaign_messages m WHERE m.campaign_id = ${campaignId}
          AND m.status = 'unknown' AND +m.reconcile_next_at IS NOT NULL)`,
      ),
    )
    .returning({ id: campaigns.id, tenantId: campaigns.tenantId })
  const row = done[0]
  if (row) await logCampaignEvent(ctx, row.tenantId, row.id, 'finished', null)
  if (row) await emitWebhookEvent(ctx, row.tenantId, 'campaign.finished', { campaignId: row.id, at: now })
  return Boolean(row)
}
