// What the engine measures for one WhatsApp session over one window, and how each measure becomes a
// penalty. Counts come from rows (campaign_messages, the session event log, suppressions), never from
// an event stream, so a webhook delivered twice or late cannot count twice: recomputing a window
// from its rows gives the same numbers. The exact SQL-facing definitions are below and in
// docs/decisions/017-number-health-model.md; `evidenceWindows` (./evidence.ts) gives the instants.
import { type HealthConfig, HOUR_MS, LOW_IS_BAD, MINUTE_MS, RATE_SIGNALS, type SignalCode } from './config'

/**
 * One session S over one window [from, to) (`evidenceWindows` gives the instants). "Rows" are
 * campaign_messages rows with session_id = S (the tenant's own, as every query is scoped).
 */
export interface HealthCounts {
  /** Rows with sent_at in [from, to): every message WhatsApp accepted from S in the window. */
  sent: number
  /** Of `sent`: error_kind = 'ack_error' (WhatsApp answered ERROR, ack -1, after accepting it). */
  ackErrors: number
  /**
   * Of `sent`: the phone has a suppression with reason = 'opt_out' and created_at >= the row's
   * sent_at (the person asked to leave after this message: "SAIR", "PARAR"…, app/core/tracking/opt-out.ts).
   */
  optOuts: number
  /**
   * Of `sent`: no earlier row with the same tenant_id, session_id and phone_e164 has a sent_at below
   * this row's (the first time this number wrote to that person).
   */
  firstContacts: number
  /**
   * Of `sent` with rendered_text IS NOT NULL: the size of the largest group of identical
   * rendered_text (GROUP BY rendered_text ORDER BY COUNT(*) DESC LIMIT 1); 0 when none.
   */
  identicalTextMax: number
  /** Rows with sent_at in [matureFrom, matureTo): sends old enough to judge delivery and replies. */
  matured: number
  /** Of `matured`: status = 'sent' (still one tick: no DEVICE, READ or ERROR ack yet). */
  stillServer: number
  /**
   * Rows with sent_at in [freshFrom, freshTo): the short window's sends at least
   * `deliveryAfterMinutes` old (the fast delivery check; 0 on the long window).
   */
  fresh: number
  /** Of `fresh`: status = 'sent' (still one tick minutes after the send). */
  freshServer: number
  /** Of `matured`: replied_at IS NOT NULL, minus those also counted as opt-outs (a "SAIR" is a reply too). */
  replies: number
  /** Rows with sending_at in [pendingFrom, pendingTo): attempts old enough to have settled. */
  attempted: number
  /**
   * Of `attempted`: status IN ('sending', 'unknown'): WAHA never confirmed the send (the row is left
   * for reconciliation, never resent blindly). Our nearest measure of messages that never leave PENDING.
   */
  pendingStuck: number
  /**
   * Answers 463/475 (WhatsApp's reach-out limit) to S with at in [from, to): session event log rows
   * of kind 'reach_out_limit', one per send attempt (unique attempt id).
   */
  reachOutLimit: number
  /** Likewise kind 'rate_limited' (HTTP 429 or "rate-overlimit"). */
  rateLimited: number
  /** Session status changes of S in [from, to) that `countFlaps` counts (FAILED, PASSKEY_*, logged out). */
  flaps: number
}

const COUNT_FIELDS = [
  'sent',
  'ackErrors',
  'optOuts',
  'firstContacts',
  'identicalTextMax',
  'matured',
  'stillServer',
  'fresh',
  'freshServer',
  'replies',
  'attempted',
  'pendingStuck',
  'reachOutLimit',
  'rateLimited',
  'flaps',
] as const satisfies ReadonlyArray<keyof HealthCounts>

/** Fields that are a subset of another field of the same window. */
const SUBSET_OF: Partial<Record<keyof HealthCounts, keyof HealthCounts>> = {
  ackErrors: 'sent',
  optOuts: 'sent',
  firstContacts: 'sent',
  identicalTextMax: 'sent',
  stillServer: 'matured',
  freshServer: 'fresh',
  replies: 'matured',
  pendingStuck: 'attempted',
}

