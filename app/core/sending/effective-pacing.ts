// The campaign's pacing on top of the session's (decision 013): for every field the stricter value
// wins, so a campaign can slow a WhatsApp number down but never push it past the number's own limits.
// Session limits count every message the number sends; a campaign's limits count that campaign's
// messages on that number. The sender loop keeps both "tracks" and sends a campaign's next message at
// the first instant both allow. Pure: the Durable Object, the composer and the estimate all use it.

import { campaigns } from '../../../db/schema'
import {
  DEFAULT_TIME_ZONE,
  dailyCapOn,
  nextSendAt,
  type Pacing,
  type RestPackages,
  type SendHistory,
  type SendWindow,
} from './pacing'
import { sameLocalDay } from './time-zone'

/** A campaign's stored pacing columns (null: the campaign does not restrict that field). */
export type CampaignPacingColumns = {
  minDelayS: number | null
  maxDelayS: number | null
  maxPerMinute: number | null
  dailyCap: number | null
  window: SendWindow | null
  packageMin: number | null
  packageMax: number | null
  restMinMin: number | null
  restMaxMin: number | null
}

/** The campaign columns a pacing needs, for a drizzle `select`. */
export const CAMPAIGN_PACING_COLUMNS = {
  minDelayS: campaigns.minDelayS,
  maxDelayS: campaigns.maxDelayS,
  maxPerMinute: campaigns.maxPerMinute,
  dailyCap: campaigns.dailyCap,
  window: campaigns.window,
  packageMin: campaigns.packageMin,
  packageMax: campaigns.packageMax,
  restMinMin: campaigns.restMinMin,
  restMaxMin: campaigns.restMaxMin,
}

/** A session's stored pacing columns. */
export type SessionPacingColumns = {
  minDelayS: number
  maxDelayS: number
  maxPerMinute: number
  dailyCap: number
  windowDays: string
  windowStartMin: number
  windowEndMin: number
  packageMin: number
  packageMax: number
  restMinMin: number
  restMaxMin: number
  warmupEnabled: boolean
  warmupStartCap: number
  warmupDays: number
  firstConnectedAt: number | null
  createdAt: number
}

/** Rest packages from stored columns; null when off (no package size). */
function restOf(c: {
  packageMin: number | null
  packageMax: number | null
  restMinMin: number | null
  restMaxMin: number | null
}): RestPackages | null {
  if (!c.packageMin || !c.packageMax || c.packageMax <= 0) return null
  return {
    packageMin: c.packageMin,
    packageMax: Math.max(c.packageMin, c.packageMax),
    restMinMinutes: c.restMinMin ?? 0,
    restMaxMinutes: Math.max(c.restMinMin ?? 0, c.restMaxMin ?? 0),
  }
}

/** Builds the session's pacing from its row (the send window is in São Paulo time). */
export function sessionPacing(row: SessionPacingColumns): Pacing {
  const days = row.windowDays
    .split(',')
    .map((d) => Number(d))
    .filter((d) => Number.isInteger(d) && d >= 0 && d <= 6)
  return {
    minDelayS: row.minDelayS,
    maxDelayS: row.maxDelayS,
    maxPerMinute: row.maxPerMinute,
    dailyCap: row.dailyCap,
    window: { days, startMinute: row.windowStartMin, endMinute: row.windowEndMin },
    timeZone: DEFAULT_TIME_ZONE,
    rest: restOf(row),
    warmup: row.warmupEnabled
      ? {
          startCap: row.warmupStartCap,
          days: row.warmupDays,
          startedAt: row.firstConnectedAt ?? row.createdAt,
        }
      : null,
  }
}

/** True when the router may hand new work to this session now. */
export function isSessionHealthy(row: { status: string; pausedUntil: number | null }, now: number): boolean {
  return row.status === 'WORKING' && (row.pausedUntil === null || row.pausedUntil <= now)
}

const PACING_FIELDS = ['delay', 'maxPerMinute', 'dailyCap', 'window', 'rest'] as const
type PacingField = (typeof PACING_FIELDS)[number]
/** Who set the value that applies: the session, the campaign, or both agree. */
export type PacingSource = 'session' | 'campaign' | 'both'

