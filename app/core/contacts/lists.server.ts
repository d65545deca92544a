// Contact lists after (or during) an import: the lists page, one list with its contacts and rejected
// rows, editing/deleting a contact, deleting a list, resuming a failed import, the rejects CSV.
import { and, asc, count, desc, eq, or, sql } from 'drizzle-orm'
import { contactLists, contacts, importRowsRejected, tenants } from '../../../db/schema'
import { storedText, type Text, text, textString } from '../../i18n/text'
import { containsText } from '../db/like'
import { found, ownedBy, ownedRow, type TenantScope } from '../db/tenant.server'
import { newId } from '../ids'
import { normalizeBrPhone } from '../phone/brazil'
import { audit } from '../tenants/audit.server'
import { enqueueImport } from './import/start.server'
import { withLiveCounts } from './list-counts.server'

export const CONTACTS_PAGE_SIZE = 50
export const REJECTS_PAGE_SIZE = 50

/** True when the contact's phone is on the tenant's opt-out list (columns qualified: the subquery has its own). */
export const OPTED_OUT = sql<number>`EXISTS (SELECT 1 FROM suppressions s WHERE s.tenant_id = "contacts"."tenant_id" AND s.phone_e164 = "contacts"."phone_e164")`

/** Every list of the tenant, newest first, with its counters (opt-outs as of now) and import progress. */
export async function listLists(scope: TenantScope) {
  const rows = await scope.db
    .select({
      id: contactLists.id,
      name: contactLists.name,
      status: contactLists.status,
      fileName: contactLists.fileName,
      fileSize: contactLists.fileSize,
      cursorByte: contactLists.cursorByte,
      totalRows: contactLists.totalRows,
      validCount: contactLists.validCount,
      invalidCount: contactLists.invalidCount,
      duplicateCount: contactLists.duplicateCount,
      suppressedCount: contactLists.suppressedCount,
      landlineCount: contactLists.landlineCount,
      error: contactLists.error,
      errorCode: contactLists.errorCode,
      errorParams: contactLists.errorParams,
      createdAt: contactLists.createdAt,
    })
    .from(contactLists)
    .where(ownedBy(scope, contactLists))
    .orderBy(desc(contactLists.createdAt))
  const counted = await withLiveCounts(scope, rows)
  return counted.map(({ errorCode, errorParams, ...list }) => ({
    ...list,
    error: listError({ error: list.error, errorCode, errorParams }),
  }))
}

/** Why a list's import failed, as a text (lists from before codes: their pt-BR sentence). */
export function listError(list: {
  error: string | null
  errorCode: string | null
  errorParams: string | null
}): Text | null {
  return storedText(list.errorCode, list.errorParams, list.error, text('import.failed'))
}

/** One list (404 for missing or another tenant's). */
export async function getList(scope: TenantScope, listId: string) {
  return found(
    await scope.db
      .select()
      .from(contactLists)
      .where(ownedRow(scope, contactLists, listId))
      .get(),
    'list',
  )
}

/** One list with its live counters (opt-outs as of now; 404 for missing or another tenant's). */
export async function getListWithCounts(scope: TenantScope, listId: string) {
  const [list] = await withLiveCounts(scope, [await getList(scope, listId)], listId)
  return list!
}

/** Import progress in percent (bytes read of the file). */
export function progressPercent(list: {
  status: string
  cursorByte: number
  fileSize: number | null
}): number {
  if (list.status === 'ready') return 100
  if (!list.fileSize) return 0
  return Math.min(99, Math.floor((list.cursorByte / list.fileSize) * 100))
}

/** The contacts page's search (name, or phone digits) as a condition on `contacts`. */
export function contactSearch(q: string) {
  const text = q.trim().slice(0, 100)
  if (!text) return undefined
  const digits = text.replace(/\D/g, '')
  const byName = containsText(contacts.name, text)
  if (digits.length >= 4 && digits.length >= text.replace(/[\s()+.-]/g, '').length) {
    return or(containsText(contacts.phoneE164, digits), byName)
  }
  return byName
}

