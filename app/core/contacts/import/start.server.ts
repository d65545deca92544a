// Starting an import (docs/design.md §3 "Import"): checks the upload before any work (size, empty, sniffable,
// has contacts), stores the original in R2 under a random key, creates or reuses the list row and either asks
// for the column mapping or enqueues the `imports` job. Also the mapping step itself.
import { eq } from 'drizzle-orm'
import { contactLists, importRowsRejected } from '../../../../db/schema'
import { textString } from '../../../i18n/text'
import { found, ownedBy, ownedRow, type TenantScope } from '../../db/tenant.server'
import { newId } from '../../ids'
import type { ImportJob } from '../../queue-messages'
import { audit } from '../../tenants/audit.server'
import { applyUserMapping, type ColumnMapping } from './columns'
import { checkFileSize } from './limits'
import { importKey, inspectSample, SNIFF_BYTES } from './source.server'

export type StartImportInput = {
  file: Blob
  fileName: string
  /** A new list's name (when listId is not given). */
  listName?: string
  /** Add the file to this existing list. */
  listId?: string
}

export type StartImportResult =
  | { ok: true; listId: string; status: 'importing' | 'mapping' }
  /** `message`: a key or a text string (textString), shown with t() as a form error. */
  | { ok: false; field: 'file' | 'listName' | 'listId'; message: string }

const BUSY = ['importing', 'mapping', 'uploaded'] as const

/** Checks, stores and queues an upload. Nothing is written unless every check passes. */
export async function startImport(scope: TenantScope, input: StartImportInput): Promise<StartImportResult> {
  const size = checkFileSize(input.file.size)
  if (!size.ok) return { ok: false, field: 'file', message: textString(size.text) }
  const sample = new Uint8Array(await input.file.slice(0, SNIFF_BYTES).arrayBuffer())
  const inspection = inspectSample(sample, input.file.size)
  if (!inspection.ok) return { ok: false, field: 'file', message: inspection.message }
  const { format, rows, detection, complete } = inspection
  const first = rows[0]
  // a first line we cannot read (too long, too many columns, open quote) is the header or the data: refuse
  if (first && !first.ok && first.line === 1)
    return { ok: false, field: 'file', message: textString(first.text) }
  const firstOk = rows.find((r) => r.ok)
  if (!firstOk) {
    // nothing readable in the first 64 KB: say why (the first rejected record's reason)
    const rejected = rows.find((r) => !r.ok)
    return {
      ok: false,
      field: 'file',
      message: rejected && !rejected.ok ? textString(rejected.text) : 'contacts.import.noRows',
    }
  }
  const dataRows = rows.filter(
    (r) => r.line > (detection.mapping.hasHeader ? (detection.mapping.headerLine ?? 1) : 0),
  )
  if (complete && dataRows.length === 0)
    return { ok: false, field: 'file', message: 'contacts.import.headerOnly' }

  let existing: typeof contactLists.$inferSelect | undefined
  if (input.listId) {
    existing = await scope.db
      .select()
      .from(contactLists)
      .where(ownedRow(scope, contactLists, input.listId))
      .get()
    if (!existing) return { ok: false, field: 'listId', message: 'contacts.import.listMissing' }
    if ((BUSY as readonly string[]).includes(existing.status)) {
      return { ok: false, field: 'listId', message: 'contacts.import.listBusy' }
    }
  } else if (!input.listName?.trim()) {
    return { ok: false, field: 'listName', message: 'errors.required' }
  }

  const key = importKey(scope.tenantId)
  await scope.env.FILES.put(key, input.file, { httpMetadata: { contentType: 'text/csv' } })
  const status = detection.needsUserMapping ? 'mapping' : 'importing'
  const now = scope.clock()
  const fileColumns = {
    status,
    sourceKey: key,
    fileName: input.fileName.slice(0, 200),
    fileSize: input.file.size,
    encoding: format.encoding,
    delimiter: format.delimiter,
    mapping: detection.mapping as unknown as Record<string, unknown>,
    // the cursor starts after a UTF-8 BOM, so resuming never needs to know about it
    cursorByte: format.bomLength,
    cursorLine: 1,
    totalRows: 0,
    invalidCount: 0,
    duplicateCount: 0,
    error: null,
    errorCode: null,
    errorParams: null,
    importFinishedAt: null,
    updatedAt: now,
  } as const
  let listId: string
  if (existing) {
    listId = existing.id
    const previousKey = existing.sourceKey
    // the counters of valid / opt-out / landline contacts describe the list; the rest describe this file
    await scope.db.batch([
      scope.db
        .delete(importRowsRejected)
        .where(ownedBy(scope, importRowsRejected, eq(importRowsRejected.listId, listId))),
      scope.db
        .update(contactLists)
        .set(fileColumns)
        .where(ownedRow(scope, contactLists, listId)),
    ])
    if (previousKey) await scope.env.FILES.delete(previousKey)
  } else {
    listId = newId('lst')
    await scope.db.insert(contactLists).values({
      id: listId,
      tenantId: scope.tenantId,
      name: (input.listName ?? '').trim().slice(0, 120),
      createdBy: scope.userId,
      createdAt: now,
      ...fileColumns,
    })
  }
  await audit(scope, 'contacts.upload', listId, { fileSize: input.file.size, status })
  if (status === 'importing') await enqueueImport(scope, listId)
  return { ok: true, listId, status }
}

/** Sends the `imports` job for a list. */
export async function enqueueImport(scope: TenantScope, listId: string): Promise<void> {
  const job: ImportJob = { type: 'import', v: 1, tenantId: scope.tenantId, listId }
  await scope.env.IMPORT_QUEUE.send(job)
}

export type MappingChoice = {
  hasHeader: boolean
  phone: number
  name?: number
  email?: number
  company?: number
  /** Columns (by index) kept as {{variables}}; others are dropped. */
  keep: number[]
}

/** Saves the column mapping a person chose and starts the import. */
export async function confirmMapping(
  scope: TenantScope,
  listId: string,
  labels: string[],
  choice: MappingChoice,
): Promise<{ ok: true } | { ok: false; message: string }> {
  const list = found(
    await scope.db
      .select()
      .from(contactLists)
      .where(ownedRow(scope, contactLists, listId))
      .get(),
    'list',
  )
  if (list.status !== 'mapping') return { ok: false, message: 'contacts.mapping.notWaiting' }
  const previous = (list.mapping ?? {}) as Partial<ColumnMapping>
  const applied = applyUserMapping(labels, {
    hasHeader: choice.hasHeader,
    headerLine: choice.hasHeader ? (previous.headerLine ?? 1) : null,
    phone: choice.phone,
    name: choice.name,
    email: choice.email,
    company: choice.company,
  })
  if (!applied.ok) return { ok: false, message: textString(applied.text) }
  const keep = new Set(choice.keep)
  const mapping: ColumnMapping = {
    ...applied.mapping,
    extras: applied.mapping.extras.filter((e) => keep.has(e.index)),
  }
  await scope.db
    .update(contactLists)
    .set({
      status: 'importing',
      mapping: mapping as unknown as Record<string, unknown>,
      updatedAt: scope.clock(),
    })
    .where(ownedRow(scope, contactLists, listId))
  await enqueueImport(scope, listId)
  return { ok: true }
}