/** The campaign's own pacing track, or null when it restricts nothing. */
export function campaignPacing(c: CampaignPacingColumns, timeZone: string): Pacing | null {
  const rest = restOf(c)
  if (
    c.minDelayS === null &&
    c.maxDelayS === null &&
    c.maxPerMinute === null &&
    c.dailyCap === null &&
    !c.window &&
    !rest
  )
    return null
  const min = c.minDelayS ?? 0
  return {
    minDelayS: min,
    maxDelayS: Math.max(min, c.maxDelayS ?? min),
    maxPerMinute: c.maxPerMinute ?? Number.POSITIVE_INFINITY,
    dailyCap: c.dailyCap ?? Number.POSITIVE_INFINITY,
    window: c.window,
    timeZone,
    rest,
  }
}

/** Stricter of two rest settings: the smaller package and the longer rest; either alone applies. */
function stricterRest(
  a: RestPackages | null | undefined,
  b: RestPackages | null | undefined,
): RestPackages | null {
  if (!a) return b ?? null
  if (!b) return a
  return {
    packageMin: Math.min(a.packageMin, b.packageMin),
    packageMax: Math.min(a.packageMax, b.packageMax),
    restMinMinutes: Math.max(a.restMinMinutes, b.restMinMinutes),
    restMaxMinutes: Math.max(a.restMaxMinutes, b.restMaxMinutes),
  }
}

/** Days and hours both windows allow (null means "always"); empty when they never meet. */
export function intersectWindows(a: SendWindow | null, b: SendWindow | null): SendWindow | null {
  if (!a) return b
  if (!b) return a
  return {
    days: a.days.filter((d) => b.days.includes(d)),
    startMinute: Math.max(a.startMinute, b.startMinute),
    endMinute: Math.min(a.endMinute, b.endMinute),
  }
}

function isEmptyWindow(w: SendWindow | null): boolean {
  return w !== null && (w.days.length === 0 || w.startMinute >= w.endMinute)
}

function source(
  sessionValue: number,
  campaignValue: number | undefined,
  stricter: (a: number, b: number) => number,
): PacingSource {
  if (campaignValue === undefined || !Number.isFinite(campaignValue) || campaignValue === sessionValue) {
    return campaignValue === sessionValue ? 'both' : 'session'
  }
  return stricter(sessionValue, campaignValue) === sessionValue ? 'session' : 'campaign'
}

export type EffectivePacing = {
  /** The combined values (what a person reads: the number sends no faster than this for the campaign). */
  pacing: Pacing
  limitedBy: Record<PacingField, PacingSource>
  /** The two windows have no hour in common: this session can never send this campaign. */
  windowEmpty: boolean
}

/** The values that apply when `session` sends for a campaign with `campaign` pacing. */
export function effectivePacing(session: Pacing, campaign: Pacing | null): EffectivePacing {
  const c = campaign
  const window = intersectWindows(session.window, c?.window ?? null)
  const pacing: Pacing = {
    minDelayS: Math.max(session.minDelayS, c?.minDelayS ?? 0),
    maxDelayS: Math.max(session.maxDelayS, c?.maxDelayS ?? 0),
    maxPerMinute: Math.min(session.maxPerMinute, c?.maxPerMinute ?? Number.POSITIVE_INFINITY),
    dailyCap: Math.min(session.dailyCap, c?.dailyCap ?? Number.POSITIVE_INFINITY),
    window,
    timeZone: session.timeZone,
    rest: stricterRest(session.rest, c?.rest),
    warmup: session.warmup ?? null,
  }
  const delaySession = delaySource(session, c)
  const windowSource: PacingSource = !c?.window
    ? 'session'
    : !session.window
      ? 'campaign'
      : sameWindow(session.window, c.window)
        ? 'both'
        : sameWindow(window as SendWindow, session.window)
          ? 'session'
          : 'campaign'
  return {
    pacing,
    limitedBy: {
      delay: delaySession,
      maxPerMinute: source(session.maxPerMinute, c?.maxPerMinute, Math.min),
      dailyCap: source(session.dailyCap, c?.dailyCap, Math.min),
      window: windowSource,
      rest: restSource(session.rest ?? null, c?.rest ?? null),
    },
    windowEmpty: isEmptyWindow(window),
  }
}

