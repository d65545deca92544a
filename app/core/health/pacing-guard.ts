// How the guard's regime changes a number's pacing in the SenderSession (decision 022): `atencao`
// multiplies the gaps and divides the per-minute cap (healthAction's slow-down); a ramp after a
// cool-down allows at most caps[h] messages in hour h. Pure: the sender loop and its tests use it.
import {
  applySlowDown,
  DEFAULT_HEALTH_CONFIG,
  type HealthConfig,
  HOUR_MS,
  type Ramp,
  rampCapAt,
  rampOf,
  type SlowDown,
  slowDownOf,
} from '../guard/health'
import type { Pacing } from '../sending/pacing'

export type PacingGuard = { state: string; slow: SlowDown | null; ramp: Ramp | null }

/** The guard's regime from its stored row (null row: healthy, nothing changes). */
export function pacingGuardOf(
  row: { state: string; rampStartedAt: number | null } | null | undefined,
  now: number,
  config: HealthConfig = DEFAULT_HEALTH_CONFIG,
): PacingGuard {
  if (!row) return { state: 'saudavel', slow: null, ramp: null }
  const ramp = row.rampStartedAt !== null ? rampOf(config, row.rampStartedAt) : null
  return {
    state: row.state,
    slow: row.state === 'atencao' ? slowDownOf(config) : null,
    ramp: ramp && rampCapAt(ramp, now) !== null ? ramp : null,
  }
}

/** The session's pacing under the guard's slow-down (unchanged when there is none). */
export function guardedPacing(pacing: Pacing, guard: PacingGuard): Pacing {
  return guard.slow ? { ...pacing, ...applySlowDown(pacing, guard.slow) } : pacing
}

/**
 * The first instant at or after `at` the ramp allows one more message, given how many the number
 * sent since the start of the ramp hour that holds `at` (`sentInHour(hourStart)`).
 */
export function rampGate(ramp: Ramp | null, at: number, sentInHour: (hourStart: number) => number): number {
  if (!ramp) return at
  let t = at
  for (let guard = 0; guard <= ramp.caps.length; guard++) {
    const cap = rampCapAt(ramp, t)
    if (cap === null) return t
    const hourStart = ramp.startedAt + Math.floor((t - ramp.startedAt) / HOUR_MS) * HOUR_MS
    if (sentInHour(hourStart) < cap) return t
    t = hourStart + HOUR_MS
  }
  return t
}