/** What was wrong with the counts handed in (logged by the engine; the model corrects and goes on). */
export interface CountProblem {
  window: 'short' | 'long'
  field: keyof HealthCounts
  code: 'not_a_count' | 'exceeds_base' | 'short_exceeds_long'
}

/** Zero counts (a window with no activity). */
export function emptyCounts(): HealthCounts {
  return Object.fromEntries(COUNT_FIELDS.map((f) => [f, 0])) as unknown as HealthCounts
}

function cleanWindow(
  raw: Partial<HealthCounts> | undefined,
  window: 'short' | 'long',
  problems: CountProblem[],
): HealthCounts {
  const out = emptyCounts()
  for (const field of COUNT_FIELDS) {
    const v: unknown = raw?.[field]
    if (v === undefined) continue
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || !Number.isInteger(v)) {
      problems.push({ window, field, code: 'not_a_count' })
      out[field] = typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.floor(v) : 0
    } else {
      out[field] = v
    }
  }
  for (const [field, base] of Object.entries(SUBSET_OF) as Array<[keyof HealthCounts, keyof HealthCounts]>) {
    if (out[field] > out[base]) {
      problems.push({ window, field, code: 'exceeds_base' })
      out[field] = out[base]
    }
  }
  return out
}

/**
 * Counts made safe to judge: non-counts become 0 (fractions round down), a subset never exceeds its
 * base, and the long window (which contains the short one) is raised to at least the short one.
 */
export function sanitizeWindows(windows: { short?: Partial<HealthCounts>; long?: Partial<HealthCounts> }): {
  short: HealthCounts
  long: HealthCounts
  problems: CountProblem[]
} {
  const problems: CountProblem[] = []
  const short = cleanWindow(windows.short, 'short', problems)
  const long = cleanWindow(windows.long, 'long', problems)
  for (const field of COUNT_FIELDS) {
    if (short[field] > long[field]) {
      problems.push({ window: 'long', field, code: 'short_exceeds_long' })
      long[field] = short[field]
    }
  }
  return { short, long, problems }
}

// ---------------------------------------------------------------------------------------------
// Judging one signal

/** Wilson score interval of `successes` out of `n` at `z` (n = 0 gives [0, 1]). */
export function wilsonInterval(successes: number, n: number, z: number): { lower: number; upper: number } {
  if (n <= 0) return { lower: 0, upper: 1 }
  const p = Math.min(1, Math.max(0, successes / n))
  const z2 = z * z
  const denominator = 1 + z2 / n
  const centre = p + z2 / (2 * n)
  const spread = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))
  // The bounds are exactly 0 and 1 at the edges (floating point would leave 0.9999999999999998).
  return {
    lower: p === 0 ? 0 : Math.max(0, (centre - spread) / denominator),
    upper: p === 1 ? 1 : Math.min(1, (centre + spread) / denominator),
  }
}

export type SignalLevel = 'ok' | 'warn' | 'critical'

/** One signal as judged on one window. */
export interface SignalReading {
  code: SignalCode
  window: 'short' | 'long'
  /** Numerator and sample (for count signals both are the count). */
  count: number
  total: number
  /** count / total for rates, the count for counts. */
  observed: number
  /** The value compared with the thresholds: the Wilson bound on the safe side for rates. */
  judged: number
  /** Fewer than `minSample` messages: not judged, no penalty. */
  insufficient: boolean
  level: SignalLevel
  /** Points taken from 100 (not rounded). */
  penalty: number
}

