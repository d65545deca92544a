import { describe, expect, it } from 'vitest'
import {
  bucketHoursFor,
  buildFunnel,
  HOUR_MS,
  NO_SESSION,
  niceMax,
  percent,
  progressOf,
  RATE_WINDOW_MS,
  type SessionGroup,
  type StatusGroup,
  sentBuckets,
  sessionSplit,
  statusCountsOf,
  tableTotalOf,
  timelineBars,
} from './report'

const g = (status: string, n: number, extra: Partial<StatusGroup> = {}): StatusGroup => ({
  status,
  n,
  clicked: 0,
  replied: 0,
  recent: 0,
  suppressed: 0,
  ...extra,
})

const sg = (
  sessionId: string | null,
  status: string,
  bucket: number | null,
  n: number,
  oldSent = 0,
): SessionGroup => ({
  sessionId,
  status,
  bucket,
  n,
  oldSent,
})

describe('buildFunnel', () => {
  const groups = [
    g('pending', 10),
    g('queued', 4),
    g('sending', 1),
    g('sent', 20, { recent: 5, suppressed: 9 }),
    g('delivered', 20, { replied: 2 }),
    g('read', 20, { clicked: 6, replied: 1 }),
    g('failed', 10, { recent: 1 }),
    g('unknown', 2),
    g('skipped', 13, { suppressed: 3 }),
  ]
  const sessions = [
    sg('a', 'sent', 100, 16, 4),
    sg('a', 'sent', 101, 4),
    sg('a', 'delivered', 100, 20),
    sg('a', 'read', 100, 15),
    sg('b', 'read', 101, 5),
    sg('b', 'failed', null, 9),
    // failed after an ERROR ack: has a sent_at, counts in the timeline, not as sent
    sg('b', 'failed', 101, 1, 1),
    sg('a', 'unknown', null, 2),
  ]

  it('should add up the groups and the late opt-outs, with percentages against their bases', () => {
    const f = buildFunnel(groups, sessions, 2)
    expect(f.total).toBe(100)
    expect(f.waiting).toBe(15)
    expect(f.sent).toBe(60)
    expect(f.delivered).toBe(40)
    expect(f.read).toBe(20)
    expect(f.clicked).toBe(6)
    expect(f.replied).toBe(3)
    expect(f.failed).toBe(10)
    // Only skipped rows' suppressions count, plus the late ones.
    expect(f.optOuts).toBe(5)
    // Old `sent` rows (not old failed ones) plus `unknown` rows.
    expect(f.unconfirmed).toBe(6)
    expect(f.skipped).toBe(10)
    expect(f.pct.sent).toBe(60)
    expect(f.pct.delivered).toBe(66.7)
    expect(f.pct.clicked).toBe(10)
    expect(f.pct.failed).toBe(10)
    expect(f.recent).toBe(6)
  })

  it('should split by session, count by status and sum sends per bucket', () => {
    expect(Object.fromEntries(sessionSplit(sessions))).toEqual({
      a: { sent: 55, failed: 0, unconfirmed: 6 },
      b: { sent: 5, failed: 10, unconfirmed: 0 },
    })
    expect(statusCountsOf(groups)).toMatchObject({ pending: 10, read: 20, skipped: 13 })
    expect(sentBuckets(sessions).sort((x, y) => x.hour - y.hour)).toEqual([
      { hour: 100, n: 51 },
      { hour: 101, n: 10 },
    ])
  })

  it('should give zeros (no division by zero) for an empty campaign and ignore negative late opt-outs', () => {
    const f = buildFunnel([], [], -3)
    expect(f.total).toBe(0)
    expect(f.optOuts).toBe(0)
    expect(Object.values(f.pct).every((p) => p === 0)).toBe(true)
  })
})

describe('bucketHoursFor', () => {
  it('should keep 1-hour buckets up to 72 hours and widen them after', () => {
    const now = Date.UTC(2026, 10, 23, 12)
    expect(bucketHoursFor(null, now)).toBe(1)
    expect(bucketHoursFor(now + 1000, now)).toBe(1)
    expect(bucketHoursFor(now - 72 * HOUR_MS, now)).toBe(1)
    expect(bucketHoursFor(now - 73 * HOUR_MS, now)).toBe(2)
    expect(bucketHoursFor(now - 30 * 24 * HOUR_MS, now)).toBe(10)
  })
})

