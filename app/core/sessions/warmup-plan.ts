// Where a number is on its warm-up plan (decision 020), for the session page: the same arithmetic the
// sender uses (sessionPacing + warmupDay/warmupCap), so the cap shown is the cap enforced.
import { type SessionPacingColumns, sessionPacing } from '../sending/effective-pacing'
import { dailyCapOn, warmupCap, warmupDay } from '../sending/pacing'

export type WarmupPlanView =
  | { state: 'off'; dailyCap: number }
  | {
      state: 'running' | 'done'
      /** 1-based day of the plan today (day 1 = the day of the first connection). */
      day: number
      days: number
      todayCap: number
      dailyCap: number
      startedAt: number
      /** False while the number never connected: the plan counts from the registration meanwhile. */
      connected: boolean
      /** The cap of every day of the plan (1-based), then the full cap. */
      plan: { day: number; cap: number }[]
    }

/** The warm-up plan of a session at `now`. */
export function warmupPlanView(row: SessionPacingColumns, now: number): WarmupPlanView {
  const pacing = sessionPacing(row)
  const warmup = pacing.warmup
  if (!warmup) return { state: 'off', dailyCap: row.dailyCap }
  const day = warmupDay(warmup, now, pacing.timeZone)
  const plan = Array.from({ length: warmup.days }, (_, d) => ({
    day: d + 1,
    cap: warmupCap(warmup, row.dailyCap, d),
  }))
  return {
    state: day >= warmup.days || warmup.startCap >= row.dailyCap ? 'done' : 'running',
    day: day + 1,
    days: warmup.days,
    todayCap: dailyCapOn(pacing, now),
    dailyCap: row.dailyCap,
    startedAt: warmup.startedAt,
    connected: row.firstConnectedAt !== null,
    plan,
  }
}