/** A page of the list's contacts, optionally filtered by name or phone, with the opt-out flag. */
export async function listContacts(scope: TenantScope, listId: string, opts: { q?: string; page?: number }) {
  await getList(scope, listId)
  const page = Math.max(1, Math.floor(opts.page ?? 1))
  const where = ownedBy(scope, contacts, eq(contacts.listId, listId), contactSearch(opts.q ?? ''))
  const [rows, total] = await scope.db.batch([
    scope.db
      .select({
        id: contacts.id,
        personId: contacts.personId,
        name: contacts.name,
        phoneE164: contacts.phoneE164,
        phoneKind: contacts.phoneKind,
        email: contacts.email,
        company: contacts.company,
        extra: contacts.extra,
        sourceLine: contacts.sourceLine,
        suppressed: OPTED_OUT,
      })
      .from(contacts)
      .where(where)
      .orderBy(asc(contacts.id))
      .limit(CONTACTS_PAGE_SIZE)
      .offset((page - 1) * CONTACTS_PAGE_SIZE),
    scope.db.select({ n: count() }).from(contacts).where(where),
  ])
  return {
    rows: rows.map((r) => ({ ...r, suppressed: Boolean(r.suppressed) })),
    total: total[0]?.n ?? 0,
    page,
  }
}

/** A page of the rejected rows of the list's last import. */
export async function listRejects(scope: TenantScope, listId: string, opts: { page?: number }) {
  await getList(scope, listId)
  const page = Math.max(1, Math.floor(opts.page ?? 1))
  const where = ownedBy(scope, importRowsRejected, eq(importRowsRejected.listId, listId))
  const [rows, total] = await scope.db.batch([
    scope.db
      .select(REJECT_COLUMNS)
      .from(importRowsRejected)
      .where(where)
      .orderBy(asc(importRowsRejected.lineNumber))
      .limit(REJECTS_PAGE_SIZE)
      .offset((page - 1) * REJECTS_PAGE_SIZE),
    scope.db.select({ n: count() }).from(importRowsRejected).where(where),
  ])
  return { rows: rows.map(rejectRow), total: total[0]?.n ?? 0, page }
}

/** The columns of a rejected row (its reason as stored: code + params, or a pt-BR sentence before codes). */
export const REJECT_COLUMNS = {
  line: importRowsRejected.lineNumber,
  raw: importRowsRejected.raw,
  reason: importRowsRejected.reason,
  reasonCode: importRowsRejected.reasonCode,
  reasonParams: importRowsRejected.reasonParams,
}

/** A rejected row with its reason as a text (rows from before codes: their sentence in pt-BR). */
export function rejectRow(r: {
  line: number
  raw: string
  reason: string
  reasonCode: string | null
  reasonParams: string | null
}): { line: number; raw: string; reason: Text } {
  const reason = storedText(r.reasonCode, r.reasonParams, r.reason, GENERIC_REJECT) ?? GENERIC_REJECT
  return { line: r.line, raw: r.raw, reason }
}

const GENERIC_REJECT = text('import.reject.generic')

/** Recomputes a list's contact counters from its rows (after edits, deletions and opt-out changes). */
export async function recountList(scope: TenantScope, listId: string): Promise<void> {
  const optedOut = OPTED_OUT
  const row = await scope.db
    .select({
      total: count(),
      suppressed: sql<number>`coalesce(sum(${optedOut}), 0)`,
      landline: sql<number>`coalesce(sum(${contacts.phoneKind} = 'landline' AND NOT ${optedOut}), 0)`,
    })
    .from(contacts)
    .where(ownedBy(scope, contacts, eq(contacts.listId, listId)))
    .get()
  const total = row?.total ?? 0
  const suppressed = Number(row?.suppressed ?? 0)
  await scope.db
    .update(contactLists)
    .set({
      validCount: total - suppressed,
      suppressedCount: suppressed,
      landlineCount: Number(row?.landline ?? 0),
    })
    .where(ownedRow(scope, contactLists, listId))
}

async function findContact(scope: TenantScope, listId: string, contactId: number) {
  await getList(scope, listId)
  return found(
    await scope.db
      .select()
      .from(contacts)
      .where(ownedBy(scope, contacts, eq(contacts.listId, listId), eq(contacts.id, contactId)))
      .get(),
    'contact',
  )
}

