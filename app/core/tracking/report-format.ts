// São Paulo time for the export (dd/mm/aaaa hh:mm), fast enough for 100k rows × 5 dates: the zone's
// offset is looked up once per hour (Intl) and the rest is arithmetic. And the export's file name.
import { toLocalTime } from '../sending/time-zone'
import { HOUR_MS, REPORT_TIME_ZONE } from './report'

const offsetCache = new Map<number, number>()

function offsetMs(ms: number, timeZone: string): number {
  const hour = Math.floor(ms / HOUR_MS)
  const key = timeZone === REPORT_TIME_ZONE ? hour : Number.NaN
  const cached = offsetCache.get(key)
  if (cached !== undefined) return cached
  const l = toLocalTime(hour * HOUR_MS, timeZone)
  const offset = Date.UTC(l.year, l.month - 1, l.day, 0, l.minuteOfDay, l.second) - hour * HOUR_MS
  if (!Number.isNaN(key)) {
    if (offsetCache.size > 50_000) offsetCache.clear()
    offsetCache.set(key, offset)
  }
  return offset
}

const two = (n: number) => (n < 10 ? `0${n}` : String(n))

/** "23/11/2026 14:05" in São Paulo (or `timeZone`); '' for null. */
export function formatLocalDateTime(ms: number | null | undefined, timeZone = REPORT_TIME_ZONE): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return ''
  const d = new Date(ms + offsetMs(ms, timeZone))
  return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`
}

/** An ASCII file name for Content-Disposition: "campanha-black-friday-2026-11-23.csv" (or "lista-..."). */
export function exportFileName(name: string, now: number, prefix = 'campanha'): string {
  const slug = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '')
  return `${prefix}-${slug || 'sem-nome'}-${localDateStamp(now)}.csv`
}

/** Today in São Paulo as "2026-11-23" (for file names). */
export function localDateStamp(now: number): string {
  const l = toLocalTime(now, REPORT_TIME_ZONE)
  return `${l.year}-${two(l.month)}-${two(l.day)}`
}
