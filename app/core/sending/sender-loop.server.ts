// The pacing loop of one WhatsApp session (DESIGN §3 "Send", step 5), run by the SenderSession
// Durable Object's alarm over its local queue. Returns when the next alarm should fire (or null when
// there is nothing to do). A job leaves the local queue BEFORE its send starts: if the object dies
// mid-send the row stays `sending`, the sweeper turns it `unknown`, and it is never resent.
import { finishIfDone } from '../campaigns/lifecycle.server'
import { nextSendAt } from '../campaigns/pacing'
import { fromLocalTime, toLocalTime } from '../campaigns/time-zone'
import type { AppContext } from '../context.server'
import { pauseAfterFailures } from './outcome'
import type { SenderJob } from './router.server'
import { sendOne } from './send-one.server'
import {
  type SenderSessionConfig,
  isSessionHealthy,
  loadSenderSession,
  pauseSession,
  recordSessionFailure,
  recordSessionSuccess,
} from './session-config.server'

/** The Durable Object's storage, as the loop sees it. */
export interface LocalQueue {
  peek(): SenderJob | null
  remove(messageId: number): void
  takeAll(): SenderJob[]
  size(): number
  /** The most recent `limit` send instants (ms) since `sinceMs` (the per-minute cap needs no more). */
  sendsSince(sinceMs: number, limit: number): number[]
  /** How many sends since `sinceMs`. */
  countSince(sinceMs: number): number
  lastSendAt(): number | null
  recordSend(at: number): void
  plannedAt(): number | null
  setPlannedAt(at: number | null): void
}

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
export async function runSenderTick(deps: SenderLoopDeps): Promise<number | null> {
  const { ctx, queue } = deps
  if (queue.peek() === null) return null
  const session = await loadSenderSession(ctx, deps.sessionId, deps.fetch)
  if (!session) {
    await failover(deps, 'sessão removida')
    return null
  }
  if (!isSessionHealthy(session.row, ctx.clock())) {
    await failover(deps, session.row.pausedReason ?? `sessão ${session.row.status}`)
    return null
  }
  const started = ctx.clock()
  const touched = new Set<string>()
  try {
    for (let i = 0; i < (deps.maxPerTick ?? 50); i++) {
      const now = ctx.clock()
      const wait = gate(session, queue, now, deps.random)
      if (wait > now) return wait
      const job = queue.peek()
      if (!job) return null
      queue.remove(job.messageId)
      queue.setPlannedAt(null)
      touched.add(job.campaignId)
      const result = await sendOne({ ctx, session, sleep: deps.sleep }, job)
      if (result.kind === 'sent' || result.kind === 'unknown') {
        queue.recordSend(now)
        if (result.kind === 'sent') await recordSessionSuccess(ctx, session.row)
      } else if (result.kind === 'retry_elsewhere') {
        await deps.requeue([job], result.tried)
        let verdict = result.session
        if (verdict.countsAsFailure && !verdict.pause) {
          const failures = await recordSessionFailure(ctx, session.row.id, result.error)
          verdict = pauseAfterFailures(failures, result.error, ctx.clock())
        }
        if (verdict.pause) {
          await pauseSession(ctx, session.row.id, verdict.reason, verdict.untilMs)
          await failover(deps, verdict.reason)
          return null
        }
      }
      if (ctx.clock() - started > (deps.budgetMs ?? 2_000)) break
    }
    return queue.peek() !== null ? ctx.clock() : null
  } finally {
    for (const campaignId of touched) await finishIfDone(ctx, campaignId)
  }
}

/**
 * When may the next message go? The random delay is drawn once per gap and remembered, so waking
 * up does not draw again; the hard limits (per-minute cap, daily cap, window) are checked again at
 * send time.
 */
function gate(session: SenderSessionConfig, queue: LocalQueue, now: number, random: () => number): number {
  const tz = session.pacing.timeZone
  const history = {
    recentSends: queue.sendsSince(now - 60_000, Math.max(1, session.pacing.maxPerMinute)),
    sentToday: queue.countSince(localDayStart(now, tz)),
    lastSendAt: queue.lastSendAt(),
  }
  let planned = queue.plannedAt()
  if (planned === null) {
    planned = nextSendAt(session.pacing, history, now, random).at
    queue.setPlannedAt(planned)
  }
  if (planned > now) return planned
  const hard = nextSendAt({ ...session.pacing, minDelayS: 0, maxDelayS: 0 }, history, now, random).at
  if (hard > now) {
    queue.setPlannedAt(hard)
    return hard
  }
  return now
}

let dayCache: { tz: string; start: number; end: number } | null = null

/** Start of the local day containing `now` (memoised until the next local midnight). */
function localDayStart(now: number, tz: string): number {
  if (dayCache && dayCache.tz === tz && now >= dayCache.start && now < dayCache.end) return dayCache.start
  const local = toLocalTime(now, tz)
  dayCache = { tz, start: fromLocalTime(local, 0, tz), end: fromLocalTime(local, 0, tz, 1) }
  return dayCache.start
}

/** Moves this session's whole backlog to the other sessions (the router picks by priority). */
async function failover(deps: SenderLoopDeps, _reason: string): Promise<void> {
  const jobs = deps.queue.takeAll()
  deps.queue.setPlannedAt(null)
  if (jobs.length > 0) await deps.requeue(jobs, [deps.sessionId])
}
