// "Exportar CSV" of a campaign: one line per contact (nome, telefone, status, sessão, dates in São
// Paulo time, erro), formula-safe, ';', UTF-8 BOM, CRLF (Excel pt-BR). Streamed in pages of
// EXPORT_PAGE rows keyed by contact id (the campaign+contact unique index: no sorting), so a
// 100,000-row campaign never sits in memory at once.
import { asc, eq, gt } from 'drizzle-orm'
import { campaignMessages, wahaSessions } from '../../../db/schema'
import { getCampaign } from '../campaigns/campaigns.server'
import { isMessageStatus, messageStatusLabel } from '../campaigns/status'
import { escapeFormula, toCsvLine } from '../contacts/csv-export'
import { type TenantScope, ownedBy } from '../db/tenant.server'
import { CONTACT_ROW_COLUMNS } from './report-columns'
import { exportFileName, formatLocalDateTime } from './report-format'

export const EXPORT_PAGE = 2000

const HEADER = [
  'nome',
  'telefone',
  'status',
  'sessão',
  'enviado em',
  'entregue em',
  'lido em',
  'clicou em',
  'respondeu em',
  'erro',
]

type ExportRow = {
  contactId: number
  contactName: string | null
  phoneE164: string
  status: string
  sessionId: string | null
  sentAt: number | null
  deliveredAt: number | null
  readAt: number | null
  clickedAt: number | null
  repliedAt: number | null
  error: string | null
}

/** One CSV line (with CRLF) for a row; formulas escaped. */
export function exportLine(r: ExportRow, sessionName: (id: string | null) => string): string {
  const cells = [
    r.contactName ?? '',
    r.phoneE164,
    isMessageStatus(r.status) ? messageStatusLabel(r.status, 'pt-BR') : r.status,
    sessionName(r.sessionId),
    formatLocalDateTime(r.sentAt),
    formatLocalDateTime(r.deliveredAt),
    formatLocalDateTime(r.readAt),
    formatLocalDateTime(r.clickedAt),
    formatLocalDateTime(r.repliedAt),
    r.error ?? '',
  ]
  return `${toCsvLine(cells.map(escapeFormula), ';')}\r\n`
}

/**
 * The export as a stream plus its file name; NotFoundError (404) for another tenant's or a missing
 * campaign, checked before anything is streamed.
 */
export async function campaignExport(
  scope: TenantScope,
  campaignId: string,
  pageSize = EXPORT_PAGE,
): Promise<{ fileName: string; body: ReadableStream<Uint8Array> }> {
  const campaign = await getCampaign(scope, campaignId)
  const sessions = await scope.db
    .select({ id: wahaSessions.id, name: wahaSessions.displayName })
    .from(wahaSessions)
    .where(ownedBy(scope, wahaSessions))
  const names = new Map(sessions.map((s) => [s.id, s.name]))
  const sessionName = (id: string | null) => (id ? (names.get(id) ?? '') : '')
  const encoder = new TextEncoder()
  const m = campaignMessages
  let cursor = 0
  let started = false
  let done = false
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true
        controller.enqueue(encoder.encode(`\uFEFF${toCsvLine(HEADER, ';')}\r\n`))
        return
      }
      if (done) return
      const rows: ExportRow[] = await scope.db
        .select(CONTACT_ROW_COLUMNS)
        .from(m)
        .where(ownedBy(scope, m, eq(m.campaignId, campaign.id), gt(m.contactId, cursor)))
        .orderBy(asc(m.contactId))
        .limit(pageSize)
      let chunk = ''
      for (const r of rows) chunk += exportLine(r, sessionName)
      if (chunk) controller.enqueue(encoder.encode(chunk))
      const last = rows.at(-1)
      if (!last || rows.length < pageSize) {
        done = true
        controller.close()
        return
      }
      cursor = last.contactId
    },
  })
  return { fileName: exportFileName(campaign.name, scope.clock()), body }
}
