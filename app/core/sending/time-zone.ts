// Local wall-clock conversions for an IANA time zone using only Intl.DateTimeFormat (no tz
// library). Used for São Paulo send windows and daily caps; the offset is never hard-coded.

/** A local calendar date and time of day in some time zone. */
export interface LocalTime {
  year: number
  month: number
  day: number
  /** 0 = Sunday .. 6 = Saturday */
  weekday: number
  /** Minutes since local midnight, 0..1439. */
  minuteOfDay: number
  second: number
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formatters.set(timeZone, f)
  }
  return f
}

/** True when Intl knows the time zone. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone)
    return true
  } catch {
    return false
  }
}

/** Recent answers by (time zone, whole second): the sender asks for "now" several times per message. */
const recent = new Map<string, LocalTime>()
const RECENT_MAX = 256

/** Local calendar fields of instant `ms` in `timeZone`. */
export function toLocalTime(ms: number, timeZone: string): LocalTime {
  // The fields have a resolution of one second: every instant of the same second has the same answer.
  const key = `${timeZone}|${Math.floor(ms / 1000)}`
  const hit = recent.get(key)
  if (hit) return { ...hit }
  const parts: Record<string, number> = {}
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value)
  }
  const year = parts.year ?? 1970
  const month = parts.month ?? 1
  const day = parts.day ?? 1
  const hour = (parts.hour ?? 0) % 24
  const local: LocalTime = {
    year,
    month,
    day,
    weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay(),
    minuteOfDay: hour * 60 + (parts.minute ?? 0),
    second: parts.second ?? 0,
  }
  if (recent.size >= RECENT_MAX) recent.clear()
  recent.set(key, local)
  return { ...local }
}

function offsetAt(ms: number, timeZone: string): number {
  const l = toLocalTime(ms, timeZone)
  const asUtc = Date.UTC(l.year, l.month - 1, l.day, 0, l.minuteOfDay, l.second)
  return asUtc - Math.floor(ms / 1000) * 1000
}

/** The instant of local date (year, month, day + dayOffset) at minuteOfDay in timeZone. */
export function fromLocalTime(
  date: { year: number; month: number; day: number },
  minuteOfDay: number,
  timeZone: string,
  dayOffset = 0,
): number {
  const guess = Date.UTC(date.year, date.month - 1, date.day + dayOffset, 0, minuteOfDay)
  let utc = guess - offsetAt(guess, timeZone)
  // Second pass for offset changes (DST) between the guess and the answer.
  const corrected = guess - offsetAt(utc, timeZone)
  if (corrected !== utc) utc = corrected
  return utc
}

/**
 * The local day (in `timeZone`) containing `ms`: its first instant and the next day's first instant.
 * The one definition of "today" for daily caps, budgets, counts and charts.
 */
export function localDay(ms: number, timeZone: string): { start: number; end: number } {
  const local = toLocalTime(ms, timeZone)
  return { start: fromLocalTime(local, 0, timeZone), end: fromLocalTime(local, 0, timeZone, 1) }
}

/** Start of the local day after the one containing `ms`. */
export function nextLocalMidnight(ms: number, timeZone: string): number {
  return localDay(ms, timeZone).end
}

/** True when both instants fall on the same local calendar day. */
export function sameLocalDay(a: number, b: number, timeZone: string): boolean {
  const x = toLocalTime(a, timeZone)
  const y = toLocalTime(b, timeZone)
  return x.year === y.year && x.month === y.month && x.day === y.day
}
