import { describe, expect, it } from 'vitest'
import { DEFAULT_HEALTH_CONFIG, HOUR_MS, MINUTE_MS } from './config'
import { countFlaps, evidenceWindows, lostByWahaSinceWorking, type StatusChange } from './evidence'

describe('evidenceWindows', () => {
  const now = Date.UTC(2026, 11, 10, 15, 0)

  it('gives the sliding windows and the matured / pending cohorts shifted back by their delays', () => {
    const { short, long } = evidenceWindows(now, DEFAULT_HEALTH_CONFIG)
    expect(short).toEqual({
      from: now - HOUR_MS,
      to: now,
      matureFrom: now - 2 * HOUR_MS,
      matureTo: now - HOUR_MS,
      freshFrom: now - HOUR_MS,
      freshTo: now - 3 * MINUTE_MS,
      pendingFrom: now - HOUR_MS - 10 * MINUTE_MS,
      pendingTo: now - 10 * MINUTE_MS,
    })
    expect(long.from).toBe(now - 24 * HOUR_MS)
    expect(long.matureFrom).toBe(now - 25 * HOUR_MS)
    // The fast delivery check is the short window's alone.
    expect(long.freshTo).toBe(long.freshFrom)
  })

  it('clips every range at `since`: evidence from before a cool-down does not count again', () => {
    const since = now - 30 * MINUTE_MS
    const { short, long } = evidenceWindows(now, DEFAULT_HEALTH_CONFIG, since)
    expect(long.from).toBe(since)
    expect(short.from).toBe(since)
    // Nothing sent since `since` is an hour old yet: an empty matured cohort, never a negative range.
    expect(long.matureFrom).toBe(since)
    expect(long.matureTo).toBe(since)
    expect(long.pendingFrom).toBe(since)
    expect(long.pendingTo).toBe(now - 10 * MINUTE_MS)
    expect([short.freshFrom, short.freshTo]).toEqual([since, now - 3 * MINUTE_MS])
    const future = evidenceWindows(now, DEFAULT_HEALTH_CONFIG, now + HOUR_MS).long
    expect(future.from).toBeLessThanOrEqual(future.to)
    expect(future.matureFrom).toBeLessThanOrEqual(future.matureTo)
  })
})

describe('countFlaps', () => {
  const t0 = 1_000_000
  const log = (...rows: Array<[string, number]>): StatusChange[] =>
    rows.map(([status, at]) => ({ status, at: t0 + at }))

  it('counts FAILED, PASSKEY_* and a logout (SCAN_QR_CODE after WORKING), not the first pairing', () => {
    const rows = log(
      ['STARTING', 0],
      ['SCAN_QR_CODE', 1],
      ['WORKING', 2],
      ['FAILED', 3],
      ['WORKING', 4],
      ['PASSKEY_REQUIRED', 5],
      ['WORKING', 6],
      ['SCAN_QR_CODE', 7],
    )
    expect(countFlaps(rows, t0, t0 + 100)).toBe(3)
  })

  it('counts a status repeated without a change once (QR rotations)', () => {
    const rows = log(['WORKING', 0], ['SCAN_QR_CODE', 1], ['SCAN_QR_CODE', 2], ['SCAN_QR_CODE', 3])
    expect(countFlaps(rows, t0, t0 + 100)).toBe(1)
  })

  it('does not double-count duplicated or out-of-order rows', () => {
    const ordered = log(['WORKING', 0], ['FAILED', 10], ['WORKING', 20], ['FAILED', 30])
    const messy = [
      ordered[3]!,
      ordered[1]!,
      ordered[0]!,
      ordered[1]!,
      ordered[2]!,
      ordered[3]!,
      { ...ordered[1]! },
    ]
    expect(countFlaps(messy, t0, t0 + 100)).toBe(2)
    expect(countFlaps(messy, t0, t0 + 100)).toBe(countFlaps(ordered, t0, t0 + 100))
  })

  it('only counts changes inside the window, judging them with the log before it', () => {
    const rows = log(['WORKING', 0], ['FAILED', 10], ['FAILED', 60], ['WORKING', 70], ['SCAN_QR_CODE', 80])
    // FAILED at 60 is no change (it was already FAILED at 10); the logout at 80 counts.
    expect(countFlaps(rows, t0 + 50, t0 + 100)).toBe(1)
    // Without the earlier rows, the log must say whether the number had worked.
    expect(countFlaps(log(['SCAN_QR_CODE', 80]), t0 + 50, t0 + 100)).toBe(0)
    expect(countFlaps(log(['SCAN_QR_CODE', 80]), t0 + 50, t0 + 100, true)).toBe(1)
  })

  it('ignores rows without a usable status or time', () => {
    const rows = [
      { status: 'FAILED', at: Number.NaN },
      { status: null as never, at: t0 },
      { status: 'FAILED', at: t0 + 1 },
    ]
    expect(countFlaps(rows, t0, t0 + 100)).toBe(1)
  })
})

describe('a session WAHA lost (NOT_FOUND)', () => {
  const log = [
    { status: 'WORKING', at: 1_000 },
    { status: 'NOT_FOUND', at: 2_000 },
    { status: 'STARTING', at: 3_000 },
    { status: 'SCAN_QR_CODE', at: 4_000 },
  ]
  it('pairs again without a flap: the new WAHA session’s first pairing is not a logout', () => {
    expect(countFlaps(log, 0, 10_000)).toBe(0)
    expect(lostByWahaSinceWorking(log)).toBe(true)
  })
  it('counts a later logout again once it worked', () => {
    const later = [...log, { status: 'WORKING', at: 5_000 }, { status: 'SCAN_QR_CODE', at: 6_000 }]
    expect(countFlaps(later, 0, 10_000)).toBe(1)
    expect(lostByWahaSinceWorking(later)).toBe(false)
  })
  it('reads the log in any order', () => {
    expect(lostByWahaSinceWorking([...log].reverse())).toBe(true)
  })
})
