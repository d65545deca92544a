// Settings of the number health model (decision 017): windows, sampling, score bands, per-signal
// thresholds and weights, and how the engine reacts. Every default is explained in
// docs/decisions/017-number-health-model.md. Durations are in minutes (hours for the ramp and the
// history) so that a settings form can show them as typed; the model converts them to ms.
import { guardMessages } from '../../i18n/messages/guard'

/** Every signal the model scores, in the order reasons are listed when their penalties tie. */
export const SIGNAL_CODES = [
  'reachOutLimit',
  'serverStuck',
  'notDelivered',
  'optOuts',
  'flaps',
  'ackErrors',
  'rateLimited',
  'pendingStuck',
  'lowReplies',
  'firstContacts',
  'identicalTexts',
] as const
/** A scored signal. */
export type SignalCode = (typeof SIGNAL_CODES)[number]

/** Signals measured as a share of a sample (0–1); the others are counts of events. */
export const RATE_SIGNALS: readonly SignalCode[] = [
  'serverStuck',
  'notDelivered',
  'optOuts',
  'ackErrors',
  'pendingStuck',
  'lowReplies',
  'firstContacts',
  'identicalTexts',
]
/** The one signal where LOW is bad (the reply rate): its critical threshold sits below its warning one. */
export const LOW_IS_BAD: readonly SignalCode[] = ['lowReplies']

/**
 * When a signal starts to cost points and how many. For rates, `warn` and `critical` are shares
 * (0.05 = 5 %); for counts, numbers of events. Penalty: 0 up to half of `warn` (twice `warn` for
 * low-is-bad), rising to 40 % of `weight` at `warn` and to all of `weight` at `critical`.
 */
interface SignalThresholds {
  warn: number
  critical: number
  /** Points (of 100) the signal takes away at `critical`. */
  weight: number
}

export interface HealthConfig {
  windows: {
    /** The short window: reacts to a sudden spike that a day of sends would dilute. */
    shortMinutes: number
    /** The long window: enough sample for rare events (opt-outs, replies) and every count signal. */
    longMinutes: number
    /** A send still at one tick (SERVER) this long after it left counts as stuck. */
    serverAfterMinutes: number
    /**
     * The fast delivery check: of the short window's sends at least this old, the share still at one
     * tick (`notDelivered`). Minutes rather than an hour, so a number whose messages stopped arriving
     * is seen while a careless campaign is still running, not after it banned the number.
     */
    deliveryAfterMinutes: number
    /** An attempt with no confirmed outcome this long after it started counts as pending for good. */
    pendingAfterMinutes: number
  }
  sampling: {
    /** Below this many messages in a window a rate signal is not judged at all. */
    minSample: number
    /** z of the Wilson bound (1.645 = one-sided 95 %). */
    confidenceZ: number
  }
  bands: {
    /** Score at or above which a number is `saudavel`. */
    healthyMin: number
    /** Score at or above which a number is `atencao` (below: `em_risco`). */
    attentionMin: number
    /** Extra points a number needs to climb back to a better band (hysteresis). */
    hysteresis: number
  }
  signals: Record<SignalCode, SignalThresholds>
  actions: {
    /** `atencao`: gaps between messages are multiplied by this. */
    slowGapMultiplier: number
    /** `atencao`: the per-minute cap is divided by this (rounded down, at least 1). */
    slowPerMinuteDivisor: number
    /**
     * `atencao`: the gaps are never shorter than this (the longest gap at least twice it), whatever
     * the number's own pacing: doubling a gap of 0 s slows nothing down.
     */
    slowMinDelaySeconds: number
    /** `em_risco`: first cool-down. */
    cooldownMinutes: number
    /** Longest cool-down after escalation. */
    cooldownMaxMinutes: number
    /** Each earlier guard pause within `escalationWindowMinutes` multiplies the cool-down by this. */
    cooldownEscalation: number
    escalationWindowMinutes: number
    /** Hours of the ramp after a cool-down (0 = resume at full pace). */
    rampHours: number
    /** Messages allowed in the first ramp hour. */
    rampStartPerHour: number
    /** Each ramp hour allows this many times the previous one. */
    rampGrowth: number
    /** A number stays slowed down at least this long before it may return to `saudavel`. */
    minAttentionMinutes: number
  }
  /** Hours of hourly assessments kept per number. */
  historyHours: number
}

