import { describe, expect, it } from 'vitest'
import { isInsideWindow, nextSendAt, nextWindowOpening, type Pacing, validatePacing } from './pacing'
import { mulberry32 } from './seeded-random'

const SP = 'America/Sao_Paulo'
// Oracle for tests only: Brazil has had no DST since 2019, so São Paulo is UTC-3 in 2026.
const spLocal = (ms: number) => {
  const d = new Date(ms - 3 * 3_600_000)
  return {
    day: d.toISOString().slice(0, 10),
    weekday: d.getUTCDay(),
    minute: d.getUTCHours() * 60 + d.getUTCMinutes(),
  }
}
const sp = (y: number, mo: number, d: number, h: number, mi = 0) => Date.UTC(y, mo - 1, d, h + 3, mi)
const MON = sp(2026, 11, 23, 10) // Monday 10:00 local

const base: Pacing = {
  minDelayS: 5,
  maxDelayS: 20,
  maxPerMinute: 60,
  dailyCap: 100_000,
  window: null,
  timeZone: SP,
}

function simulate(p: Pacing, start: number, count: number, seed = 1) {
  const random = mulberry32(seed)
  const sends: number[] = []
  const reasons = new Set<string>()
  let now = start
  for (let i = 0; i < count; i++) {
    const today = spLocal(now).day
    const sentToday = sends.filter((s) => spLocal(s).day === today).length
    const recentSends = sends.filter((s) => s > now - 60_000)
    const r = nextSendAt(p, { recentSends, sentToday, lastSendAt: sends.at(-1) ?? null }, now, random)
    expect(r.at).toBeGreaterThanOrEqual(now)
    reasons.add(r.reason)
    now = r.at
    sends.push(now)
  }
  return { sends, reasons }
}

function maxInAnyMinute(sends: number[]): number {
  let max = 0
  let j = 0
  for (let i = 0; i < sends.length; i++) {
    while ((sends[i] as number) - (sends[j] as number) >= 60_000) j++
    max = Math.max(max, i - j + 1)
  }
  return max
}

