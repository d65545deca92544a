// What the engine does when a number's health changes (decision 017): `atencao` slows it down,
// `em_risco` pauses it for a cool-down and hands its backlog to healthy numbers, after the cool-down
// it resumes on a ramp, and `bloqueado` stops it until a person releases it. Time-based hysteresis
// keeps a number from flapping: a cool-down is never cut short, a slowed number stays slowed for a
// minimum time, and a ramp runs to its end even when the number looks healthy again.
import { assertHealthConfig, DEFAULT_HEALTH_CONFIG, type HealthConfig, HOUR_MS, MINUTE_MS } from './config'
import { type HealthState, isHealthState } from './states'

/** `atencao`: gaps × gapMultiplier, per-minute cap ÷ perMinuteDivisor. */
export interface SlowDown {
  gapMultiplier: number
  perMinuteDivisor: number
  /** The shortest gap while slowed (s; the longest gap at least twice it). Absent: no floor. */
  minDelayS?: number
}

/** A resume on a ramp: at most caps[h] messages in hour h after startedAt; normal pace after endsAt. */
export interface Ramp {
  startedAt: number
  endsAt: number
  caps: number[]
}

export type HealthAction =
  | { kind: 'none' }
  | { kind: 'slow'; slow: SlowDown }
  | { kind: 'pause'; untilMs: number; handOffBacklog: true }
  | { kind: 'ramp'; ramp: Ramp; slow: SlowDown | null }
  | { kind: 'block'; handOffBacklog: true }

/** Why the state kept is worse than the one just assessed (`guard.hold.<code>`). */
export type HoldReason = 'cooldown' | 'minAttention' | 'awaitingRelease'

/** What the engine knows about the number's current regime. */
export interface ActionContext {
  now: number
  /** When the previous state began (the first assessment in it). */
  stateSince: number
  /** End of the guard's cool-down in force, if any. */
  pausedUntil?: number | null
  /** Start of the ramp in force, if any. */
  rampStartedAt?: number | null
  /** Guard pauses that began within `escalationWindowMinutes` before now, not counting one in force. */
  recentPauses?: number
  /** An instant before which the number cannot send anyway (WhatsApp's reach-out time-lock end). */
  notBefore?: number | null
  /** A person released the number after a block (the "Retomar" button), since the block began. */
  manualRelease?: boolean
}

export interface HealthDecision {
  /** The state to store (differs from the assessed one while something holds it). */
  state: HealthState
  action: HealthAction
  hold: HoldReason | null
  /**
   * Set when a ramp starts now: the engine stores it and clips later evidence windows to it
   * (`evidenceWindows(now, config, since)`), since the evidence before the cool-down was paid for.
   */
  evidenceSince: number | null
}

/** The slow-down of the config. */
export function slowDownOf(config: HealthConfig): SlowDown {
  return {
    gapMultiplier: config.actions.slowGapMultiplier,
    perMinuteDivisor: config.actions.slowPerMinuteDivisor,
    minDelayS: config.actions.slowMinDelaySeconds,
  }
}

/**
 * A session's pacing under a slow-down (gaps in seconds, rounded up, never below the slow-down's
 * floor; the cap never below 1).
 */
export function applySlowDown(
  pacing: { minDelayS: number; maxDelayS: number; maxPerMinute: number },
  slow: SlowDown,
): { minDelayS: number; maxDelayS: number; maxPerMinute: number } {
  const floor = slow.minDelayS ?? 0
  return {
    minDelayS: Math.max(floor, Math.ceil(pacing.minDelayS * slow.gapMultiplier)),
    maxDelayS: Math.max(2 * floor, Math.ceil(pacing.maxDelayS * slow.gapMultiplier)),
    maxPerMinute: Math.max(1, Math.floor(pacing.maxPerMinute / slow.perMinuteDivisor)),
  }
}

/** The ramp of the config, starting at `startedAt` (null when the config has no ramp). */
export function rampOf(config: HealthConfig, startedAt: number): Ramp | null {
  const { rampHours, rampStartPerHour, rampGrowth } = config.actions
  if (rampHours <= 0) return null
  const caps = Array.from({ length: rampHours }, (_, h) => Math.round(rampStartPerHour * rampGrowth ** h))
  return { startedAt, endsAt: startedAt + rampHours * HOUR_MS, caps }
}

