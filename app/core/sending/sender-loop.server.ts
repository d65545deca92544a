// The pacing loop of one WhatsApp session (docs/design.md §3 "Send"), run by the SenderSession
// Durable Object's alarm over its local queue. Returns when the next alarm should fire (or null when
// there is nothing to do). A job leaves the local queue BEFORE its send starts: if the object dies
// mid-send the row stays `sending`, the sweeper turns it `unknown`, and it is never resent blindly
// (the reconcile cron resends it once only if WAHA's chat proves it missing: decision 021).

import { inArray } from 'drizzle-orm'
import { campaigns } from '../../../db/schema'
import type { Text } from '../../i18n/text'
import { finishIfDone } from '../campaigns/lifecycle.server'
import type { AppContext } from '../context.server'
import { DEFAULT_HEALTH_CONFIG } from '../guard/health'
import { evaluateSessionHealth } from '../health/guard.server'
import { recordSessionEvent } from '../health/measure.server'
import { rampGate } from '../health/pacing-guard'
import { emitTickOutcomes } from '../webhooks/message-events.server'
import { afterSendInPackage, campaignPacing, earliestJointSlot, type PacingTrack } from './effective-pacing'
import type { LocalQueue } from './local-queue.server'
import { pauseAfterFailures } from './outcome'
import { OutcomeCarry } from './outcome-carry.server'
import type { Pacing } from './pacing'
import type { SenderJob } from './router.server'
import { prepareSendStatements, sendOne } from './send-one.server'
import {
  isSessionHealthy,
  loadSenderSession,
  pauseSession,
  recordSessionFailure,
  recordSessionSuccess,
  type SenderSessionConfig,
} from './session-config.server'
import { memoizedForTick } from './tick-memo'
import { localDay } from './time-zone'

export type SenderLoopDeps = {
  ctx: Pick<AppContext, 'db' | 'env' | 'config' | 'clock'>
  sessionId: string
  queue: LocalQueue
  random: () => number
  sleep: (ms: number) => Promise<void>
  /** Puts jobs back on the `sends` queue for other sessions. */
  requeue: (jobs: SenderJob[], exclude: string[]) => Promise<void>
  fetch?: typeof fetch
  /** Jobs per alarm at most (zero-delay pacing), and wall-clock budget per alarm. */
  maxPerTick?: number
  budgetMs?: number
}