describe('nextSendAt', () => {
  it('should send the first message now', () => {
    expect(nextSendAt(base, { recentSends: [], sentToday: 0 }, MON, () => 0.5)).toEqual({
      at: MON,
      reason: 'delay',
    })
  })

  it.each([
    [0, 5_000],
    [0.5, 12_500],
    [0.999999, 20_000],
  ])('should wait min + random*(max-min) after the last send (random %d)', (r, gap) => {
    const last = MON - 1000
    expect(nextSendAt(base, { recentSends: [last], sentToday: 1 }, MON, () => r)).toEqual({
      at: last + gap,
      reason: 'delay',
    })
  })

  it('should use lastSendAt older than the recent list', () => {
    const p = { ...base, minDelayS: 120, maxDelayS: 120 }
    expect(nextSendAt(p, { recentSends: [], sentToday: 1, lastSendAt: MON - 90_000 }, MON, () => 0).at).toBe(
      MON + 30_000,
    )
  })

  it('should keep every gap within [min, max] over 1,000 sends', () => {
    const { sends, reasons } = simulate(base, MON, 1000)
    for (let i = 1; i < sends.length; i++) {
      const gap = (sends[i] as number) - (sends[i - 1] as number)
      expect(gap).toBeGreaterThanOrEqual(5000)
      expect(gap).toBeLessThanOrEqual(20_000)
    }
    expect(reasons).toEqual(new Set(['delay']))
  })

  it.each([1, 3, 7, 20])('should never exceed %i sends in any 60-second window over 1,000 sends', (cap) => {
    const p = { ...base, minDelayS: 0, maxDelayS: 2, maxPerMinute: cap }
    const { sends, reasons } = simulate(p, MON, 1000, cap)
    expect(maxInAnyMinute(sends)).toBeLessThanOrEqual(cap)
    expect(maxInAnyMinute(sends)).toBe(cap)
    expect(reasons.has('per_minute_cap')).toBe(true)
  })

  it('should wait until the oldest send of the last minute leaves it', () => {
    const p = { ...base, minDelayS: 0, maxDelayS: 0, maxPerMinute: 3 }
    const recentSends = [MON - 50_000, MON - 20_000, MON - 10_000]
    expect(nextSendAt(p, { recentSends, sentToday: 3 }, MON, () => 0)).toEqual({
      at: MON + 10_000,
      reason: 'per_minute_cap',
    })
  })

  it('should never send outside the window, including across weekends, over 1,000 sends', () => {
    const window = { days: [1, 2, 3, 4, 5], startMinute: 8 * 60, endMinute: 18 * 60 }
    const p = { ...base, minDelayS: 30, maxDelayS: 90, window }
    const { sends, reasons } = simulate(p, sp(2026, 11, 20, 17, 30), 1000) // Friday 17:30
    for (const s of sends) {
      const l = spLocal(s)
      expect(window.days).toContain(l.weekday)
      expect(l.minute).toBeGreaterThanOrEqual(480)
      expect(l.minute).toBeLessThan(1080)
    }
    expect(sends).toContain(sp(2026, 11, 23, 8)) // Monday's opening
    expect(reasons.has('window')).toBe(true)
  })

  it('should respect the daily cap per São Paulo day over 1,000 sends', () => {
    const p = {
      ...base,
      minDelayS: 1,
      maxDelayS: 3,
      dailyCap: 150,
      window: { days: [0, 1, 2, 3, 4, 5, 6], startMinute: 540, endMinute: 1200 },
    }
    const { sends, reasons } = simulate(p, sp(2026, 11, 23, 23), 1000)
    const perDay = new Map<string, number>()
    for (const s of sends) perDay.set(spLocal(s).day, (perDay.get(spLocal(s).day) ?? 0) + 1)
    for (const n of perDay.values()) expect(n).toBeLessThanOrEqual(150)
    expect(perDay.size).toBe(7)
    expect(reasons.has('daily_cap')).toBe(true)
  })

  it('should move a capped day to the next local midnight, then to the window opening', () => {
    const noWindow = nextSendAt({ ...base, dailyCap: 10 }, { recentSends: [], sentToday: 10 }, MON, () => 0)
    expect(noWindow).toEqual({ at: sp(2026, 11, 24, 0), reason: 'daily_cap' })
    const window = { days: [1, 2, 3, 4, 5], startMinute: 540, endMinute: 1080 }
    const friday = sp(2026, 11, 20, 12)
    const withWindow = nextSendAt(
      { ...base, dailyCap: 10, window },
      { recentSends: [], sentToday: 10 },
      friday,
      () => 0,
    )
    expect(withWindow).toEqual({ at: sp(2026, 11, 23, 9), reason: 'daily_cap' })
  })

  it('should allow sending when the capped count belongs to a day that is over', () => {
    const lateNight = sp(2026, 11, 23, 23, 59)
    const r = nextSendAt(
      { ...base, dailyCap: 10 },
      { recentSends: [lateNight - 1000], sentToday: 10 },
      lateNight,
      () => 1,
    )
    expect(r.at).toBe(sp(2026, 11, 24, 0))
  })

  it('should move a send after the window closes to the next allowed opening', () => {
    const window = { days: [2, 4], startMinute: 600, endMinute: 660 }
    const r = nextSendAt(
      { ...base, window },
      { recentSends: [], sentToday: 0 },
      sp(2026, 11, 24, 10, 59),
      () => 0,
    )
    expect(r).toEqual({ at: sp(2026, 11, 24, 10, 59), reason: 'delay' })
    const late = nextSendAt(
      { ...base, window },
      { recentSends: [sp(2026, 11, 24, 10, 59) + 56_000], sentToday: 1 },
      sp(2026, 11, 24, 10, 59) + 56_000,
      () => 0,
    )
    expect(late).toEqual({ at: sp(2026, 11, 26, 10), reason: 'window' })
  })
})