/** Penalty and level of `x` against `t` (see SignalThresholds for the shape). */
export function penaltyOf(
  x: number,
  t: { warn: number; critical: number; weight: number },
  lowIsBad = false,
): { penalty: number; level: SignalLevel } {
  const { warn, critical, weight } = t
  if (lowIsBad) {
    const okAt = Math.min(1, warn * 2)
    if (x <= critical) return { penalty: weight, level: 'critical' }
    if (x <= warn) return { penalty: weight * (0.4 + (0.6 * (warn - x)) / (warn - critical)), level: 'warn' }
    if (x < okAt) return { penalty: (weight * 0.4 * (okAt - x)) / (okAt - warn), level: 'ok' }
    return { penalty: 0, level: 'ok' }
  }
  const okAt = warn / 2
  if (x >= critical) return { penalty: weight, level: 'critical' }
  if (x >= warn) return { penalty: weight * (0.4 + (0.6 * (x - warn)) / (critical - warn)), level: 'warn' }
  if (x > okAt) return { penalty: (weight * 0.4 * (x - okAt)) / (warn - okAt), level: 'ok' }
  return { penalty: 0, level: 'ok' }
}

/** Numerator and sample of each signal in one window's counts. */
const MEASURE: Record<SignalCode, (c: HealthCounts) => [number, number]> = {
  reachOutLimit: (c) => [c.reachOutLimit, c.reachOutLimit],
  serverStuck: (c) => [c.stillServer, c.matured],
  notDelivered: (c) => [c.freshServer, c.fresh],
  optOuts: (c) => [c.optOuts, c.sent],
  flaps: (c) => [c.flaps, c.flaps],
  ackErrors: (c) => [c.ackErrors, c.sent],
  rateLimited: (c) => [c.rateLimited, c.rateLimited],
  pendingStuck: (c) => [c.pendingStuck, c.attempted],
  lowReplies: (c) => [c.replies, c.matured],
  firstContacts: (c) => [c.firstContacts, c.sent],
  identicalTexts: (c) => [c.identicalTextMax, c.sent],
}

/** Which windows judge each signal: counts and the reply rate need the long window's sample. */
const SIGNAL_WINDOWS: Record<SignalCode, ReadonlyArray<'short' | 'long'>> = {
  reachOutLimit: ['long'],
  serverStuck: ['short', 'long'],
  notDelivered: ['short'],
  optOuts: ['short', 'long'],
  flaps: ['long'],
  ackErrors: ['short', 'long'],
  rateLimited: ['long'],
  pendingStuck: ['short', 'long'],
  lowReplies: ['long'],
  firstContacts: ['short', 'long'],
  identicalTexts: ['short', 'long'],
}

/** Judges one signal on one window's counts. */
export function readSignal(
  code: SignalCode,
  window: 'short' | 'long',
  counts: HealthCounts,
  config: HealthConfig,
): SignalReading {
  const [count, total] = MEASURE[code](counts)
  const thresholds = config.signals[code]
  if (!RATE_SIGNALS.includes(code)) {
    const { penalty, level } = penaltyOf(count, thresholds)
    return { code, window, count, total, observed: count, judged: count, insufficient: false, level, penalty }
  }
  const observed = total > 0 ? count / total : 0
  const lowIsBad = LOW_IS_BAD.includes(code)
  if (total < config.sampling.minSample) {
    return {
      code,
      window,
      count,
      total,
      observed,
      judged: observed,
      insufficient: true,
      level: 'ok',
      penalty: 0,
    }
  }
  const bound = wilsonInterval(count, total, config.sampling.confidenceZ)
  const judged = lowIsBad ? bound.upper : bound.lower
  const { penalty, level } = penaltyOf(judged, thresholds, lowIsBad)
  return { code, window, count, total, observed, judged, insufficient: false, level, penalty }
}

/** The reading that decides a signal: the window with the larger penalty (the long one on ties). */
export function worstReading(
  code: SignalCode,
  windows: { short: HealthCounts; long: HealthCounts },
  config: HealthConfig,
): SignalReading {
  const readings = SIGNAL_WINDOWS[code].map((w) => readSignal(code, w, windows[w], config))
  return readings.reduceRight((worst, r) => (r.penalty > worst.penalty ? r : worst))
}

/** Hours a window spans, for the reasons' wording ("nas últimas 24 h"). */
export function windowHours(config: HealthConfig, window: 'short' | 'long'): number {
  const minutes = window === 'short' ? config.windows.shortMinutes : config.windows.longMinutes
  return Math.round((minutes * MINUTE_MS * 10) / HOUR_MS) / 10
}
