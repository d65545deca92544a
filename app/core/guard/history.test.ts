import { describe, expect, it } from 'vitest'
import { HOUR_MS, MINUTE_MS } from './config'
import { currentRun, type HealthHour, hourStartOf, mergeHourly, rollHistory } from './history'
import type { HealthState } from './states'

const H0 = Date.UTC(2026, 11, 10, 12, 0)
const hour = (h: number, state: HealthState = 'saudavel', computedMinute = 5, score = 90): HealthHour => ({
  hourStart: H0 + h * HOUR_MS,
  computedAt: H0 + h * HOUR_MS + computedMinute * MINUTE_MS,
  score,
  state,
  reasons: [],
})

describe('hourStartOf', () => {
  it('floors to the start of the hour', () => {
    expect(hourStartOf(H0 + 59 * MINUTE_MS)).toBe(H0)
    expect(hourStartOf(H0)).toBe(H0)
    expect(hourStartOf(H0 - 1)).toBe(H0 - HOUR_MS)
  })
})

describe('mergeHourly', () => {
  it('adds a new hour in order, without touching the history it was given', () => {
    const history = [hour(0), hour(2)]
    const merged = mergeHourly(history, hour(1))
    expect(merged.map((h) => h.hourStart)).toEqual([H0, H0 + HOUR_MS, H0 + 2 * HOUR_MS])
    expect(history).toHaveLength(2)
  })

  it('replaces the same hour recomputed, never adds a second entry', () => {
    let history = [hour(0)]
    history = mergeHourly(history, hour(0, 'atencao', 30, 70))
    history = mergeHourly(history, hour(0, 'atencao', 30, 70))
    expect(history).toEqual([hour(0, 'atencao', 30, 70)])
  })

  it('keeps the fresher computation when an older one arrives late', () => {
    const fresh = hour(0, 'em_risco', 50, 40)
    const stale = hour(0, 'saudavel', 10, 95)
    expect(mergeHourly([fresh], stale)).toEqual([fresh])
    expect(mergeHourly(mergeHourly([], stale), fresh)).toEqual([fresh])
  })

  it('gives the same history whatever order the writes arrive in', () => {
    const writes = [
      hour(0, 'saudavel', 5),
      hour(1, 'atencao', 5),
      hour(0, 'atencao', 40),
      hour(2),
      hour(1, 'saudavel', 50),
      hour(2),
    ]
    const forward = writes.reduce<HealthHour[]>((h, w) => mergeHourly(h, w), [])
    const backward = [...writes].reverse().reduce<HealthHour[]>((h, w) => mergeHourly(h, w), [])
    expect(backward).toEqual(forward)
    expect(forward.map((h) => h.state)).toEqual(['atencao', 'saudavel', 'saudavel'])
  })

  it('keys an entry whose hourStart is not on the hour by the hour that contains it', () => {
    const merged = mergeHourly([hour(0)], { ...hour(0, 'atencao', 20), hourStart: H0 + 17 * MINUTE_MS })
    expect(merged).toHaveLength(1)
    expect(merged[0]).toMatchObject({ hourStart: H0, state: 'atencao' })
  })
})

describe('rollHistory', () => {
  it('keeps the last keepHours hours, the current one included', () => {
    const history = [0, 1, 2, 3, 4].map((h) => hour(h))
    const now = H0 + 4 * HOUR_MS + 30 * MINUTE_MS
    expect(rollHistory(history, now, 3).map((h) => h.hourStart)).toEqual([
      H0 + 2 * HOUR_MS,
      H0 + 3 * HOUR_MS,
      H0 + 4 * HOUR_MS,
    ])
    expect(rollHistory(history, now, 0)).toEqual([hour(4)])
    expect(rollHistory(history, now, 168)).toHaveLength(5)
  })
})

describe('currentRun', () => {
  it('gives the latest state and when its unbroken run of hours began', () => {
    const history = [hour(0, 'atencao'), hour(1, 'saudavel'), hour(2, 'atencao'), hour(3, 'atencao')]
    expect(currentRun(history)).toEqual({ state: 'atencao', since: H0 + 2 * HOUR_MS })
    expect(currentRun([...history].reverse())).toEqual({ state: 'atencao', since: H0 + 2 * HOUR_MS })
  })

  it('starts a new run after a gap in the hours, and knows nothing of an empty history', () => {
    expect(currentRun([hour(0, 'atencao'), hour(3, 'atencao')])).toEqual({
      state: 'atencao',
      since: H0 + 3 * HOUR_MS,
    })
    expect(currentRun([])).toBeNull()
  })
})