/** The defaults (decision 017 says where each comes from). Frozen: resolve a copy to change them. */
export const DEFAULT_HEALTH_CONFIG: HealthConfig = deepFreeze({
  windows: {
    shortMinutes: 60,
    longMinutes: 24 * 60,
    serverAfterMinutes: 60,
    deliveryAfterMinutes: 3,
    pendingAfterMinutes: 10,
  },
  sampling: { minSample: 20, confidenceZ: 1.645 },
  bands: { healthyMin: 80, attentionMin: 50, hysteresis: 10 },
  signals: {
    reachOutLimit: { warn: 1, critical: 1, weight: 60 },
    serverStuck: { warn: 0.3, critical: 0.5, weight: 55 },
    notDelivered: { warn: 0.6, critical: 0.85, weight: 55 },
    optOuts: { warn: 0.01, critical: 0.03, weight: 55 },
    flaps: { warn: 2, critical: 4, weight: 55 },
    ackErrors: { warn: 0.03, critical: 0.1, weight: 40 },
    rateLimited: { warn: 1, critical: 3, weight: 35 },
    pendingStuck: { warn: 0.05, critical: 0.2, weight: 35 },
    lowReplies: { warn: 0.03, critical: 0.01, weight: 15 },
    firstContacts: { warn: 0.8, critical: 0.98, weight: 15 },
    identicalTexts: { warn: 0.3, critical: 0.8, weight: 15 },
  },
  actions: {
    slowGapMultiplier: 2,
    slowPerMinuteDivisor: 2,
    slowMinDelaySeconds: 30,
    cooldownMinutes: 6 * 60,
    cooldownMaxMinutes: 48 * 60,
    cooldownEscalation: 2,
    escalationWindowMinutes: 7 * 24 * 60,
    rampHours: 6,
    rampStartPerHour: 10,
    rampGrowth: 1.5,
    minAttentionMinutes: 120,
  },
  historyHours: 7 * 24,
})

function deepFreeze<T extends object>(value: T): T {
  for (const v of Object.values(value)) if (typeof v === 'object' && v !== null) deepFreeze(v)
  return Object.freeze(value)
}

// ---------------------------------------------------------------------------------------------
// Validation

/** What is wrong with one setting: the field path, an i18n key with its values, and the pt-BR text. */
export interface HealthConfigProblem {
  field: string
  key: string
  params: Record<string, string | number>
  message: string
}

type Rule = { min: number; max: number; integer?: boolean }
const MINUTES_IN_WEEK = 7 * 24 * 60

const RULES: Record<string, Rule> = {
  'windows.shortMinutes': { min: 5, max: 24 * 60, integer: true },
  'windows.longMinutes': { min: 15, max: MINUTES_IN_WEEK, integer: true },
  'windows.serverAfterMinutes': { min: 1, max: 24 * 60, integer: true },
  'windows.deliveryAfterMinutes': { min: 1, max: 60, integer: true },
  'windows.pendingAfterMinutes': { min: 1, max: 24 * 60, integer: true },
  'sampling.minSample': { min: 1, max: 10_000, integer: true },
  'sampling.confidenceZ': { min: 0, max: 4 },
  'bands.healthyMin': { min: 1, max: 100, integer: true },
  'bands.attentionMin': { min: 1, max: 99, integer: true },
  'bands.hysteresis': { min: 0, max: 30, integer: true },
  'actions.slowGapMultiplier': { min: 1, max: 10 },
  'actions.slowPerMinuteDivisor': { min: 1, max: 10 },
  'actions.slowMinDelaySeconds': { min: 0, max: 600, integer: true },
  'actions.cooldownMinutes': { min: 10, max: MINUTES_IN_WEEK, integer: true },
  'actions.cooldownMaxMinutes': { min: 10, max: 30 * 24 * 60, integer: true },
  'actions.cooldownEscalation': { min: 1, max: 10 },
  'actions.escalationWindowMinutes': { min: 60, max: 30 * 24 * 60, integer: true },
  'actions.rampHours': { min: 0, max: 72, integer: true },
  'actions.rampStartPerHour': { min: 1, max: 1000, integer: true },
  'actions.rampGrowth': { min: 1, max: 10 },
  'actions.minAttentionMinutes': { min: 0, max: 48 * 60, integer: true },
  historyHours: { min: 24, max: 90 * 24, integer: true },
}
const RATE_RULE: Rule = { min: 0, max: 1 }
const COUNT_RULE: Rule = { min: 1, max: 1000, integer: true }
const WEIGHT_RULE: Rule = { min: 0, max: 100, integer: true }

const PT: Record<string, string> = guardMessages['pt-BR']

