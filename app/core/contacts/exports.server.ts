// The contact CSV downloads, for Excel pt-BR (';', UTF-8 BOM, CRLF), formula-safe (csv-export.ts),
// dates in São Paulo time (dd/mm/aaaa hh:mm), words in the viewer's language, streamed in pages:
// - a list ("Exportar CSV"): every contact with name, phone, e-mail, company, each extra spreadsheet
//   column, and whether the number is opted out now and since when. Pages follow the
//   (list_id, phone_e164) unique index, so the file is in phone order and each page is one index range
//   (ordering by id would sort the whole list for every page);
// - the rejected rows of a list's imports ("Baixar rejeitados");
// - the tenant's opt-outs.
import { and, asc, desc, eq, gt, lt, or, sql } from 'drizzle-orm'
import { contacts, importRowsRejected, suppressions, users } from '../../../db/schema'
import { ownedBy, type TenantScope } from '../db/tenant.server'
import { exportFileName, formatLocalDateTime, localDateStamp } from '../tracking/report-format'
import { csvStream, type ExportWords, phoneCell, typedCell } from './csv-export'
import { storedMapping } from './import/source.server'
import { getList, REJECT_COLUMNS, rejectRow } from './lists.server'
import { optOutSource } from './optout-words'

const EXPORT_PAGE = 2000

export type ExtraColumnHead = { key: string; label: string }

/** Most extra columns an import keeps (IMPORT_LIMITS.maxColumns) and so the most a list can show. */
const MAX_EXTRA_COLUMNS = 200

/**
 * Every extra column key of the list's contacts (all of them: imports into the same list may bring
 * different columns), in first-seen order, labelled with the spreadsheet's header when the list's
 * last mapping knows it. One pass over the list's contacts.
 */
async function listExtraColumns(
  scope: TenantScope,
  list: { id: string; mapping: unknown },
): Promise<ExtraColumnHead[]> {
  const rows = await scope.db.all<{ key: string }>(sql`
    SELECT j.key AS key, min(c.id) AS first FROM ${contacts} c, json_each(c.extra) j
    WHERE c.tenant_id = ${scope.tenantId} AND c.list_id = ${list.id} AND c.extra IS NOT NULL
      AND json_valid(c.extra)
    GROUP BY j.key ORDER BY first LIMIT ${MAX_EXTRA_COLUMNS}`)
  return labelled(
    rows.map((r) => r.key),
    list.mapping,
  )
}

/** Keys with the spreadsheet's header label when the mapping has it (else the key itself). */
export function labelled(keys: string[], mapping: unknown): ExtraColumnHead[] {
  const labels = new Map((storedMapping(mapping)?.extras ?? []).map((e) => [e.key, e.label]))
  return keys.map((key) => ({ key, label: labels.get(key)?.trim() || key }))
}

/** The list's contacts as a CSV stream, and its file name; 404 before anything is streamed. */
export async function listExport(
  scope: TenantScope,
  listId: string,
  words: ExportWords,
  pageSize = EXPORT_PAGE,
): Promise<{ fileName: string; body: ReadableStream<Uint8Array> }> {
  const list = await getList(scope, listId)
  const extras = await listExtraColumns(scope, list)
  const header = [
    words('export.list.name'),
    words('export.list.phone'),
    words('export.list.email'),
    words('export.list.company'),
    ...extras.map((e) => typedCell(e.label)),
    words('export.list.optOut'),
    words('export.list.optOutSince'),
  ]
  const yes = words('common.yes')
  const no = words('common.no')
  let after = ''
  let done = false
  const body = csvStream(header, async () => {
    if (done) return null
    const rows = await scope.db
      .select({
        name: contacts.name,
        phone: contacts.phoneE164,
        email: contacts.email,
        company: contacts.company,
        extra: contacts.extra,
        optedOutAt: suppressions.createdAt,
      })
      .from(contacts)
      .leftJoin(
        suppressions,
        and(eq(suppressions.tenantId, contacts.tenantId), eq(suppressions.phoneE164, contacts.phoneE164)),
      )
      .where(ownedBy(scope, contacts, eq(contacts.listId, list.id), gt(contacts.phoneE164, after)))
      .orderBy(asc(contacts.phoneE164))
      .limit(pageSize)
    if (rows.length < pageSize) done = true
    after = rows.at(-1)?.phone ?? after
    return rows.map((r) => [
      typedCell(r.name),
      phoneCell(r.phone),
      typedCell(r.email ?? ''),
      typedCell(r.company ?? ''),
      ...extras.map((e) => typedCell(extraValue(r.extra, e.key))),
      r.optedOutAt === null ? no : yes,
      formatLocalDateTime(r.optedOutAt),
    ])
  })
  return { fileName: exportFileName(list.name, scope.clock(), 'lista'), body }
}

