// Send pacing for one WhatsApp session: when may the next message go out? A random gap in
// [minDelayS, maxDelayS] after the previous send, never more than maxPerMinute sends in any
// 60-second window, within the send window (local time in `timeZone`, end exclusive) and under
// the daily cap (counted per local day). Clock and randomness come from the caller.

import { ptText } from '../../i18n'
import { type MessageCode, type Text, text } from '../../i18n/text'
import { fromLocalTime, isValidTimeZone, nextLocalMidnight, sameLocalDay, toLocalTime } from './time-zone'

/** Days and minutes of the local day when sending is allowed; end exclusive, start < end. */
export interface SendWindow {
  /** 0 = Sunday .. 6 = Saturday */
  days: number[]
  startMinute: number
  endMinute: number
}

/** Send in packages of [packageMin, packageMax] messages, then rest [restMinMinutes, restMaxMinutes]. */
export interface RestPackages {
  packageMin: number
  packageMax: number
  restMinMinutes: number
  restMaxMinutes: number
}

/** A new number's daily cap starts at startCap and grows day by day to the configured cap over `days`. */
interface WarmupPlan {
  startCap: number
  days: number
  /** The number's first connection in Disparo: day 0 of the plan. */
  startedAt: number
}

/** Pacing settings of one session (or a campaign override). */
export interface Pacing {
  minDelayS: number
  maxDelayS: number
  maxPerMinute: number
  dailyCap: number
  window: SendWindow | null
  timeZone: string
  /** Rest packages (null or absent: none). */
  rest?: RestPackages | null
  /** Warm-up of a new number (sessions only; null or absent: none). */
  warmup?: WarmupPlan | null
}

const DAY_MS = 24 * 60 * 60 * 1000

/** Day of the warm-up plan that instant `ms` falls on (0 = the day of the first connection). */
export function warmupDay(plan: WarmupPlan, ms: number, timeZone: string): number {
  if (ms <= plan.startedAt) return 0
  const start = toLocalTime(plan.startedAt, timeZone)
  const day = toLocalTime(ms, timeZone)
  const a = Date.UTC(start.year, start.month - 1, start.day)
  const b = Date.UTC(day.year, day.month - 1, day.day)
  return Math.max(0, Math.round((b - a) / DAY_MS))
}

/**
 * The warm-up cap on plan day `day`: geometric growth from startCap to the full cap over `days` days
 * (each day about the same percentage more than the day before), then the full cap.
 */
export function warmupCap(plan: Pick<WarmupPlan, 'startCap' | 'days'>, fullCap: number, day: number): number {
  if (plan.days <= 0 || day >= plan.days || plan.startCap >= fullCap) return fullCap
  const growth = (fullCap / plan.startCap) ** (1 / plan.days)
  return Math.max(1, Math.min(fullCap, Math.floor(plan.startCap * growth ** day)))
}

/** The daily cap that holds on the local day containing `ms` (the warm-up's, while it lasts). */
export function dailyCapOn(pacing: Pacing, ms: number): number {
  if (!pacing.warmup) return pacing.dailyCap
  return warmupCap(pacing.warmup, pacing.dailyCap, warmupDay(pacing.warmup, ms, pacing.timeZone))
}

/** What the session has already sent. */
export interface SendHistory {
  /** Send instants (ms) of at least the last 60 seconds, any order. */
  recentSends: readonly number[]
  /** Messages sent so far on the local day of `now`. */
  sentToday: number
  /** Last send instant, when it may be older than recentSends covers. */
  lastSendAt?: number | null
}

/** Why the next send waits until `at`. */
export type PacingReason = 'delay' | 'per_minute_cap' | 'daily_cap' | 'window'

/**
 * The pacing a new session starts with, and what a campaign shows and uses where it sets none (the
 * session form, the composer's defaults, the review). The session columns' defaults in
 * db/tables/integrations.ts are the same numbers (the schema does not import app code).
 */
export const PACING_DEFAULTS = {
  minDelayS: 30,
  maxDelayS: 60,
  maxPerMinute: 10,
  dailyCap: 500,
  window: { days: [1, 2, 3, 4, 5, 6], startMinute: 8 * 60, endMinute: 20 * 60 },
} as const

/** Default time zone of every tenant. */
export const DEFAULT_TIME_ZONE = 'America/Sao_Paulo'
const MINUTE = 60_000

/** True when instant `ms` is inside the send window (always true without a window). */
export function isInsideWindow(ms: number, window: SendWindow | null, timeZone: string): boolean {
  if (!window || isAlwaysOpen(window)) return true
  const local = toLocalTime(ms, timeZone)
  return (
    window.days.includes(local.weekday) &&
    local.minuteOfDay >= window.startMinute &&
    local.minuteOfDay < window.endMinute
  )
}