function problem(
  field: string,
  key: string,
  params: Record<string, string | number> = {},
): HealthConfigProblem {
  const template = PT[key] ?? key
  const message = template.replace(/\{(\w+)\}/g, (m, name: string) =>
    name in params ? String(params[name]) : m,
  )
  return { field, key, params, message }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

function ruleFor(path: string): Rule | null {
  const m = /^signals\.(\w+)\.(warn|critical|weight)$/.exec(path)
  if (!m) return RULES[path] ?? null
  if (m[2] === 'weight') return WEIGHT_RULE
  return RATE_SIGNALS.includes(m[1] as SignalCode) ? RATE_RULE : COUNT_RULE
}

/** Merges `input` over the defaults, collecting a problem for every unknown field or bad value. */
function mergeChecked(input: unknown): { config: HealthConfig; problems: HealthConfigProblem[] } {
  const problems: HealthConfigProblem[] = []
  const config = structuredClone(DEFAULT_HEALTH_CONFIG)
  const walk = (given: unknown, target: Record<string, unknown>, prefix: string) => {
    if (!isPlainObject(given)) {
      problems.push(problem(prefix || 'config', 'guard.config.notGroup'))
      return
    }
    for (const [name, value] of Object.entries(given)) {
      const path = prefix ? `${prefix}.${name}` : name
      if (!(name in target)) {
        problems.push(problem(path, 'guard.config.unknown'))
        continue
      }
      if (value === undefined) continue
      const current = target[name]
      if (isPlainObject(current)) {
        walk(value, current, path)
        continue
      }
      const rule = ruleFor(path)
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        problems.push(problem(path, 'guard.config.notNumber'))
      } else if (rule?.integer && !Number.isInteger(value)) {
        problems.push(problem(path, 'guard.config.notInteger'))
      } else if (rule && (value < rule.min || value > rule.max)) {
        problems.push(problem(path, 'guard.config.range', { min: rule.min, max: rule.max }))
      } else {
        target[name] = value
      }
    }
  }
  if (input !== undefined && input !== null) walk(input, config as unknown as Record<string, unknown>, '')
  return { config, problems }
}

/** Rules between fields, checked on the merged config (fields already in range). */
function crossFieldProblems(c: HealthConfig, skip: ReadonlySet<string>): HealthConfigProblem[] {
  const out: HealthConfigProblem[] = []
  const add = (field: string, key: string, params: Record<string, string | number>) => {
    if (!skip.has(field)) out.push(problem(field, key, params))
  }
  const w = c.windows
  if (w.shortMinutes >= w.longMinutes)
    add('windows.shortMinutes', 'guard.config.shortBelowLong', { long: w.longMinutes })
  if (w.serverAfterMinutes >= w.longMinutes)
    add('windows.serverAfterMinutes', 'guard.config.belowLong', { long: w.longMinutes })
  if (w.deliveryAfterMinutes >= w.shortMinutes)
    add('windows.deliveryAfterMinutes', 'guard.config.belowShort', { short: w.shortMinutes })
  if (w.pendingAfterMinutes >= w.longMinutes)
    add('windows.pendingAfterMinutes', 'guard.config.belowLong', { long: w.longMinutes })
  const b = c.bands
  if (b.attentionMin >= b.healthyMin)
    add('bands.attentionMin', 'guard.config.attentionBelowHealthy', { healthy: b.healthyMin })
  if (b.healthyMin + b.hysteresis > 100)
    add('bands.hysteresis', 'guard.config.hysteresisTooBig', { max: 100 - b.healthyMin })
  for (const code of SIGNAL_CODES) {
    const { warn, critical } = c.signals[code]
    const field = `signals.${code}.critical`
    if (LOW_IS_BAD.includes(code)) {
      if (critical >= warn) add(field, 'guard.config.criticalBelowWarn', { warn })
    } else if (RATE_SIGNALS.includes(code)) {
      if (critical <= warn) add(field, 'guard.config.criticalAboveWarn', { warn })
    } else if (critical < warn) {
      add(field, 'guard.config.criticalAtLeastWarn', { warn })
    }
  }
  const a = c.actions
  if (a.cooldownMaxMinutes < a.cooldownMinutes) {
    add('actions.cooldownMaxMinutes', 'guard.config.cooldownMaxBelow', { min: a.cooldownMinutes })
  }
  return out
}

/**
 * Checks a partial health config (anything a form or stored JSON may hold) merged over the defaults.
 * Returns one problem per bad field, with a pt-BR message that says what to fix; empty when valid.
 */
export function validateHealthConfig(input: unknown): HealthConfigProblem[] {
  const { config, problems } = mergeChecked(input)
  const bad = new Set(problems.map((p) => p.field))
  return [...problems, ...crossFieldProblems(config, bad)]
}

/** The full config for `input` (defaults for what it leaves out), or its problems. */
export function resolveHealthConfig(
  input?: unknown,
): { ok: true; config: HealthConfig } | { ok: false; problems: HealthConfigProblem[] } {
  const { config, problems } = mergeChecked(input)
  const all = [...problems, ...crossFieldProblems(config, new Set(problems.map((p) => p.field)))]
  return all.length > 0 ? { ok: false, problems: all } : { ok: true, config }
}

/** Thrown by the model when handed a config that resolveHealthConfig would refuse (a programming error). */
export class HealthConfigError extends Error {
  override name = 'HealthConfigError'
  constructor(readonly problems: HealthConfigProblem[]) {
    super(`Configuração de saúde inválida: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`)
  }
}

const checked = new WeakSet<HealthConfig>([DEFAULT_HEALTH_CONFIG])

/** Throws HealthConfigError unless `config` is complete and valid (each object checked once). */
export function assertHealthConfig(config: HealthConfig): HealthConfig {
  if (checked.has(config)) return config
  const problems = validateHealthConfig(config)
  if (problems.length > 0) throw new HealthConfigError(problems)
  checked.add(config)
  return config
}

export const MINUTE_MS = 60_000
export const HOUR_MS = 60 * MINUTE_MS