function extraValue(extra: Record<string, string> | null, key: string): string {
  const v = extra?.[key]
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v)
}

/** "Baixar rejeitados": line, original text, reason, in line order; 404 before anything is streamed. */
export async function rejectsExport(
  scope: TenantScope,
  listId: string,
  words: ExportWords,
  pageSize = EXPORT_PAGE,
): Promise<{ fileName: string; body: ReadableStream<Uint8Array> }> {
  const list = await getList(scope, listId)
  const header = [words('export.rejects.line'), words('export.rejects.raw'), words('export.rejects.reason')]
  let after = 0
  let done = false
  const body = csvStream(header, async () => {
    if (done) return null
    const rows = await scope.db
      .select(REJECT_COLUMNS)
      .from(importRowsRejected)
      .where(
        ownedBy(
          scope,
          importRowsRejected,
          eq(importRowsRejected.listId, list.id),
          gt(importRowsRejected.lineNumber, after),
        ),
      )
      .orderBy(asc(importRowsRejected.lineNumber))
      .limit(pageSize)
    if (rows.length < pageSize) done = true
    after = rows.at(-1)?.line ?? after
    return rows.map(rejectRow).map((r) => [String(r.line), typedCell(r.raw), typedCell(words(r.reason))])
  })
  return { fileName: exportFileName(list.name, scope.clock(), 'rejeitados'), body }
}

/** Every opt-out of the tenant, newest first (as on the opt-outs page). */
export function optOutsExport(
  scope: TenantScope,
  words: ExportWords,
  pageSize = EXPORT_PAGE,
): { fileName: string; body: ReadableStream<Uint8Array> } {
  const header = ['phone', 'reason', 'source', 'note', 'date', 'who'].map((k) => words(`optouts.col.${k}`))
  // keyset on (created_at, id), newest first like the opt-outs page
  let before: { at: number; id: number } | null = null
  let done = false
  const body = csvStream(header, async () => {
    if (done) return null
    const rows = await scope.db
      .select({
        id: suppressions.id,
        phone: suppressions.phoneE164,
        reason: suppressions.reason,
        source: suppressions.source,
        note: suppressions.note,
        createdAt: suppressions.createdAt,
        who: users.name,
      })
      .from(suppressions)
      .leftJoin(users, and(eq(users.id, suppressions.createdBy), eq(users.tenantId, suppressions.tenantId)))
      .where(
        ownedBy(
          scope,
          suppressions,
          before
            ? or(
                lt(suppressions.createdAt, before.at),
                and(eq(suppressions.createdAt, before.at), lt(suppressions.id, before.id)),
              )
            : undefined,
        ),
      )
      .orderBy(desc(suppressions.createdAt), desc(suppressions.id))
      .limit(pageSize)
    if (rows.length < pageSize) done = true
    const last = rows.at(-1)
    if (last) before = { at: last.createdAt, id: last.id }
    return rows.map((r) => [
      phoneCell(r.phone),
      words(`optouts.reason.${r.reason}`),
      typedCell(optOutSource(r.source, words)),
      typedCell(r.note ?? ''),
      formatLocalDateTime(r.createdAt),
      typedCell(r.who ?? ''),
    ])
  })
  return { fileName: `opt-outs-${localDateStamp(scope.clock())}.csv`, body }
}
