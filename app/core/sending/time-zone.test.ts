import { describe, expect, it } from 'vitest'
import {
  fromLocalTime,
  isValidTimeZone,
  localDay,
  nextLocalMidnight,
  sameLocalDay,
  toLocalTime,
} from './time-zone'

const SP = 'America/Sao_Paulo'

describe('time-zone', () => {
  it('should read São Paulo local time through Intl', () => {
    // 2026-11-23 02:30 UTC = 2026-11-22 23:30 in São Paulo (Sunday).
    expect(toLocalTime(Date.UTC(2026, 10, 23, 2, 30, 15), SP)).toEqual({
      year: 2026,
      month: 11,
      day: 22,
      weekday: 0,
      minuteOfDay: 23 * 60 + 30,
      second: 15,
    })
  })

  it('should convert local wall-clock time back to an instant', () => {
    expect(fromLocalTime({ year: 2026, month: 11, day: 23 }, 8 * 60, SP)).toBe(Date.UTC(2026, 10, 23, 11, 0))
    expect(fromLocalTime({ year: 2026, month: 12, day: 31 }, 0, SP, 1)).toBe(Date.UTC(2027, 0, 1, 3, 0))
    expect(fromLocalTime({ year: 2026, month: 1, day: 1 }, 1440, SP)).toBe(Date.UTC(2026, 0, 2, 3, 0))
  })

  it('should follow DST in zones that have it', () => {
    const ny = 'America/New_York'
    // US DST starts 2026-03-08: 09:00 local is 14:00 UTC the day before and 13:00 UTC that day.
    expect(fromLocalTime({ year: 2026, month: 3, day: 7 }, 540, ny)).toBe(Date.UTC(2026, 2, 7, 14, 0))
    expect(fromLocalTime({ year: 2026, month: 3, day: 8 }, 540, ny)).toBe(Date.UTC(2026, 2, 8, 13, 0))
    expect(toLocalTime(Date.UTC(2026, 2, 8, 13, 0), ny).minuteOfDay).toBe(540)
  })

  it('should find the next local midnight and compare local days', () => {
    const lateEvening = Date.UTC(2026, 10, 23, 2, 0) // 22 Nov 23:00 local
    expect(nextLocalMidnight(lateEvening, SP)).toBe(Date.UTC(2026, 10, 23, 3, 0))
    expect(sameLocalDay(lateEvening, Date.UTC(2026, 10, 22, 3, 0), SP)).toBe(true)
    expect(sameLocalDay(lateEvening, Date.UTC(2026, 10, 23, 3, 0), SP)).toBe(false)
  })

  it('should give the local day containing an instant, 23 hours long on a DST start', () => {
    const lateEvening = Date.UTC(2026, 10, 23, 2, 0) // 22 Nov 23:00 in São Paulo
    expect(localDay(lateEvening, SP)).toEqual({
      start: Date.UTC(2026, 10, 22, 3, 0),
      end: Date.UTC(2026, 10, 23, 3, 0),
    })
    const ny = 'America/New_York'
    const day = localDay(Date.UTC(2026, 2, 8, 16, 0), ny) // 8 Mar 12:00 local, DST began at 02:00
    expect(day).toEqual({ start: Date.UTC(2026, 2, 8, 5, 0), end: Date.UTC(2026, 2, 9, 4, 0) })
  })

  it('should validate time zones', () => {
    expect(isValidTimeZone(SP)).toBe(true)
    expect(isValidTimeZone('Mars/Olympus')).toBe(false)
  })
})
