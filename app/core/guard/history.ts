// The per-hour history of a number's health (decision 017): one entry per hour, keyed by the hour's
// start (UTC; São Paulo is a whole number of hours off UTC, so its hours line up). Recomputing an
// hour replaces its entry, never adds a second one; a recomputation that arrives late (an older
// `computedAt`) does not overwrite a fresher one, so retries and out-of-order writes are harmless.

import type { HoldReason } from './actions'
import { HOUR_MS } from './config'
import type { HealthReason, HealthState } from './states'

export interface HealthHour {
  /** Start of the hour (ms, a multiple of one hour). */
  hourStart: number
  /** When the assessment was made; the latest wins within an hour. */
  computedAt: number
  score: number
  /** The state kept (healthAction's), which may be worse than the assessed one while held. */
  state: HealthState
  reasons: HealthReason[]
  /** Why the state was held, if it was. */
  hold?: HoldReason | null
}

/** Start of the hour that contains `ms`. */
export function hourStartOf(ms: number): number {
  return Math.floor(ms / HOUR_MS) * HOUR_MS
}

/**
 * The history with `entry` in its hour: replaces that hour's entry unless the stored one was
 * computed later; ordered by hour, one entry per hour. Does not change `history`.
 */
export function mergeHourly(history: readonly HealthHour[], entry: HealthHour): HealthHour[] {
  const incoming = { ...entry, hourStart: hourStartOf(entry.hourStart) }
  const byHour = new Map<number, HealthHour>()
  for (const h of [...history, incoming]) {
    const key = hourStartOf(h.hourStart)
    const kept = byHour.get(key)
    if (!kept || h.computedAt >= kept.computedAt) byHour.set(key, { ...h, hourStart: key })
  }
  return [...byHour.values()].sort((a, b) => a.hourStart - b.hourStart)
}

/** The history without hours older than the last `keepHours` (the current hour included). */
export function rollHistory(history: readonly HealthHour[], now: number, keepHours: number): HealthHour[] {
  const oldest = hourStartOf(now) - (Math.max(1, Math.floor(keepHours)) - 1) * HOUR_MS
  return history.filter((h) => h.hourStart >= oldest)
}

/** The state of the latest hour and the start of the unbroken run of hours in it (for `stateSince`). */
export function currentRun(history: readonly HealthHour[]): { state: HealthState; since: number } | null {
  const sorted = [...history].sort((a, b) => a.hourStart - b.hourStart)
  const last = sorted.at(-1)
  if (!last) return null
  let since = last.hourStart
  for (let i = sorted.length - 2; i >= 0; i--) {
    const h = sorted[i]!
    if (h.state !== last.state || h.hourStart !== since - HOUR_MS) break
    since = h.hourStart
  }
  return { state: last.state, since }
}