/** A refusal: `message` is a key or a pt-BR sentence; `text`, when there is one, is what pages show. */
export type EditResult = { ok: true } | { ok: false; field: 'name' | 'phone'; message: string; text?: string }

/** Changes a contact's name and phone (the phone is normalised again; it must stay unique in the list). */
export async function updateContact(
  scope: TenantScope,
  listId: string,
  contactId: number,
  input: { name: string; phone: string },
): Promise<EditResult> {
  const contact = await findContact(scope, listId, contactId)
  const tenant = await scope.db
    .select({ intl: tenants.allowInternational })
    .from(tenants)
    .where(eq(tenants.id, scope.tenantId))
    .get()
  const phone = normalizeBrPhone(input.phone, { allowInternational: tenant?.intl ?? false })
  if (!phone.ok) return { ok: false, field: 'phone', message: phone.message, text: textString(phone.text) }
  if (phone.e164 !== contact.phoneE164) {
    const taken = await scope.db
      .select({ id: contacts.id })
      .from(contacts)
      .where(ownedBy(scope, contacts, eq(contacts.listId, listId), eq(contacts.phoneE164, phone.e164)))
      .get()
    if (taken) return { ok: false, field: 'phone', message: 'contacts.edit.phoneTaken' }
  }
  await scope.db
    .update(contacts)
    .set({
      name: input.name.trim().slice(0, 200),
      phoneE164: phone.e164,
      phoneKind: phone.kind,
      waChatId: null,
    })
    .where(ownedBy(scope, contacts, eq(contacts.listId, listId), eq(contacts.id, contactId)))
  await recountList(scope, listId)
  return { ok: true }
}

export async function deleteContact(scope: TenantScope, listId: string, contactId: number): Promise<void> {
  await findContact(scope, listId, contactId)
  await scope.db
    .delete(contacts)
    .where(ownedBy(scope, contacts, eq(contacts.listId, listId), eq(contacts.id, contactId)))
  await recountList(scope, listId)
}

/** A new, empty list, ready to receive contacts (the API's "create list"; imports make their own). */
export async function createList(scope: TenantScope, name: string): Promise<string> {
  const id = newId('lst')
  const now = scope.clock()
  await scope.db.insert(contactLists).values({
    id,
    tenantId: scope.tenantId,
    name: name.trim().slice(0, 120),
    status: 'ready',
    createdBy: scope.userId,
    createdAt: now,
    updatedAt: now,
    importFinishedAt: now,
  })
  await audit(scope, 'contacts.createList', id, { name: name.trim().slice(0, 120) })
  return id
}

/** Deletes a list, its contacts and rejects, and its original file ("Excluir lista" and "Descartar"). */
export async function deleteList(scope: TenantScope, listId: string): Promise<{ name: string }> {
  const list = await getList(scope, listId)
  await scope.db.batch([
    scope.db.delete(contacts).where(ownedBy(scope, contacts, eq(contacts.listId, listId))),
    scope.db
      .delete(importRowsRejected)
      .where(ownedBy(scope, importRowsRejected, eq(importRowsRejected.listId, listId))),
    scope.db.delete(contactLists).where(ownedRow(scope, contactLists, listId)),
  ])
  if (list.sourceKey) await scope.env.FILES.delete(list.sourceKey)
  await audit(scope, 'contacts.deleteList', listId, { name: list.name })
  return { name: list.name }
}

/** "Retomar": continues a failed import from its cursor. */
export async function resumeImport(
  scope: TenantScope,
  listId: string,
): Promise<{ ok: true } | { ok: false; message: string }> {
  const list = await getList(scope, listId)
  if (list.status !== 'failed') return { ok: false, message: 'contacts.resume.notFailed' }
  if (!list.sourceKey || !(await scope.env.FILES.head(list.sourceKey)))
    return { ok: false, message: 'contacts.resume.fileGone' }
  await scope.db
    .update(contactLists)
    .set({ status: 'importing', error: null, errorCode: null, errorParams: null, updatedAt: scope.clock() })
    .where(and(ownedRow(scope, contactLists, listId), eq(contactLists.status, 'failed')))
  await enqueueImport(scope, listId)
  return { ok: true }
}
