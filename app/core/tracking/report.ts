// The campaign report's pure side ("Acompanhamento"): funnel numbers and percentages from the grouped
// counts, progress and ETA at the observed rate, timeline buckets. No database here: report.server.ts
// runs the queries; the UI and tests use these. Table filters: report-filters.ts; export formatting:
// report-format.ts.
import { formatDuration } from '../sending/pacing-estimate'

export const REPORT_TIME_ZONE = 'America/Sao_Paulo'
/** A `sent` row older than this with no delivery ack counts as "sem confirmação". */
export const UNCONFIRMED_AFTER_MS = 60 * 60 * 1000
/** The ETA uses the rate observed over this window. */
export const RATE_WINDOW_MS = 10 * 60 * 1000
export const HOUR_MS = 60 * 60 * 1000
export const PAGE_SIZE = 50
/** Most bars a timeline chart draws; longer campaigns are drawn in wider buckets. */
const MAX_TIMELINE_BARS = 72

/**
 * One group of the funnel query (GROUP BY status over the campaign+status index, no sort): its row
 * count and the few sums that need the row itself.
 */
export type StatusGroup = {
  status: string
  n: number
  /** Rows with clicked_at / replied_at. */
  clicked: number
  replied: number
  /** Rows sent or failed within RATE_WINDOW_MS. */
  recent: number
  /** Rows with error_kind 'suppressed' (only `skipped` rows matter). */
  suppressed: number
}

/**
 * One group of the session/timeline query (GROUP BY session, status, send-time bucket over the rows
 * that went out or failed): gives the per-session split, the sends timeline and the unconfirmed age.
 */
export type SessionGroup = {
  sessionId: string | null
  status: string
  /** floor(sent_at / bucket length); null when the row has no sent_at. */
  bucket: number | null
  n: number
  /** Rows whose sent_at is older than UNCONFIRMED_AFTER_MS (only `sent` rows matter). */
  oldSent: number
}

const WAITING = new Set(['pending', 'queued', 'sending'])
const SENT = new Set(['sent', 'delivered', 'read'])

export const FUNNEL_KEYS = [
  'waiting',
  'sent',
  'delivered',
  'read',
  'clicked',
  'replied',
  'failed',
  'optOuts',
  'unconfirmed',
  'skipped',
] as const
export type FunnelKey = (typeof FUNNEL_KEYS)[number]

/** What each percentage is relative to: the whole campaign or the messages that went out. */
export const FUNNEL_BASE: Record<FunnelKey, 'total' | 'sent'> = {
  waiting: 'total',
  sent: 'total',
  delivered: 'sent',
  read: 'sent',
  clicked: 'sent',
  replied: 'sent',
  failed: 'total',
  optOuts: 'total',
  unconfirmed: 'total',
  skipped: 'total',
}

export type Funnel = { total: number } & Record<FunnelKey, number> & {
    /** Percent (0..100, one decimal) of each number against its base. */
    pct: Record<FunnelKey, number>
    /** Rows that left the queue in the last RATE_WINDOW_MS (sent or failed). */
    recent: number
  }