describe('progressOf', () => {
  it('should estimate the rest at the rate of the last 10 minutes', () => {
    const p = progressOf({ total: 1000, waiting: 600, recent: 100 })
    expect(p.done).toBe(400)
    expect(p.pct).toBe(40)
    expect(p.etaMs).toBe(60 * 60 * 1000)
    expect(p.ratePerHour).toBe(600)
  })

  it('should have no ETA when nothing moved and 0 when nothing is waiting', () => {
    expect(progressOf({ total: 10, waiting: 5, recent: 0 }).etaMs).toBeNull()
    expect(progressOf({ total: 10, waiting: 0, recent: 0 }).etaMs).toBe(0)
    expect(RATE_WINDOW_MS).toBe(600_000)
  })
})

describe('timelineBars', () => {
  it('should fill the hours between the first and last activity', () => {
    const { bars, hoursPerBar } = timelineBars(
      [
        { hour: 10, n: 5 },
        { hour: 12, n: 7 },
      ],
      [{ hour: 13, n: 2 }],
    )
    expect(hoursPerBar).toBe(1)
    expect(bars.map((b) => [b.start / HOUR_MS, b.sent, b.read])).toEqual([
      [10, 5, 0],
      [11, 0, 0],
      [12, 7, 0],
      [13, 0, 2],
    ])
  })

  it('should widen buckets for long campaigns and keep every count', () => {
    const sent = Array.from({ length: 200 }, (_, i) => ({ hour: 1000 + i, n: 1 }))
    const { bars, hoursPerBar } = timelineBars(sent, [], 1, 72)
    expect(hoursPerBar).toBe(3)
    expect(bars.length).toBeLessThanOrEqual(72)
    expect(bars.reduce((s, b) => s + b.sent, 0)).toBe(200)
  })

  it('should place multi-hour buckets at their start', () => {
    const { bars, hoursPerBar } = timelineBars([{ hour: 50, n: 3 }], [{ hour: 51, n: 1 }], 6)
    expect(hoursPerBar).toBe(6)
    expect(bars).toEqual([
      { start: 300 * HOUR_MS, sent: 3, read: 0 },
      { start: 306 * HOUR_MS, sent: 0, read: 1 },
    ])
  })

  it('should be empty without activity', () => {
    expect(timelineBars([], []).bars).toEqual([])
  })
})

describe('axis and percentages', () => {
  it('should pick round axis maxima and percentages', () => {
    expect([0, 1, 3, 7, 12, 120, 999].map(niceMax)).toEqual([1, 1, 5, 10, 20, 200, 1000])
    expect(percent(1, 3)).toBe(33.3)
    expect(percent(5, 0)).toBe(0)
  })
})

describe('table totals from the grouped counts', () => {
  const groups = [
    { status: 'read', n: 4, clicked: 3, replied: 1, recent: 0, suppressed: 0 },
    { status: 'failed', n: 2, clicked: 0, replied: 0, recent: 0, suppressed: 0 },
    { status: 'skipped', n: 3, clicked: 0, replied: 0, recent: 0, suppressed: 2 },
  ]
  const funnel = buildFunnel(groups, [], 1)
  const counts = statusCountsOf(groups)
  const none = { status: null, activity: null, sessionId: null, q: null } as const

  it('should answer from the funnel and the tiles, and ask for a count only when they cannot', () => {
    expect(tableTotalOf(none, funnel, counts)).toBe(9)
    expect(tableTotalOf({ ...none, status: 'failed' }, funnel, counts)).toBe(2)
    expect(tableTotalOf({ ...none, status: 'pending' }, funnel, counts)).toBe(0)
    expect(tableTotalOf({ ...none, activity: 'clicked' }, funnel, counts)).toBe(3)
    expect(tableTotalOf({ ...none, activity: 'replied' }, funnel, counts)).toBe(1)
    expect(tableTotalOf({ ...none, activity: 'optedOut' }, funnel, counts)).toBe(3)
    expect(tableTotalOf({ ...none, sessionId: 'a' }, funnel, counts)).toBeNull()
    expect(tableTotalOf({ ...none, q: 'Ana' }, funnel, counts)).toBeNull()
    expect(tableTotalOf({ ...none, status: 'read', activity: 'clicked' }, funnel, counts)).toBeNull()
  })

  it('should give rows without a session their own line so the lines add up', () => {
    const split = sessionSplit([
      { sessionId: 'a', status: 'sent', bucket: 1, n: 2, oldSent: 0 },
      { sessionId: null, status: 'failed', bucket: null, n: 1, oldSent: 0 },
    ])
    expect(split.get(NO_SESSION)).toEqual({ sent: 0, failed: 1, unconfirmed: 0 })
  })
})