describe('send window helpers', () => {
  const window = { days: [1], startMinute: 480, endMinute: 1440 }
  it.each([
    [sp(2026, 11, 23, 7, 59), false],
    [sp(2026, 11, 23, 8), true],
    [sp(2026, 11, 23, 23, 59), true],
    [sp(2026, 11, 24, 0), false],
    [sp(2026, 11, 22, 12), false],
  ])('should tell whether %i is inside a Monday 08:00-24:00 window: %s', (ms, inside) => {
    expect(isInsideWindow(ms, window, SP)).toBe(inside)
  })

  it('should find the next opening a week ahead when needed', () => {
    expect(nextWindowOpening(sp(2026, 11, 24, 0), window, SP)).toBe(sp(2026, 11, 30, 8))
    expect(nextWindowOpening(sp(2026, 11, 23, 7), window, SP)).toBe(sp(2026, 11, 23, 8))
    expect(nextWindowOpening(MON, null, SP)).toBe(MON)
  })

  it('should refuse a window without days', () => {
    expect(() => nextWindowOpening(MON, { days: [], startMinute: 0, endMinute: 60 }, SP)).toThrow(
      /nenhum dia/,
    )
  })
})

describe('validatePacing', () => {
  it('should accept sensible settings', () => {
    expect(validatePacing({ ...base, window: { days: [1, 2], startMinute: 480, endMinute: 1080 } })).toEqual(
      [],
    )
    expect(validatePacing({ ...base, minDelayS: 0, maxDelayS: 0, maxPerMinute: 1, dailyCap: 1 })).toEqual([])
  })

  it.each([
    [{ minDelayS: -1 }, 'minDelayS', /≥ 0/],
    [{ minDelayS: Number.NaN }, 'minDelayS', /≥ 0/],
    [{ maxDelayS: -5 }, 'maxDelayS', /≥ 0/],
    [{ minDelayS: 30, maxDelayS: 10 }, 'maxDelayS', /maior ou igual ao mínimo/],
    [{ maxPerMinute: 0 }, 'maxPerMinute', /entre 1 e 60/],
    [{ maxPerMinute: 61 }, 'maxPerMinute', /entre 1 e 60/],
    [{ maxPerMinute: 2.5 }, 'maxPerMinute', /inteiro/],
    [{ dailyCap: 0 }, 'dailyCap', /pelo menos 1/],
    [{ timeZone: 'Brasil/Nada' }, 'timeZone', /Fuso horário/],
    [{ window: { days: [], startMinute: 0, endMinute: 60 } }, 'window.days', /pelo menos um dia/],
    [{ window: { days: [7], startMinute: 0, endMinute: 60 } }, 'window.days', /0 \(domingo\) a 6/],
    [
      { window: { days: [1], startMinute: 600, endMinute: 600 } },
      'window.endMinute',
      /depois do horário de início/,
    ],
    [{ window: { days: [1], startMinute: 1440, endMinute: 1440 } }, 'window.startMinute', /00:00 e 23:59/],
    [{ window: { days: [1], startMinute: 0, endMinute: 1441 } }, 'window.endMinute', /24:00/],
  ] as Array<[Partial<Pacing>, string, RegExp]>)('should reject %j', (patch, field, message) => {
    const problems = validatePacing({ ...base, ...patch })
    expect(problems).toHaveLength(1)
    expect(problems[0]?.field).toBe(field)
    expect(problems[0]?.message).toMatch(message)
  })

  it('should report every problem of an empty input', () => {
    expect(validatePacing({}).map((p) => p.field)).toEqual([
      'minDelayS',
      'maxDelayS',
      'maxPerMinute',
      'dailyCap',
      'timeZone',
    ])
  })
})
