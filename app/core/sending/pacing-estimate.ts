// Campaign finish estimate: sessions send in parallel, each at its average pace (mean delay,
// capped by maxPerMinute), only inside its send window and up to its daily cap per local day.
// Computed day by day (not message by message) so it stays cheap for 100k+ contacts.

import { dailyCapOn, type Pacing } from './pacing'
import { fromLocalTime, toLocalTime } from './time-zone'

const MAX_DAYS = 400

function ratePerMs(p: Pacing): number {
  // Rest packages add one mean rest per mean package to every message's share of time.
  const rest = p.rest && p.rest.packageMax > 0 ? p.rest : null
  const restShareMs = rest
    ? (((rest.restMinMinutes + rest.restMaxMinutes) / 2) * 60_000) / ((rest.packageMin + rest.packageMax) / 2)
    : 0
  const meanDelayMs = ((p.minDelayS + p.maxDelayS) / 2) * 1000 + restShareMs
  const capRate = p.maxPerMinute / 60_000
  return meanDelayMs > 0 ? Math.min(1 / meanDelayMs, capRate) : capRate
}

/** Messages session p can send between from and to, both within local day starting at dayStart. */
function capacity(p: Pacing, dayStart: number, from: number, to: number): number {
  let start = from
  let end = to
  if (p.window) {
    const local = toLocalTime(dayStart, p.timeZone)
    if (!p.window.days.includes(local.weekday)) return 0
    start = Math.max(start, fromLocalTime(local, p.window.startMinute, p.timeZone))
    end = Math.min(end, fromLocalTime(local, p.window.endMinute, p.timeZone))
  }
  if (end <= start) return 0
  return Math.min((end - start) * ratePerMs(p), dailyCapOn(p, dayStart))
}

/** Estimated finish instant and duration for sending `messages` over `sessions`; null when never. */
export function estimateFinish(input: { messages: number; sessions: readonly Pacing[]; now: number }): {
  finishAt: number | null
  durationMs: number | null
} {
  const { messages, sessions, now } = input
  if (messages <= 0) return { finishAt: now, durationMs: 0 }
  if (sessions.length === 0) return { finishAt: null, durationMs: null }
  const timeZone = sessions[0]?.timeZone ?? 'America/Sao_Paulo'
  const today = toLocalTime(now, timeZone)
  let remaining = messages
  for (let d = 0; d < MAX_DAYS; d++) {
    const dayStart = fromLocalTime(today, 0, timeZone, d)
    const dayEnd = fromLocalTime(today, 0, timeZone, d + 1)
    const from = Math.max(now, dayStart)
    const total = (to: number) => sessions.reduce((sum, p) => sum + capacity(p, dayStart, from, to), 0)
    const dayTotal = total(dayEnd)
    if (dayTotal >= remaining) {
      let lo = from
      let hi = dayEnd
      while (hi - lo > 1000) {
        const mid = Math.floor((lo + hi) / 2)
        if (total(mid) >= remaining) hi = mid
        else lo = mid
      }
      return { finishAt: hi, durationMs: hi - now }
    }
    remaining -= dayTotal
  }
  return { finishAt: null, durationMs: null }
}

/** Rough human duration: pt-BR "~2 dias e 3 h", "~1 h e 20 min", "~45 min"; en "~2 days 3 h". */
export function formatDuration(ms: number, locale: string = 'pt-BR'): string {
  const en = locale === 'en' || locale.startsWith('en-')
  if (!Number.isFinite(ms) || ms < 0) return en ? 'unknown' : 'indefinido'
  const totalMin = Math.round(ms / 60_000)
  if (totalMin < 1) return en ? 'less than 1 min' : 'menos de 1 min'
  if (totalMin < 60) return `~${totalMin} min`
  if (totalMin < 24 * 60) {
    const h = Math.floor(totalMin / 60)
    const m = totalMin % 60
    if (m === 0) return `~${h} h`
    return en ? `~${h} h ${m} min` : `~${h} h e ${m} min`
  }
  const totalH = Math.round(totalMin / 60)
  const days = Math.floor(totalH / 24)
  const h = totalH % 24
  const dayWord = en ? (days === 1 ? 'day' : 'days') : days === 1 ? 'dia' : 'dias'
  if (h === 0) return `~${days} ${dayWord}`
  return en ? `~${days} ${dayWord} ${h} h` : `~${days} ${dayWord} e ${h} h`
}