/** Adds up the groups and the late opt-outs into the funnel. */
export function buildFunnel(
  groups: readonly StatusGroup[],
  sessions: readonly SessionGroup[],
  lateOptOuts: number,
): Funnel {
  const sum = (pick: (g: StatusGroup) => number, where: (g: StatusGroup) => boolean = () => true) =>
    groups.reduce((t, g) => t + (where(g) ? Number(pick(g)) || 0 : 0), 0)
  const n = (g: StatusGroup) => g.n
  const is =
    (...statuses: string[]) =>
    (g: StatusGroup) =>
      statuses.includes(g.status)
  const total = sum(n)
  const suppressed = sum((g) => g.suppressed, is('skipped'))
  const oldSent = sessions.reduce((t, g) => t + (g.status === 'sent' ? Number(g.oldSent) || 0 : 0), 0)
  const values: Record<FunnelKey, number> = {
    waiting: sum(n, (g) => WAITING.has(g.status)),
    sent: sum(n, (g) => SENT.has(g.status)),
    delivered: sum(n, is('delivered', 'read')),
    read: sum(n, is('read')),
    clicked: sum((g) => g.clicked),
    replied: sum((g) => g.replied),
    failed: sum(n, is('failed')),
    optOuts: suppressed + Math.max(0, lateOptOuts),
    unconfirmed: oldSent + sum(n, is('unknown')),
    // Skipped for reasons other than an opt-out (duplicate number, campaign cancelled).
    skipped: sum(n, is('skipped')) - suppressed,
  }
  const pct = {} as Record<FunnelKey, number>
  for (const k of FUNNEL_KEYS) pct[k] = percent(values[k], FUNNEL_BASE[k] === 'sent' ? values.sent : total)
  return { total, ...values, pct, recent: sum((g) => g.recent) }
}

/** Messages by status (the detail grid). */
export function statusCountsOf(groups: readonly StatusGroup[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const g of groups) out[g.status] = (out[g.status] ?? 0) + (Number(g.n) || 0)
  return out
}

/** Key of the per-session line for rows that failed before any session took them. */
export const NO_SESSION = ''

/**
 * Per session: sent (or beyond), failed, and unconfirmed (unknown, or sent over an hour ago unacked).
 * Rows without a session (failed before any session took them) go under NO_SESSION, so the lines add
 * up to the funnel's sent, failed and unconfirmed.
 */
export function sessionSplit(
  groups: readonly SessionGroup[],
): Map<string, { sent: number; failed: number; unconfirmed: number }> {
  const out = new Map<string, { sent: number; failed: number; unconfirmed: number }>()
  for (const g of groups) {
    const key = g.sessionId ?? NO_SESSION
    const s = out.get(key) ?? { sent: 0, failed: 0, unconfirmed: 0 }
    const n = Number(g.n) || 0
    if (SENT.has(g.status)) s.sent += n
    if (g.status === 'failed') s.failed += n
    if (g.status === 'unknown') s.unconfirmed += n
    if (g.status === 'sent') s.unconfirmed += Number(g.oldSent) || 0
    out.set(key, s)
  }
  return out
}

/** Sends per time bucket (rows with a sent_at: sent, delivered, read, and failed after an ERROR ack). */
export function sentBuckets(groups: readonly SessionGroup[]): HourCount[] {
  const by = new Map<number, number>()
  for (const g of groups) {
    if (g.bucket === null || g.bucket === undefined) continue
    by.set(Number(g.bucket), (by.get(Number(g.bucket)) ?? 0) + (Number(g.n) || 0))
  }
  return [...by].map(([hour, n]) => ({ hour, n }))
}

/**
 * Hours per timeline bucket so a campaign running since `startedAt` fits in MAX_TIMELINE_BARS bars;
 * also bounds how many groups the timeline queries return.
 */
export function bucketHoursFor(startedAt: number | null, now: number): number {
  if (startedAt === null || !Number.isFinite(startedAt) || startedAt >= now) return 1
  return Math.max(1, Math.ceil((now - startedAt) / HOUR_MS / MAX_TIMELINE_BARS))
}

type TableFilter = {
  status: string | null
  activity: 'clicked' | 'replied' | 'optedOut' | null
  sessionId: string | null
  q: string | null
}

/** True when the grouped counts cannot say how many rows the filters match. */
export function needsCountQuery(f: TableFilter): boolean {
  return Boolean(f.sessionId || f.q || (f.status && f.activity))
}

/**
 * How many rows the per-contact table's filters match, read from the same grouped counts as the
 * funnel and the tiles (so the figures on the page agree); null when the combination needs a count
 * query (a session, a search, or a status together with an activity).
 */