/** Messages allowed in the ramp hour that contains `now`; null once the ramp is over (or before it). */
export function rampCapAt(ramp: Ramp, now: number): number | null {
  if (now < ramp.startedAt || now >= ramp.endsAt) return null
  return ramp.caps[Math.floor((now - ramp.startedAt) / HOUR_MS)] ?? null
}

/** The cool-down after `recentPauses` earlier guard pauses: escalated, capped. */
export function cooldownMs(config: HealthConfig, recentPauses: number): number {
  const a = config.actions
  const n = Number.isFinite(recentPauses) && recentPauses > 0 ? Math.floor(recentPauses) : 0
  const minutes = Math.min(a.cooldownMaxMinutes, a.cooldownMinutes * a.cooldownEscalation ** n)
  return minutes * MINUTE_MS
}

const decide = (
  state: HealthState,
  action: HealthAction,
  hold: HoldReason | null = null,
  evidenceSince: number | null = null,
) => ({
  state,
  action,
  hold,
  evidenceSince,
})

/**
 * What the engine does on moving from `prev` (the stored state) to `next` (the assessed one).
 * Deterministic; the context carries the regime in force.
 */
export function healthAction(
  prev: HealthState,
  next: HealthState,
  context: ActionContext,
  config: HealthConfig = DEFAULT_HEALTH_CONFIG,
): HealthDecision {
  assertHealthConfig(config)
  const now = context.now
  const before = isHealthState(prev) ? prev : 'saudavel'
  const after = isHealthState(next) ? next : 'em_risco'
  const slow = slowDownOf(config)
  const pausedUntil = context.pausedUntil ?? null
  const inCooldown = pausedUntil !== null && now < pausedUntil
  const block = { kind: 'block', handOffBacklog: true } as const

  if (after === 'bloqueado') return decide('bloqueado', block)
  if (before === 'bloqueado' && !context.manualRelease) return decide('bloqueado', block, 'awaitingRelease')

  const pauseFromNow = (): HealthDecision => {
    const until = Math.max(
      now + cooldownMs(config, context.recentPauses ?? 0),
      context.notBefore ?? 0,
      inCooldown ? pausedUntil : 0,
    )
    return decide('em_risco', { kind: 'pause', untilMs: until, handOffBacklog: true })
  }
  if (after === 'em_risco') {
    if (before === 'em_risco' && inCooldown)
      return decide('em_risco', { kind: 'pause', untilMs: pausedUntil, handOffBacklog: true })
    return pauseFromNow()
  }

  // `after` is saudavel or atencao from here on.
  if (before === 'em_risco' && inCooldown) {
    return decide('em_risco', { kind: 'pause', untilMs: pausedUntil, handOffBacklog: true }, 'cooldown')
  }
  if (before === 'em_risco' || before === 'bloqueado') {
    const ramp = rampOf(config, now)
    const action: HealthAction = ramp
      ? { kind: 'ramp', ramp, slow: after === 'atencao' ? slow : null }
      : after === 'atencao'
        ? { kind: 'slow', slow }
        : { kind: 'none' }
    return decide(after, action, null, now)
  }

  let state = after
  let hold: HoldReason | null = null
  const minAttentionMs = config.actions.minAttentionMinutes * MINUTE_MS
  if (
    before === 'atencao' &&
    after === 'saudavel' &&
    now - Math.min(context.stateSince, now) < minAttentionMs
  ) {
    state = 'atencao'
    hold = 'minAttention'
  }
  const rampStartedAt = context.rampStartedAt ?? null
  const ramp = rampStartedAt === null ? null : rampOf(config, rampStartedAt)
  if (ramp && rampCapAt(ramp, now) !== null)
    return decide(state, { kind: 'ramp', ramp, slow: state === 'atencao' ? slow : null }, hold)
  return decide(state, state === 'atencao' ? { kind: 'slow', slow } : { kind: 'none' }, hold)
}
