// Reading an archived campaign (decision 042): the report's totals from the snapshot kept with the
// archive, the per-contact table and the CSV export from the R2 object (checked against its checksum,
// decompressed as a stream, paged by contact id like the D1 table), with the erasures recorded after
// the object was written applied on the way out. A missing or corrupt object: the totals still show
// and the page says which (ArchiveProblem); nothing else changes.
import { gt, gte } from 'drizzle-orm'
import { archiveErasures, type campaignMessages, suppressions } from '../../../db/schema'
import { ownedBy, type TenantScope } from '../db/tenant.server'
import { failureText } from '../stored-text'
import { PAGE_SIZE } from '../tracking/report'
import type { CampaignReport } from '../tracking/report.server'
import type { RowFilters } from '../tracking/report-filters'
import { phoneDigits } from '../tracking/report-filters'
import { type ArchiveProblem, ArchiveUnreadable, decodeArchive, type RawRow } from './archive-format'
import { type ArchiveRow, loadArchiveBytes, readableArchive } from './archive-store.server'
import type { ArchiveTotals } from './archive-totals'

/** One outbox row as the report table and the export read it. */
export type ArchivedContactRow = Pick<
  typeof campaignMessages.$inferSelect,
  | 'id'
  | 'contactId'
  | 'contactName'
  | 'phoneE164'
  | 'status'
  | 'sessionId'
  | 'sentAt'
  | 'deliveredAt'
  | 'readAt'
  | 'clickedAt'
  | 'repliedAt'
  | 'failedAt'
  | 'error'
  | 'errorCode'
  | 'errorParams'
  | 'errorKind'
>

const str = (v: RawRow[string] | undefined) => (v === null || v === undefined ? null : String(v))
const num = (v: RawRow[string] | undefined) => (v === null || v === undefined ? null : Number(v))

function contactRow(r: RawRow, erased: Set<string>): ArchivedContactRow {
  const phone = String(r.phone_e164)
  return {
    id: Number(r.id),
    contactId: Number(r.contact_id),
    contactName: erased.has(phone) ? null : str(r.contact_name),
    phoneE164: phone,
    status: String(r.status),
    sessionId: str(r.session_id),
    sentAt: num(r.sent_at),
    deliveredAt: num(r.delivered_at),
    readAt: num(r.read_at),
    clickedAt: num(r.clicked_at),
    repliedAt: num(r.replied_at),
    failedAt: num(r.failed_at),
    error: str(r.error),
    errorCode: str(r.error_code),
    errorParams: str(r.error_params),
    errorKind: str(r.error_kind),
  }
}

/** Phones erased (LGPD) after the object's rows were read: they leave every row read from it. */
export async function erasedSince(scope: TenantScope, since: number): Promise<Set<string>> {
  const rows = await scope.db
    .select({ phone: archiveErasures.phoneE164 })
    .from(archiveErasures)
    .where(ownedBy(scope, archiveErasures, gte(archiveErasures.createdAt, since)))
  return new Set(rows.map((r) => r.phone))
}

type Opened =
  | { rows: () => AsyncGenerator<ArchivedContactRow>; ms: number }
  | { problem: ArchiveProblem; ms: number }

/** Fetches and checks the object; `ms` is how long R2 and the check took. */
async function openArchive(scope: TenantScope, a: ArchiveRow): Promise<Opened> {
  const started = Date.now()
  const bytes = await loadArchiveBytes(scope.env, a.r2Key)
  if (!bytes) return { problem: 'missing', ms: Date.now() - started }
  try {
    const [decoded, erased] = await Promise.all([
      decodeArchive(bytes, a.sha256),
      erasedSince(scope, a.rowsAt),
    ])
    return {
      ms: Date.now() - started,
      async *rows() {
        for await (const r of decoded.rows('campaign_messages')) yield contactRow(r, erased)
      },
    }
  } catch (e) {
    if (e instanceof ArchiveUnreadable) return { problem: e.problem, ms: Date.now() - started }
    throw e
  }
}

/** Late opt-outs need the tenant's suppressions created since the campaign started (phone → when). */
async function suppressedAt(scope: TenantScope, since: number) {
  const rows = await scope.db
    .select({ phone: suppressions.phoneE164, at: suppressions.createdAt })
    .from(suppressions)
    .where(ownedBy(scope, suppressions, gt(suppressions.createdAt, since)))
  return new Map(rows.map((r) => [r.phone, r.at]))
}

