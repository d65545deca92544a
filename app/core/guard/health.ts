// The health of one WhatsApp number (a WAHA session): a score 0–100, a state and the reasons, from
// the counts the engine measured over a short and a long sliding window (decision 017). Pure: no
// D1, Remix or Hono; the UI imports it to show states and reasons, the engine to decide what to do
// (`healthAction`, ./actions.ts). The per-hour history is kept with ./history.ts.
import {
  assertHealthConfig,
  DEFAULT_HEALTH_CONFIG,
  type HealthConfig,
  SIGNAL_CODES,
  type SignalCode,
} from './config'
import { NEEDS_PAIRING } from './evidence'
import {
  type CountProblem,
  type HealthCounts,
  type SignalReading,
  sanitizeWindows,
  windowHours,
  worstReading,
} from './signals'

import {
  BLOCK_KINDS,
  type BlockKind,
  type HealthReason,
  type HealthState,
  isBetter,
  worseState,
} from './states'

export * from './actions'
export * from './config'
export * from './evidence'
export * from './history'
export * from './signals'
export * from './states'

export interface HealthInput {
  windows: { short: HealthCounts; long: HealthCounts }
  /** The session's WAHA status now (waha_sessions.status). */
  status: string
  /** The number had worked before (waha_sessions.last_connected_at IS NOT NULL). */
  everConnected?: boolean
  /**
   * Evidence from the engine that WhatsApp cut the number off and that no person has released yet:
   * `loggedOut` (the device was unlinked), `banned` (WhatsApp says the account may not use it),
   * `refused` (WhatsApp refused the pairing or the connection). Null when there is none.
   */
  block?: { kind: BlockKind; at: number } | null
  /** The state stored for the previous assessment (for hysteresis); null for a new number. */
  previous?: HealthState | null
}

export interface HealthAssessment {
  /** 0–100, integer; 0 when blocked. */
  score: number
  state: HealthState
  /** The state from the score and the hard rules alone, before hysteresis. */
  rawState: HealthState
  /** Worst first. Empty when the number is healthy. */
  reasons: HealthReason[]
  /** Every signal as judged (the window that decided it). */
  signals: Record<SignalCode, SignalReading>
  /** What was wrong with the counts handed in (corrected before judging); for the engine's log. */
  countProblems: CountProblem[]
}

function bandOf(score: number, c: HealthConfig, margin = 0): HealthState {
  if (score >= c.bands.healthyMin + margin) return 'saudavel'
  if (score >= c.bands.attentionMin + margin) return 'atencao'
  return 'em_risco'
}

function reasonFor(r: SignalReading, c: HealthConfig): HealthReason {
  const hours = windowHours(c, r.window)
  if (r.code === 'reachOutLimit' || r.code === 'rateLimited' || r.code === 'flaps') {
    return { code: r.code, params: { count: r.count, hours } }
  }
  const params: Record<string, number> = {
    percent: Math.round(r.observed * 100),
    count: r.count,
    total: r.total,
    hours,
  }
  if (r.code === 'serverStuck' || r.code === 'lowReplies') params.minutes = c.windows.serverAfterMinutes
  if (r.code === 'notDelivered') params.minutes = c.windows.deliveryAfterMinutes
  if (r.code === 'pendingStuck') params.minutes = c.windows.pendingAfterMinutes
  return { code: r.code, params }
}

function blockOf(input: HealthInput): BlockKind | null {
  if (input.block)
    return (BLOCK_KINDS as readonly string[]).includes(input.block.kind) ? input.block.kind : 'refused'
  if (input.everConnected && (NEEDS_PAIRING as readonly string[]).includes(input.status)) return 'loggedOut'
  return null
}

/**
 * Assesses one number. Deterministic: the same input and config give the same result. Counts that
 * do not add up are corrected (see `sanitizeWindows`) and reported in `countProblems`; a config
 * that `resolveHealthConfig` would refuse throws HealthConfigError.
 */
export function assessHealth(
  input: HealthInput,
  config: HealthConfig = DEFAULT_HEALTH_CONFIG,
): HealthAssessment {
  const c = assertHealthConfig(config)
  const { short, long, problems } = sanitizeWindows(input.windows ?? {})
  const signals = Object.fromEntries(
    SIGNAL_CODES.map((code) => [code, worstReading(code, { short, long }, c)]),
  ) as Record<SignalCode, SignalReading>
  const penalty = SIGNAL_CODES.reduce((sum, code) => sum + signals[code].penalty, 0)
  const alarming = SIGNAL_CODES.map((code) => signals[code])
    .filter((r) => r.level !== 'ok')
    .sort((a, b) => b.penalty - a.penalty || SIGNAL_CODES.indexOf(a.code) - SIGNAL_CODES.indexOf(b.code))
  const reasons = alarming.map((r) => reasonFor(r, c))

  const block = blockOf(input)
  if (block) {
    return {
      score: 0,
      state: 'bloqueado',
      rawState: 'bloqueado',
      reasons: [{ code: block, params: {} }, ...reasons],
      signals,
      countProblems: problems,
    }
  }

  const score = Math.max(0, Math.min(100, Math.round(100 - penalty)))
  // Hard rules: WAHA's guidance is to stop at the first 463/475; a rate limit always slows down.
  let floor: HealthState = 'saudavel'
  if (signals.reachOutLimit.level !== 'ok') floor = 'em_risco'
  else if (signals.rateLimited.level !== 'ok') floor = 'atencao'
  const raw = bandOf(score, c)
  const rawState = worseState(raw, floor)

  // Climbing back to a better band needs `hysteresis` more points than falling did.
  let banded = raw
  const previous = input.previous
  if ((previous === 'atencao' || previous === 'em_risco') && isBetter(raw, previous)) {
    const strict = bandOf(score, c, c.bands.hysteresis)
    banded = isBetter(strict, previous) ? strict : previous
  }
  const state = worseState(banded, floor)
  if (state !== rawState) {
    const needed = (state === 'atencao' ? c.bands.healthyMin : c.bands.attentionMin) + c.bands.hysteresis
    reasons.push({ code: 'hysteresis', params: { score, needed } })
  }
  return { score, state, rawState, reasons, signals, countProblems: problems }
}