function restSource(s: RestPackages | null, c: RestPackages | null): PacingSource {
  if (!c) return 'session'
  if (!s) return 'campaign'
  const merged = stricterRest(s, c)!
  const same = (x: RestPackages) =>
    x.packageMin === merged.packageMin &&
    x.packageMax === merged.packageMax &&
    x.restMinMinutes === merged.restMinMinutes &&
    x.restMaxMinutes === merged.restMaxMinutes
  return same(s) && same(c) ? 'both' : same(s) ? 'session' : 'campaign'
}

function delaySource(s: Pacing, c: Pacing | null): PacingSource {
  if (!c) return 'session'
  if (c.minDelayS === s.minDelayS && c.maxDelayS === s.maxDelayS) return 'both'
  if (c.minDelayS <= s.minDelayS && c.maxDelayS <= s.maxDelayS) return 'session'
  return 'campaign'
}

function sameWindow(a: SendWindow, b: SendWindow): boolean {
  return (
    a.startMinute === b.startMinute &&
    a.endMinute === b.endMinute &&
    a.days.length === b.days.length &&
    a.days.every((d) => b.days.includes(d))
  )
}

/** One set of limits and the sends it counts (the whole number, or one campaign on it). */
export type PacingTrack = {
  pacing: Pacing
  history: SendHistory
  /** The instant drawn for this track's next gap, if already drawn (drawn once per gap). */
  planned: number | null
  /** Resting after a package: nothing before this instant. */
  restUntil?: number | null
}

/**
 * The first instant every track allows. Each track's random gap is drawn once (returned in
 * `planned` for the caller to keep until the next send); the hard limits (per-minute cap, daily cap,
 * window) are then checked together until one instant satisfies all of them.
 */
export function earliestJointSlot(
  tracks: readonly PacingTrack[],
  now: number,
  random: () => number,
): { at: number; planned: number[] } {
  const planned = tracks.map((t) => t.planned ?? nextSendAt(t.pacing, t.history, now, random).at)
  let at = Math.max(now, ...planned, ...tracks.map((t) => t.restUntil ?? 0))
  for (let guard = 0; guard < 64; guard++) {
    let moved = false
    for (const t of tracks) {
      const { timeZone } = t.pacing
      // The day's count only holds on the day it was counted; a later instant starts a fresh day.
      const history = sameLocalDay(at, now, timeZone) ? t.history : { ...t.history, sentToday: 0 }
      // The warm-up cap of the day `at` falls on (it grows day by day).
      const pacing = {
        ...t.pacing,
        minDelayS: 0,
        maxDelayS: 0,
        dailyCap: dailyCapOn(t.pacing, at),
        warmup: null,
      }
      const hard = nextSendAt(pacing, history, at, random).at
      if (hard > at) {
        at = hard
        moved = true
      }
    }
    if (!moved) break
  }
  return { at, planned }
}

/** Where a track is in its rest packages: messages left in this package, and a rest in progress. */
export type PackageState = { left: number | null; restUntil: number | null }

const drawBetween = (min: number, max: number, random: () => number) => min + random() * (max - min)

/**
 * After one send at `at`: one message fewer in the current package (its size drawn when it starts);
 * when the package is done, a rest of a random length within the range begins.
 */
export function afterSendInPackage(
  state: PackageState,
  rest: RestPackages | null | undefined,
  at: number,
  random: () => number,
): PackageState {
  if (!rest) return { left: null, restUntil: null }
  const size = state.left ?? Math.round(drawBetween(rest.packageMin, rest.packageMax, random))
  const left = size - 1
  if (left > 0) return { left, restUntil: state.restUntil }
  const restMs = Math.round(drawBetween(rest.restMinMinutes, rest.restMaxMinutes, random) * 60_000)
  return { left: null, restUntil: at + restMs }
}