/** Runs one alarm's worth of sending; returns the next alarm time or null. */
export async function runSenderTick(tickDeps: SenderLoopDeps): Promise<number | null> {
  // The storage's answers are kept for the tick and changed as the loop writes (tick-memo.ts).
  const deps = { ...tickDeps, queue: memoizedForTick(tickDeps.queue) }
  const { ctx, queue } = deps
  queue.releaseHeld(ctx.clock())
  // Only held jobs (a spent first-contact budget): sleep until the earliest opens, never spin.
  if (queue.peek() === null) return queue.nextHeldAt()
  let session = await loadSenderSession(ctx, deps.sessionId, deps.fetch)
  if (session && (session.guard.state === 'em_risco' || session.guard.state === 'bloqueado')) {
    // The guard holds the number: its cool-down may just have ended (a ramp starts) or not.
    if (await checkHealth(deps, true)) return null
    session = await loadSenderSession(ctx, deps.sessionId, deps.fetch)
    if (session && (session.guard.state === 'em_risco' || session.guard.state === 'bloqueado')) {
      await failover(deps, 'saúde do número')
      return null
    }
  }
  if (!session) {
    await failover(deps, 'sessão removida')
    return null
  }
  if (!isSessionHealthy(session.row, ctx.clock())) {
    await failover(deps, session.row.pausedReason ?? `sessão ${session.row.status}`)
    return null
  }
  const started = ctx.clock()
  // A sent message's outcome rides with the next claim (one D1 round trip per message); written on
  // its own before anything reads the outbox and when the tick ends (decision 028).
  const carry = new OutcomeCarry(ctx.db)
  // The claim and the outcome are built once for the tick and bound per message (decision 028).
  const statements = prepareSendStatements(ctx.db, session)
  const touched = new Set<string>()
  let outcomes = 0
  let sentHere = 0
  let forceHealth = false
  const campaignsHere = await loadCampaignPacing(
    ctx,
    queue.campaigns(MAX_CAMPAIGNS_PER_TICK),
    session.pacing.timeZone,
  )
  try {
    // When the next alarm should fire: undefined = at once if work is left (the budget ran out).
    let nextAt: number | null | undefined
    for (let i = 0; i < (deps.maxPerTick ?? 50); i++) {
      const now = ctx.clock()
      const next = pickNext(session, campaignsHere, queue, now, deps.random)
      if (!next || next.at > now) {
        nextAt = next ? next.at : queue.nextHeldAt()
        break
      }
      const job = next.job
      queue.remove(job.messageId)
      touched.add(job.campaignId)
      const here = campaignsHere.get(job.campaignId)
      const result = await sendOne(
        {
          ctx,
          session,
          sleep: deps.sleep,
          campaign: here?.running ? here.row : undefined,
          carry,
          statements,
        },
        job,
      )
      if (result.kind !== 'dropped' && result.kind !== 'skipped' && result.kind !== 'held') outcomes++
      if (result.kind === 'sent' || result.kind === 'unknown') {
        queue.recordSend(now, job.campaignId)
        queue.setPlannedAt(null, null)
        queue.setPlannedAt(null, job.campaignId)
        countInPackage(queue, null, session.pacing, now, deps.random)
        countInPackage(
          queue,
          job.campaignId,
          campaignsHere.get(job.campaignId)?.pacing ?? null,
          now,
          deps.random,
        )
        if (result.kind === 'sent') await recordSessionSuccess(ctx, session.row)
        // A fast number is judged again after every sample's worth of sends, not only between ticks
        // (a tick may send 50): a careless pace can ruin a number within a minute (decision 022).
        // The waiting outcome rides with the evaluation's first reads, before it reads the outbox.
        if (++sentHere % HEALTH_SAMPLE === 0 && (await checkHealth(deps, false, carry))) return null
      } else if (result.kind === 'held') {
        // The number's first-contact budget is spent today: the job waits here for the next day.
        queue.hold(job, result.until)
      } else if (result.kind === 'retry_elsewhere') {
        await carry.flush()
        await deps.requeue([job], result.tried)
        if (result.errorKind === 'reach_out_limit' || result.errorKind === 'rate_limited') {
          // One event per refused attempt (the outbox forgets the 463 once another number sends the row).
          await recordSessionEvent(ctx, {
            tenantId: session.row.tenantId,
            sessionId: session.row.id,
            kind: result.errorKind,
            key: result.attemptId,
            at: now,
          })
          forceHealth = true
        }
        let verdict = result.session
        if (verdict.countsAsFailure && !verdict.pause) {
          const failures = await recordSessionFailure(ctx, session.row.id, result.text)
          verdict = pauseAfterFailures(failures, result.text, ctx.clock())
        }
        if (verdict.pause) {
          await pauseSession(ctx, session.row.id, verdict.reason, verdict.untilMs)
          await failover(deps, verdict.reason)
          await checkHealth(deps, forceHealth)
          return null
        }
      }
      if (ctx.clock() - started > (deps.budgetMs ?? 2_000)) break
    }
    if (outcomes > 0 && (await checkHealth(deps, forceHealth, carry))) return null
    await carry.flush()
    if (nextAt !== undefined) return nextAt
    return queue.peek() !== null ? ctx.clock() : queue.nextHeldAt()
  } finally {
    await carry.flush()
    for (const campaignId of touched) await finishIfDone(ctx, campaignId)
    await emitTickOutcomes(ctx, session.row.tenantId, session.row.id, started)
  }
}

/** Campaigns looked at per alarm (the oldest jobs' first); the rest wait their turn. */
const MAX_CAMPAIGNS_PER_TICK = 20

type CampaignHere = { running: boolean; pacing: Pacing | null; row: typeof campaigns.$inferSelect }

/**
 * The campaigns waiting here (status, pacing, and what a send reads: typing, image), in one query per
 * tick. A pause or cancel during the tick still stops the next message: the claim checks the status.
 */
async function loadCampaignPacing(
  ctx: Pick<AppContext, 'db'>,
  ids: string[],
  timeZone: string,
): Promise<Map<string, CampaignHere>> {
  if (ids.length === 0) return new Map()
  const rows = await ctx.db.select().from(campaigns).where(inArray(campaigns.id, ids))
  return new Map(
    rows.map((r) => [r.id, { running: r.status === 'running', pacing: campaignPacing(r, timeZone), row: r }]),
  )
}

/**
 * Which job goes next, and when: for each campaign waiting here, the first instant both the number's
 * limits and the campaign's own allow; the earliest wins (ties: the oldest job). Jobs of a campaign
 * that is no longer running skip the gate: they are dropped at claim time without sending.
 */