/** The table's filters as the D1 queries define them (report-queries.server.ts), on one row. */
function matcher(f: RowFilters, optedOutAt: Map<string, number> | null) {
  const digits = f.q ? phoneDigits(f.q) : null
  const q = f.q?.toLowerCase() ?? null
  return (r: ArchivedContactRow) => {
    if (f.status && r.status !== f.status) return false
    if (f.sessionId && r.sessionId !== f.sessionId) return false
    if (f.activity === 'clicked' && r.clickedAt === null) return false
    if (f.activity === 'replied' && r.repliedAt === null) return false
    if (f.activity === 'optedOut') {
      const later = optedOutAt?.get(r.phoneE164)
      const skipped = r.status === 'skipped' && r.errorKind === 'suppressed'
      if (!skipped && !(r.sentAt !== null && later !== undefined && later > r.sentAt)) return false
    }
    if (digits) return r.phoneE164.includes(digits)
    if (q) return (r.contactName ?? '').toLowerCase().includes(q) || r.phoneE164.includes(q)
    return true
  }
}

export type ArchiveView = { state: ArchiveRow['state']; ms: number; problem: ArchiveProblem | null }

/**
 * The report hook: for an archived campaign, the totals of the snapshot and a page of the archive's
 * rows replace what D1 no longer holds, and `archive` says how it went; otherwise the report as is.
 */
export async function withArchive<R extends CampaignReport>(
  scope: TenantScope,
  report: R,
  filters: RowFilters,
): Promise<R & { archive: ArchiveView | null }> {
  const a = await readableArchive(scope, report.campaign.id)
  if (!a) return { ...report, archive: null }
  const started = Date.now()
  const totals = a.totals as ArchiveTotals
  const opened = await openArchive(scope, a)
  const base = { ...report, ...totals, rows: [] as R['rows'], page: { nextAfter: null, prevBefore: null } }
  if ('problem' in opened)
    return { ...base, archive: { state: a.state, ms: opened.ms, problem: opened.problem } }
  const optedOut =
    filters.activity === 'optedOut' ? await suppressedAt(scope, report.campaign.startedAt ?? 0) : null
  const matches = matcher(filters, optedOut)
  const backwards = filters.before !== null && filters.after === null
  const unfiltered = !filters.status && !filters.activity && !filters.sessionId && !filters.q
  const names = new Map(report.sessionOptions.map((s) => [s.id, s.name]))
  let total = 0
  let window: ArchivedContactRow[] = []
  let more = false
  for await (const r of opened.rows()) {
    if (!matches(r)) continue
    total++
    if (backwards) {
      if (filters.before !== null && r.contactId >= filters.before) continue
      window.push(r)
      if (window.length > PAGE_SIZE) {
        window = window.slice(-PAGE_SIZE)
        more = true
      }
    } else if ((filters.after === null || r.contactId > filters.after) && window.length <= PAGE_SIZE) {
      window.push(r)
    }
  }
  if (!backwards) {
    more = window.length > PAGE_SIZE
    window = window.slice(0, PAGE_SIZE)
  }
  const rows = window.map(({ errorCode, errorParams, ...r }) => ({
    ...r,
    error: failureText({ ...r, errorCode, errorParams }),
    sessionName: r.sessionId ? (names.get(r.sessionId) ?? null) : null,
  }))
  const page = backwards
    ? { nextAfter: rows.at(-1)?.contactId ?? null, prevBefore: more ? (rows[0]?.contactId ?? null) : null }
    : {
        nextAfter: more ? (rows.at(-1)?.contactId ?? null) : null,
        prevBefore: filters.after !== null ? (rows[0]?.contactId ?? filters.after + 1) : null,
      }
  return {
    ...base,
    rows: rows as unknown as R['rows'],
    page,
    tableTotal: unfiltered ? totals.tableTotal : total,
    archive: { state: a.state, ms: Date.now() - started, problem: null },
  }
}

/**
 * The export's source for an archived campaign: null when the campaign is not archived (read D1), a
 * problem when the object cannot be read, or its rows in contact order.
 */
export async function archivedExportRows(
  scope: TenantScope,
  campaignId: string,
): Promise<null | { problem: ArchiveProblem } | { rows: AsyncGenerator<ArchivedContactRow> }> {
  const a = await readableArchive(scope, campaignId)
  if (!a) return null
  const opened = await openArchive(scope, a)
  return 'problem' in opened ? { problem: opened.problem } : { rows: opened.rows() }
}
