// When will a campaign finish? From the effective pacing (decision 013) of the sessions that will
// actually send it (gaps, per-minute and daily caps, send windows), and, once it is sending, from the
// rate observed since it started (never from an empty window right after launch). The composer's
// review and the campaign page both ask here. Pure.

import {
  type CampaignPacingColumns,
  campaignPacing,
  effectivePacing,
  isSessionHealthy,
  type SessionPacingColumns,
  sessionPacing,
} from './effective-pacing'
import { DEFAULT_TIME_ZONE } from './pacing'
import { estimateFinish } from './pacing-estimate'

export type EstimateSession = SessionPacingColumns & {
  id: string
  status: string
  pausedUntil: number | null
  failoverEnabled: boolean
  failoverPriority: number
  displayName: string
}

/**
 * The sessions that will send a campaign now: its own that are connected, not paused and whose
 * window meets the campaign's; when none, the team's best reserve (as the router does).
 */
export function sendingSessions<S extends EstimateSession>(
  campaign: CampaignPacingColumns & { sessionIds: readonly string[] },
  teamSessions: readonly S[],
  now: number,
): { sessions: S[]; reserve: boolean } {
  const own = campaignPacing(campaign, DEFAULT_TIME_ZONE)
  const usable = teamSessions.filter(
    (s) => isSessionHealthy(s, now) && !effectivePacing(sessionPacing(s), own).windowEmpty,
  )
  const mine = campaign.sessionIds
    .map((id) => usable.find((s) => s.id === id))
    .filter((s): s is S => s !== undefined)
  if (mine.length > 0) return { sessions: mine, reserve: false }
  const reserve = usable
    .filter((s) => s.failoverEnabled && !campaign.sessionIds.includes(s.id))
    .sort((a, b) => a.failoverPriority - b.failoverPriority || a.displayName.localeCompare(b.displayName))[0]
  return reserve ? { sessions: [reserve], reserve: true } : { sessions: [], reserve: false }
}

/** What has been seen since the campaign started sending. */
export type Observed = {
  /** Rows that went out (or failed) over the last `windowMs`. */
  recent: number
  windowMs: number
  /** When sending started (the observed window never reaches before it). */
  startedAt: number | null
}

/** Below this much sending history the observed rate says little: the pacing alone decides. */
const MIN_OBSERVED_MS = 60_000
const MIN_OBSERVED_SENDS = 3

export type FinishEstimate = {
  finishAt: number | null
  durationMs: number | null
  /** How many sessions the estimate counts on. */
  sessions: number
  basis: 'pacing' | 'observed'
}

/**
 * The later of (a) the pacing estimate over the sending sessions and (b) the waiting rows at the rate
 * observed since sending started: the pacing knows windows and caps ahead, the observation knows how
 * fast WAHA, typing and failures really let it go.
 */
export function campaignFinishEstimate(input: {
  campaign: CampaignPacingColumns
  sessions: readonly SessionPacingColumns[]
  waiting: number
  now: number
  observed?: Observed | null
}): FinishEstimate {
  const { waiting, now } = input
  if (waiting <= 0) return { finishAt: now, durationMs: 0, sessions: input.sessions.length, basis: 'pacing' }
  const own = campaignPacing(input.campaign, DEFAULT_TIME_ZONE)
  const pacings = input.sessions
    .map((s) => effectivePacing(sessionPacing(s), own))
    .filter((e) => !e.windowEmpty)
  const planned = estimateFinish({ messages: waiting, sessions: pacings.map((e) => e.pacing), now })
  const base: FinishEstimate = { ...planned, sessions: pacings.length, basis: 'pacing' }
  if (planned.durationMs === null) return base
  const o = input.observed
  if (!o) return base
  // Since the start when known (right after launch the window is mostly empty), else the whole window.
  const span = Math.min(o.windowMs, o.startedAt === null ? o.windowMs : now - o.startedAt)
  if (span < MIN_OBSERVED_MS || o.recent < MIN_OBSERVED_SENDS) return base
  const observedMs = Math.round(waiting / (o.recent / span))
  if (observedMs <= planned.durationMs) return base
  return { finishAt: now + observedMs, durationMs: observedMs, sessions: pacings.length, basis: 'observed' }
}