/** Every day, all day: no time-zone arithmetic needed (the hot path of the sender). */
function isAlwaysOpen(window: SendWindow): boolean {
  return (
    window.startMinute <= 0 &&
    window.endMinute >= 1440 &&
    [0, 1, 2, 3, 4, 5, 6].every((d) => window.days.includes(d))
  )
}

/** The first instant at or after `ms` inside the window (ms itself when already inside). */
export function nextWindowOpening(ms: number, window: SendWindow | null, timeZone: string): number {
  if (!window || isInsideWindow(ms, window, timeZone)) return ms
  const local = toLocalTime(ms, timeZone)
  for (let offset = 0; offset <= 7; offset++) {
    if (offset === 0 && local.minuteOfDay >= window.startMinute) continue
    const opening = fromLocalTime(local, window.startMinute, timeZone, offset)
    if (opening > ms && window.days.includes(toLocalTime(opening, timeZone).weekday)) return opening
  }
  throw new Error(ptText('pacing.errors.windowNoDay'))
}

function perMinuteEarliest(t: number, sends: readonly number[], maxPerMinute: number): number {
  const inWindow = sends.filter((s) => s > t - MINUTE && s <= t).sort((a, b) => a - b)
  const excess = inWindow.length - (maxPerMinute - 1)
  if (excess <= 0) return t
  return (inWindow[excess - 1] as number) + MINUTE
}

/** When the next message may be sent, and the constraint that decided it. */
export function nextSendAt(
  pacing: Pacing,
  history: SendHistory,
  now: number,
  random: () => number,
): { at: number; reason: PacingReason } {
  const { timeZone } = pacing
  const sends = history.recentSends
  let last = history.lastSendAt ?? null
  for (const s of sends) if (last === null || s > last) last = s
  const gapMs = Math.round((pacing.minDelayS + random() * (pacing.maxDelayS - pacing.minDelayS)) * 1000)
  let at = last === null ? now : Math.max(now, last + gapMs)
  let reason: PacingReason = 'delay'

  for (let guard = 0; guard < 32; guard++) {
    const capped = perMinuteEarliest(at, sends, pacing.maxPerMinute)
    if (capped > at) {
      at = capped
      if (reason === 'delay') reason = 'per_minute_cap'
    }
    if (history.sentToday >= dailyCapOn(pacing, now) && sameLocalDay(at, now, timeZone)) {
      at = nextLocalMidnight(now, timeZone)
      reason = 'daily_cap'
    }
    const opened = nextWindowOpening(at, pacing.window, timeZone)
    if (opened === at) return { at, reason }
    at = opened
    if (reason !== 'daily_cap') reason = 'window'
  }
  return { at, reason }
}

/** A pacing validation problem: the field path, what to fix (`pacing.errors.*`) and its pt-BR `message`. */
export interface PacingProblem {
  field: string
  text: Text
  message: string
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v)
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)

/** Checks pacing settings; returns the problems (empty when valid). */
export function validatePacing(input: Partial<Pacing>): PacingProblem[] {
  const problems: PacingProblem[] = []
  const add = (field: string, code: MessageCode) => {
    const t = text(code)
    problems.push({ field, text: t, message: ptText(t) })
  }
  const { minDelayS, maxDelayS, maxPerMinute, dailyCap, window, timeZone } = input
  if (!isNum(minDelayS) || minDelayS < 0) add('minDelayS', 'pacing.errors.minDelay')
  if (!isNum(maxDelayS) || maxDelayS < 0) add('maxDelayS', 'pacing.errors.maxDelay')
  else if (isNum(minDelayS) && minDelayS >= 0 && minDelayS > maxDelayS) {
    add('maxDelayS', 'pacing.errors.delayOrder')
  }
  if (!isInt(maxPerMinute) || maxPerMinute < 1 || maxPerMinute > 60) {
    add('maxPerMinute', 'pacing.errors.perMinute')
  }
  if (!isInt(dailyCap) || dailyCap < 1) add('dailyCap', 'pacing.errors.dailyCap')
  if (typeof timeZone !== 'string' || !isValidTimeZone(timeZone)) add('timeZone', 'pacing.errors.timeZone')
  if (window) {
    const { days, startMinute, endMinute } = window
    if (!Array.isArray(days) || days.length === 0) add('window.days', 'pacing.errors.noDay')
    else if (!days.every((d) => isInt(d) && d >= 0 && d <= 6)) add('window.days', 'pacing.errors.badDays')
    const startOk = isInt(startMinute) && startMinute >= 0 && startMinute < 1440
    const endOk = isInt(endMinute) && endMinute > 0 && endMinute <= 1440
    if (!startOk) add('window.startMinute', 'pacing.errors.start')
    if (!endOk) add('window.endMinute', 'pacing.errors.end')
    if (startOk && endOk && startMinute >= endMinute) add('window.endMinute', 'pacing.errors.endOrder')
  }
  return problems
}
