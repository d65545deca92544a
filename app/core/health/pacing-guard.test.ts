import { describe, expect, it } from 'vitest'
import { DEFAULT_HEALTH_CONFIG, HOUR_MS, rampOf } from '../guard/health'
import type { Pacing } from '../sending/pacing'
import { guardedPacing, pacingGuardOf, rampGate } from './pacing-guard'

const T0 = Date.UTC(2026, 11, 5, 12)
const pacing: Pacing = {
  minDelayS: 30,
  maxDelayS: 60,
  maxPerMinute: 5,
  dailyCap: 500,
  window: null,
  timeZone: 'America/Sao_Paulo',
}

describe('pacingGuardOf', () => {
  it('changes nothing for a number never assessed or healthy', () => {
    expect(pacingGuardOf(null, T0)).toEqual({ state: 'saudavel', slow: null, ramp: null })
    expect(pacingGuardOf({ state: 'saudavel', rampStartedAt: null }, T0)).toEqual({
      state: 'saudavel',
      slow: null,
      ramp: null,
    })
  })

  it('slows an `atencao` number down and keeps a ramp only while it lasts', () => {
    const g = pacingGuardOf({ state: 'atencao', rampStartedAt: T0 }, T0 + 30 * 60_000)
    expect(g.slow).toEqual({ gapMultiplier: 2, perMinuteDivisor: 2, minDelayS: 30 })
    expect(g.ramp?.caps).toEqual([10, 15, 23, 34, 51, 76])
    expect(pacingGuardOf({ state: 'saudavel', rampStartedAt: T0 }, T0 + 6 * HOUR_MS).ramp).toBeNull()
  })
})

describe('guardedPacing', () => {
  it('doubles the gaps and halves the per-minute cap under a slow-down, never below 1', () => {
    const slow = { gapMultiplier: 2, perMinuteDivisor: 2 }
    expect(guardedPacing(pacing, { state: 'atencao', slow, ramp: null })).toMatchObject({
      minDelayS: 60,
      maxDelayS: 120,
      maxPerMinute: 2,
    })
    expect(
      guardedPacing({ ...pacing, maxPerMinute: 1 }, { state: 'atencao', slow, ramp: null }).maxPerMinute,
    ).toBe(1)
    expect(guardedPacing(pacing, { state: 'saudavel', slow: null, ramp: null })).toBe(pacing)
  })
})

describe('rampGate', () => {
  const ramp = rampOf(DEFAULT_HEALTH_CONFIG, T0)!

  it('lets a message go while the ramp hour has room', () => {
    expect(rampGate(ramp, T0 + 5_000, () => 9)).toBe(T0 + 5_000)
  })

  it('waits for the next ramp hour once the cap is reached, and skips full hours', () => {
    expect(rampGate(ramp, T0 + 5_000, () => 10)).toBe(T0 + HOUR_MS)
    const sent = new Map([
      [T0, 10],
      [T0 + HOUR_MS, 15],
    ])
    expect(rampGate(ramp, T0 + 5_000, (h) => sent.get(h) ?? 0)).toBe(T0 + 2 * HOUR_MS)
  })

  it('is open after the ramp and without one', () => {
    expect(rampGate(ramp, T0 + 7 * HOUR_MS, () => 1_000)).toBe(T0 + 7 * HOUR_MS)
    expect(rampGate(null, T0, () => 1_000)).toBe(T0)
  })
})