function pickNext(
  session: SenderSessionConfig,
  campaignsHere: Map<string, CampaignHere>,
  queue: LocalQueue,
  now: number,
  random: () => number,
): { job: SenderJob; at: number } | null {
  const ids = queue.campaigns(MAX_CAMPAIGNS_PER_TICK)
  if (ids.length === 0) return null
  const sessionTrack = track(session.pacing, queue, null, now)
  let best: { campaignId: string; at: number } | null = null
  for (const id of ids) {
    const here = campaignsHere.get(id)
    if (here && !here.running) {
      best = { campaignId: id, at: now }
      break
    }
    const tracks: PacingTrack[] = [sessionTrack]
    if (here?.pacing) tracks.push(track(here.pacing, queue, id, now))
    const joint = earliestJointSlot(tracks, now, random)
    // A ramp after a cool-down: at most caps[h] messages in ramp hour h (decision 022).
    const slot = {
      ...joint,
      at: rampGate(session.guard.ramp, joint.at, (hourStart) => queue.countSince(hourStart, null)),
    }
    queue.setPlannedAt(slot.planned[0] ?? null, null)
    sessionTrack.planned = slot.planned[0] ?? null
    if (here?.pacing) queue.setPlannedAt(slot.planned[1] ?? null, id)
    if (!best || slot.at < best.at) best = { campaignId: id, at: slot.at }
  }
  if (!best) return null
  const job = queue.peekFor(best.campaignId)
  return job ? { job, at: best.at } : null
}

/** One more message in the track's current package; a finished package starts its rest. */
function countInPackage(
  queue: LocalQueue,
  campaignId: string | null,
  pacing: Pacing | null,
  at: number,
  random: () => number,
) {
  if (!pacing?.rest) return
  queue.setPackageState(
    campaignId,
    afterSendInPackage(queue.packageState(campaignId), pacing.rest, at, random),
  )
}

/** The limits of the number (campaignId null) or of one campaign on it, with what it already sent. */
function track(pacing: Pacing, queue: LocalQueue, campaignId: string | null, now: number): PacingTrack {
  const perMinute = Number.isFinite(pacing.maxPerMinute) ? Math.max(1, pacing.maxPerMinute) : 0
  // The per-minute cap can only hold the next send back once the last minute has `perMinute` sends;
  // below that the instants change nothing (the last one is lastSendAt), so they are not read: a fast
  // number would otherwise load a minute of sends for every message. The count is taken from a floor
  // up to 15 s before the minute (an upper bound, the same question for 15 s, so the tick's memo
  // answers it): below the cap it is exact that the cap cannot bind; at or over it, the instants of the
  // last minute are read as before.
  const capMayBind = perMinute > 0 && queue.countSince(minuteFloor(now), campaignId) >= perMinute
  return {
    pacing,
    history: {
      recentSends: capMayBind ? queue.sendsSince(now - 60_000, perMinute, campaignId) : [],
      sentToday: Number.isFinite(pacing.dailyCap)
        ? queue.countSince(localDayStart(now, pacing.timeZone), campaignId)
        : 0,
      lastSendAt: queue.lastSendAt(campaignId),
    },
    planned: queue.plannedAt(campaignId),
    restUntil: pacing.rest ? queue.packageState(campaignId).restUntil : null,
  }
}

const HEALTH_SAMPLE = DEFAULT_HEALTH_CONFIG.sampling.minSample
const FLOOR_MS = 15_000

/** An instant at most 15 s before `now - 1 min`, the same for 15 s (see track). */
function minuteFloor(now: number): number {
  return Math.floor((now - 60_000) / FLOOR_MS) * FLOOR_MS
}

let dayCache: { tz: string; start: number; end: number } | null = null

/** Start of the local day containing `now` (memoised until the next local midnight). */
function localDayStart(now: number, tz: string): number {
  if (dayCache && dayCache.tz === tz && now >= dayCache.start && now < dayCache.end) return dayCache.start
  dayCache = { tz, ...localDay(now, tz) }
  return dayCache.start
}

/**
 * Evaluates the number's health after sending (once a minute or every sample's worth of sends, or at
 * once with `force`); when the guard
 * pauses or blocks it, its backlog goes to the other numbers. True when the number must stop. With
 * `carry`, the waiting outcome is written in the evaluation's first batch, before the outbox is read.
 */
async function checkHealth(deps: SenderLoopDeps, force: boolean, carry?: OutcomeCarry): Promise<boolean> {
  try {
    const result = await evaluateSessionHealth(deps.ctx, deps.sessionId, {
      force,
      handOff: () => failover(deps, 'saúde do número'),
      sentSince: (ms) => deps.queue.countSince(ms, null),
      batch: carry ? (reads) => carry.batchAfter(reads) : undefined,
    })
    return result?.handOff ?? false
  } catch (error) {
    // Sending goes on; the cron evaluates again within minutes.
    console.warn('health evaluation failed', deps.sessionId, error)
    return false
  }
}

/** Moves this session's whole backlog to the other sessions (the router picks by priority). */
async function failover(deps: SenderLoopDeps, _reason: string | Text): Promise<void> {
  const jobs = deps.queue.takeAll()
  deps.queue.clearPlanned()
  if (jobs.length > 0) await deps.requeue(jobs, [deps.sessionId])
}
