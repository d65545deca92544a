import { describe, expect, it } from 'vitest'
import type { Pacing } from './pacing'
import { estimateFinish, formatDuration } from './pacing-estimate'

const SP = 'America/Sao_Paulo'
const sp = (y: number, mo: number, d: number, h: number, mi = 0) => Date.UTC(y, mo - 1, d, h + 3, mi)
const MON = sp(2026, 11, 23, 10)
const HOUR = 3_600_000
const base: Pacing = {
  minDelayS: 10,
  maxDelayS: 20,
  maxPerMinute: 60,
  dailyCap: 100_000,
  window: null,
  timeZone: SP,
}

describe('estimateFinish', () => {
  it('should be immediate for no messages and unknown without sessions', () => {
    expect(estimateFinish({ messages: 0, sessions: [base], now: MON })).toEqual({
      finishAt: MON,
      durationMs: 0,
    })
    expect(estimateFinish({ messages: 10, sessions: [], now: MON })).toEqual({
      finishAt: null,
      durationMs: null,
    })
  })

  it('should use the mean delay: 240 messages at 15 s take about an hour', () => {
    const { durationMs } = estimateFinish({ messages: 240, sessions: [base], now: MON })
    expect(durationMs).toBeGreaterThan(HOUR - 2000)
    expect(durationMs).toBeLessThan(HOUR + 2000)
  })

  it('should be bounded by the per-minute cap and sped up by more sessions', () => {
    const fast = { ...base, minDelayS: 0, maxDelayS: 0, maxPerMinute: 10 }
    const one = estimateFinish({ messages: 600, sessions: [fast], now: MON }).durationMs ?? 0
    const two = estimateFinish({ messages: 600, sessions: [fast, fast], now: MON }).durationMs ?? 0
    expect(Math.abs(one - HOUR)).toBeLessThan(2000)
    expect(Math.abs(two - HOUR / 2)).toBeLessThan(2000)
  })

  it('should only count time inside the window and respect the daily cap', () => {
    const window = { days: [1, 2, 3, 4, 5], startMinute: 540, endMinute: 1080 }
    // 9 h window x 240/h = 2160 a day, capped to 1000: 2500 messages need Mon, Tue and half of Wed.
    const p = { ...base, dailyCap: 1000, window }
    const { finishAt } = estimateFinish({ messages: 2500, sessions: [p], now: sp(2026, 11, 23, 6) })
    expect(finishAt).not.toBeNull()
    expect(Math.abs((finishAt ?? 0) - sp(2026, 11, 25, 9) - 500 * 15_000)).toBeLessThan(2000)
  })

  it('should skip weekends', () => {
    const window = { days: [1, 2, 3, 4, 5], startMinute: 540, endMinute: 1080 }
    const { finishAt } = estimateFinish({
      messages: 240,
      sessions: [{ ...base, window }],
      now: sp(2026, 11, 20, 17, 30),
    })
    // 30 min on Friday (120 msgs) then Monday 09:00 + 30 min.
    expect(Math.abs((finishAt ?? 0) - sp(2026, 11, 23, 9, 30))).toBeLessThan(2000)
  })

  it('should give up (null) when nothing can ever be sent', () => {
    const window = { days: [], startMinute: 540, endMinute: 1080 }
    expect(estimateFinish({ messages: 1, sessions: [{ ...base, window }], now: MON }).finishAt).toBeNull()
  })
})

describe('formatDuration', () => {
  it.each([
    [0, 'pt-BR', 'menos de 1 min'],
    [29_000, 'pt-BR', 'menos de 1 min'],
    [45 * 60_000, 'pt-BR', '~45 min'],
    [HOUR, 'pt-BR', '~1 h'],
    [HOUR + 20 * 60_000, 'pt-BR', '~1 h e 20 min'],
    [24 * HOUR, 'pt-BR', '~1 dia'],
    [51 * HOUR + 10 * 60_000, 'pt-BR', '~2 dias e 3 h'],
    [51 * HOUR, 'en', '~2 days 3 h'],
    [HOUR + 5 * 60_000, 'en-US', '~1 h 5 min'],
    [29_000, 'en', 'less than 1 min'],
    [-1, 'pt-BR', 'indefinido'],
    [Number.NaN, 'en', 'unknown'],
  ])('should format %i ms in %s as %j', (ms, locale, text) => {
    expect(formatDuration(ms, locale)).toBe(text)
  })
})
