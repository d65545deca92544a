import { describe, expect, it } from 'vitest'
import { DEFAULT_HEALTH_CONFIG, resolveHealthConfig } from './config'
import { emptyCounts, penaltyOf, readSignal, sanitizeWindows, wilsonInterval } from './signals'

describe('wilsonInterval', () => {
  it('matches the textbook values', () => {
    // 5 of 20 at z = 1.96: [0.1119, 0.4687] (Wilson 1927; Agresti & Coull 1998).
    const { lower, upper } = wilsonInterval(5, 20, 1.96)
    expect(lower).toBeCloseTo(0.1119, 3)
    expect(upper).toBeCloseTo(0.4687, 3)
  })

  it('stays inside [0, 1], narrows with the sample and knows nothing without one', () => {
    expect(wilsonInterval(0, 0, 1.645)).toEqual({ lower: 0, upper: 1 })
    expect(wilsonInterval(0, 50, 1.645).lower).toBe(0)
    expect(wilsonInterval(50, 50, 1.645).upper).toBe(1)
    const small = wilsonInterval(10, 100, 1.645)
    const large = wilsonInterval(100, 1000, 1.645)
    expect(large.lower).toBeGreaterThan(small.lower)
    expect(large.upper).toBeLessThan(small.upper)
  })
})

describe('penaltyOf', () => {
  const t = { warn: 0.1, critical: 0.3, weight: 50 }

  it('is 0 up to half of warn, 40 % of the weight at warn, all of it at critical, and never decreases', () => {
    expect(penaltyOf(0.05, t)).toEqual({ penalty: 0, level: 'ok' })
    expect(penaltyOf(0.1, t)).toEqual({ penalty: 20, level: 'warn' })
    expect(penaltyOf(0.2, t).penalty).toBeCloseTo(35)
    expect(penaltyOf(0.3, t)).toEqual({ penalty: 50, level: 'critical' })
    expect(penaltyOf(0.9, t).penalty).toBe(50)
    let last = -1
    for (let x = 0; x <= 1; x += 0.01) {
      const p = penaltyOf(x, t).penalty
      expect(p).toBeGreaterThanOrEqual(last)
      last = p
    }
  })

  it('mirrors for a low-is-bad signal (the reply rate)', () => {
    const low = { warn: 0.03, critical: 0.01, weight: 15 }
    expect(penaltyOf(0.06, low, true).penalty).toBe(0)
    expect(penaltyOf(0.03, low, true)).toEqual({ penalty: 6, level: 'warn' })
    expect(penaltyOf(0.01, low, true)).toEqual({ penalty: 15, level: 'critical' })
    expect(penaltyOf(0.045, low, true).penalty).toBeCloseTo(3)
  })

  it('treats a count at a shared warn/critical threshold as critical', () => {
    expect(penaltyOf(1, { warn: 1, critical: 1, weight: 60 })).toEqual({ penalty: 60, level: 'critical' })
    expect(penaltyOf(0, { warn: 1, critical: 1, weight: 60 }).penalty).toBe(0)
  })
})

describe('readSignal', () => {
  it('judges a rate on the Wilson lower bound and reports the observed share too', () => {
    const counts = { ...emptyCounts(), sent: 100, optOuts: 3 }
    const r = readSignal('optOuts', 'long', counts, DEFAULT_HEALTH_CONFIG)
    expect(r.observed).toBeCloseTo(0.03)
    expect(r.judged).toBeCloseTo(wilsonInterval(3, 100, 1.645).lower)
    expect(r.judged).toBeLessThan(r.observed)
  })

  it('follows the configured minimum sample', () => {
    const counts = { ...emptyCounts(), sent: 10, ackErrors: 5 }
    expect(readSignal('ackErrors', 'short', counts, DEFAULT_HEALTH_CONFIG).insufficient).toBe(true)
    const r = resolveHealthConfig({ sampling: { minSample: 10 } })
    if (!r.ok) throw new Error('config')
    expect(readSignal('ackErrors', 'short', counts, r.config)).toMatchObject({
      insufficient: false,
      level: 'critical',
    })
  })
})

describe('sanitizeWindows', () => {
  it('keeps good counts as they are', () => {
    const c = { ...emptyCounts(), sent: 10, ackErrors: 1, matured: 8, stillServer: 2, replies: 1 }
    expect(sanitizeWindows({ short: c, long: c })).toEqual({ short: c, long: c, problems: [] })
  })

  it('rounds fractions down, zeroes negatives and non-numbers, caps subsets at their base', () => {
    const { short, problems } = sanitizeWindows({
      short: {
        sent: 10.7,
        ackErrors: 50,
        stillServer: -1,
        flaps: '2' as never,
        replies: Number.POSITIVE_INFINITY,
      },
      long: {},
    })
    expect(short).toMatchObject({ sent: 10, ackErrors: 10, stillServer: 0, flaps: 0, replies: 0 })
    expect(
      problems
        .filter((p) => p.window === 'short')
        .map((p) => `${p.field}:${p.code}`)
        .sort(),
    ).toEqual(
      [
        'ackErrors:exceeds_base',
        'flaps:not_a_count',
        'replies:not_a_count',
        'sent:not_a_count',
        'stillServer:not_a_count',
      ].sort(),
    )
  })

  it('raises the long window to the short one it contains', () => {
    const { long, problems } = sanitizeWindows({ short: { sent: 30, flaps: 2 }, long: { sent: 20 } })
    expect(long).toMatchObject({ sent: 30, flaps: 2 })
    expect(problems).toContainEqual({ window: 'long', field: 'flaps', code: 'short_exceeds_long' })
  })
})
