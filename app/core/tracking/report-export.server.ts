// "Exportar CSV" of a campaign: one line per contact (name, phone, status, session, dates in São
// Paulo time as dd/mm/aaaa hh:mm, error), in the viewer's language, formula-safe with phones shown as
// typed (csv-export.ts), ';', UTF-8 BOM, CRLF (Excel pt-BR). Streamed in pages of EXPORT_PAGE rows
// keyed by contact id (the campaign+contact unique index: no sorting), so a 100,000-row campaign
// never sits in memory at once.

import { asc, eq, gt } from 'drizzle-orm'
import { campaignMessages, wahaSessions } from '../../../db/schema'
import type { ArchiveProblem } from '../campaigns/archive-format'
import { type ArchivedContactRow, archivedExportRows } from '../campaigns/archive-read.server'
import { getCampaign } from '../campaigns/campaigns.server'
import { isMessageStatus, messageStatusLabel } from '../campaigns/status'
import { csvStream, type ExportWords, phoneCell, typedCell } from '../contacts/csv-export'
import { ownedBy, type TenantScope } from '../db/tenant.server'
import { failureText } from '../stored-text'
import { CONTACT_ROW_COLUMNS } from './report-columns'
import { exportFileName, formatLocalDateTime } from './report-format'

const EXPORT_PAGE = 2000

const COLUMNS = [
  'name',
  'phone',
  'status',
  'session',
  'sent',
  'delivered',
  'read',
  'clicked',
  'replied',
  'error',
]

/** The export's columns of an outbox row, in D1 or in an archive (decision 042). */
type ExportRow = Omit<ArchivedContactRow, 'id' | 'failedAt'>

/** The cells of one row: safe for a spreadsheet, words in the viewer's language. */
function exportCells(
  r: ExportRow,
  sessionName: (id: string | null) => string,
  words: ExportWords,
  locale: string,
): string[] {
  return [
    typedCell(r.contactName ?? ''),
    phoneCell(r.phoneE164),
    isMessageStatus(r.status) ? messageStatusLabel(r.status, locale) : words('export.campaign.unknownStatus'),
    typedCell(sessionName(r.sessionId)),
    formatLocalDateTime(r.sentAt),
    formatLocalDateTime(r.deliveredAt),
    formatLocalDateTime(r.readAt),
    formatLocalDateTime(r.clickedAt),
    formatLocalDateTime(r.repliedAt),
    r.error ? typedCell(words(failureText(r) ?? r.error)) : '',
  ]
}

/**
 * The export as a stream plus its file name; NotFoundError (404) for another tenant's or a missing
 * campaign, checked before anything is streamed.
 */
export async function campaignExport(
  scope: TenantScope,
  campaignId: string,
  words: ExportWords,
  locale: string,
  pageSize = EXPORT_PAGE,
): Promise<{ fileName: string; body: ReadableStream<Uint8Array> } | { problem: ArchiveProblem }> {
  const campaign = await getCampaign(scope, campaignId)
  // An archived campaign's rows come from its R2 object (decision 042).
  const archived = await archivedExportRows(scope, campaign.id)
  if (archived && 'problem' in archived) return { problem: archived.problem }
  const sessions = await scope.db
    .select({ id: wahaSessions.id, name: wahaSessions.displayName })
    .from(wahaSessions)
    .where(ownedBy(scope, wahaSessions))
  const names = new Map(sessions.map((s) => [s.id, s.name]))
  const sessionName = (id: string | null) => (id ? (names.get(id) ?? '') : '')
  const m = campaignMessages
  let cursor = 0
  let done = false
  const header = COLUMNS.map((c) => words(`export.campaign.${c}`))
  const body = csvStream(header, async () => {
    if (done) return null
    if (archived) {
      const rows: ExportRow[] = []
      for (let r = await archived.rows.next(); !r.done; r = await archived.rows.next()) {
        rows.push(r.value)
        if (rows.length >= pageSize) break
      }
      if (rows.length < pageSize) done = true
      return rows.map((r) => exportCells(r, sessionName, words, locale))
    }
    const rows: ExportRow[] = await scope.db
      .select(CONTACT_ROW_COLUMNS)
      .from(m)
      .where(ownedBy(scope, m, eq(m.campaignId, campaign.id), gt(m.contactId, cursor)))
      .orderBy(asc(m.contactId))
      .limit(pageSize)
    if (rows.length < pageSize) done = true
    cursor = rows.at(-1)?.contactId ?? cursor
    return rows.map((r) => exportCells(r, sessionName, words, locale))
  })
  return { fileName: exportFileName(campaign.name, scope.clock()), body }
}