export function tableTotalOf(
  f: TableFilter,
  funnel: Funnel,
  statusCounts: Record<string, number>,
): number | null {
  if (needsCountQuery(f)) return null
  if (f.status) return statusCounts[f.status] ?? 0
  if (f.activity) return f.activity === 'optedOut' ? funnel.optOuts : funnel[f.activity]
  return funnel.total
}

/** part/whole as a percentage with one decimal; 0 when whole is 0. */
export function percent(part: number, whole: number): number {
  if (!whole || whole <= 0 || !Number.isFinite(part)) return 0
  return Math.round((part / whole) * 1000) / 10
}

export type Progress = {
  done: number
  total: number
  pct: number
  etaMs: number | null
  ratePerHour: number
  /** What the ETA rests on: the sessions' effective pacing, or the rate observed since sending began. */
  etaBasis?: 'pacing' | 'observed'
  /** Sessions the ETA counts on. */
  etaSessions?: number
}

/**
 * Progress of a campaign: everything not waiting is done. ETA: the waiting rows at the rate observed
 * over the last RATE_WINDOW_MS; null when nothing moved in that window (paused, outside the window).
 */
export function progressOf(funnel: Pick<Funnel, 'total' | 'waiting' | 'recent'>): Progress {
  const done = Math.max(0, funnel.total - funnel.waiting)
  const perMs = funnel.recent / RATE_WINDOW_MS
  const etaMs = funnel.waiting === 0 ? 0 : perMs > 0 ? Math.round(funnel.waiting / perMs) : null
  return {
    done,
    total: funnel.total,
    pct: percent(done, funnel.total),
    etaMs,
    ratePerHour: Math.round(perMs * HOUR_MS),
  }
}

/** "~2 h e 10 min" or null when no ETA can be given. */
export function etaText(etaMs: number | null, locale: string): string | null {
  return etaMs === null ? null : formatDuration(etaMs, locale)
}

/** A count per time bucket: `hour` is floor(ms / (bucketHours × 1 h)). */
export type HourCount = { hour: number; n: number }
export type TimelineBar = { start: number; sent: number; read: number }

/**
 * Joins the send and read counts per bucket (`bucketHours` hours each) into consecutive bars from the
 * first to the last active bucket; longer spans than `maxBars` merge neighbouring buckets.
 */
export function timelineBars(
  sent: readonly HourCount[],
  read: readonly HourCount[],
  bucketHours = 1,
  maxBars = MAX_TIMELINE_BARS,
): { bars: TimelineBar[]; hoursPerBar: number } {
  const buckets = [...sent, ...read].map((h) => h.hour).filter((h) => Number.isFinite(h))
  if (buckets.length === 0) return { bars: [], hoursPerBar: bucketHours }
  const first = Math.min(...buckets)
  const last = Math.max(...buckets)
  const span = last - first + 1
  const merge = Math.max(1, Math.ceil(span / maxBars))
  const count = Math.ceil(span / merge)
  const bars: TimelineBar[] = Array.from({ length: count }, (_, i) => ({
    start: (first + i * merge) * bucketHours * HOUR_MS,
    sent: 0,
    read: 0,
  }))
  const slot = (bucket: number) => bars[Math.floor((bucket - first) / merge)]
  for (const h of sent) {
    const bar = slot(h.hour)
    if (bar) bar.sent += h.n
  }
  for (const h of read) {
    const bar = slot(h.hour)
    if (bar) bar.read += h.n
  }
  return { bars, hoursPerBar: merge * bucketHours }
}

/** A "nice" axis maximum (1, 2, 5 × 10^n) at or above `value`. */
export function niceMax(value: number): number {
  if (!Number.isFinite(value) || value <= 1) return 1
  const power = 10 ** Math.floor(Math.log10(value))
  for (const m of [1, 2, 5, 10]) if (m * power >= value) return m * power
  return 10 * power
}
