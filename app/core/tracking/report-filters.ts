// The per-contact table's filters (status, what the person did: clicked, replied or opted out,
// session, name/phone search, keyset cursor), read from the query string without ever failing, and
// the LIKE pattern that respects D1's 50-byte limit.
import { MESSAGE_STATUSES, type MessageStatus } from '../campaigns/status'

/** What the person did, as the funnel counts it: clicked, replied, opted out (skipped or later). */
export const ACTIVITIES = { clicou: 'clicked', respondeu: 'replied', saiu: 'optedOut' } as const
export type Activity = (typeof ACTIVITIES)[keyof typeof ACTIVITIES]
const ACTIVITY_PARAM = Object.fromEntries(Object.entries(ACTIVITIES).map(([k, v]) => [v, k])) as Record<
  Activity,
  string
>

export type RowFilters = {
  status: MessageStatus | null
  activity: Activity | null
  sessionId: string | null
  q: string | null
  after: number | null
  before: number | null
}

/** Longest search kept: D1 refuses LIKE patterns over 50 bytes. */
const SEARCH_MAX = 40

const SESSION_ID = /^[A-Za-z0-9_-]{1,64}$/

function positiveInt(value: string | null): number | null {
  if (value === null || !/^\d{1,16}$/.test(value)) return null
  const n = Number(value)
  return Number.isSafeInteger(n) && n > 0 ? n : null
}

/** Reads the table's filters from a query string; anything malformed is ignored, never an error. */
export function parseRowFilters(params: URLSearchParams): RowFilters {
  const status = params.get('status')
  const session = params.get('sessao')
  const q = (params.get('q') ?? '').trim().slice(0, SEARCH_MAX)
  const activity = params.get('acao') ?? ''
  return {
    status:
      status && (MESSAGE_STATUSES as readonly string[]).includes(status) ? (status as MessageStatus) : null,
    activity: Object.hasOwn(ACTIVITIES, activity) ? ACTIVITIES[activity as keyof typeof ACTIVITIES] : null,
    sessionId: session && SESSION_ID.test(session) ? session : null,
    q: q.length > 0 ? q : null,
    after: positiveInt(params.get('depois')),
    before: positiveInt(params.get('antes')),
  }
}

/** The query string for the same filters at another page (cursor). */
export function filterQuery(f: RowFilters, cursor: { after?: number; before?: number } = {}): string {
  const p = new URLSearchParams()
  if (f.status) p.set('status', f.status)
  if (f.activity) p.set('acao', ACTIVITY_PARAM[f.activity])
  if (f.sessionId) p.set('sessao', f.sessionId)
  if (f.q) p.set('q', f.q)
  if (cursor.after) p.set('depois', String(cursor.after))
  if (cursor.before) p.set('antes', String(cursor.before))
  const s = p.toString()
  return s ? `?${s}` : ''
}

/** True when any filter narrows the table (the cursor is not a filter). */
export function isFiltered(f: RowFilters): boolean {
  return Boolean(f.status || f.activity || f.sessionId || f.q)
}

/** For a search: the digits of a phone-looking query (so "(11) 98765" finds +5511987650000). */
export function phoneDigits(q: string): string | null {
  const digits = q.replace(/\D/g, '')
  return digits.length >= 3 && /^[\d\s()+.-]+$/.test(q) ? digits : null
}
