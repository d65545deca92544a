// The `imports` queue consumer's core (docs/design.md §3 "Import"): streams the original from R2 starting at
// the list's byte cursor, parses a budget of rows per step, validates them, drops duplicates (in the
// step, and against the list in D1), marks numbers on the opt-out list, and writes contacts, rejects,
// counters and the new cursor in ONE D1 batch (a transaction): a redelivered message resumes exactly,
// and a step whose cursor moved meanwhile writes nothing. A few steps run per invocation, then a
// follow-up message continues. Each step costs 2 read + ~3 write statements (JSON-bound rows, so
// D1's 100-parameter limit does not multiply statements).

import { eq } from 'drizzle-orm'
import { contactLists, tenants } from '../../../../db/schema'
import { ptText } from '../../../i18n'
import { paramsJson, type Text, text } from '../../../i18n/text'
import type { AppContext } from '../../context.server'
import { atTenant, TeamMovingError } from '../../db/shards.server'
import { ownedRow, scopeTo, type TenantScope } from '../../db/tenant.server'
import type { ImportJob } from '../../queue-messages'
import { toCsvLine } from '../csv-export'
import { parseImportBatch } from './batch'
import type { ColumnMapping } from './columns'
import { ALREADY_IN_LIST_TEXT, PhoneDeduper, validateRows } from './contact-rows'
import { IMPORT_LIMITS } from './limits'
import { storedFormat, storedMapping } from './source.server'
import { listHasContacts, lookupPhones, type StepContact, type StepWrite, writeStep } from './write.server'

/** Reason recorded for a row whose phone is already in the list (earlier in the file or before). */
const ALREADY_IN_LIST = { text: ALREADY_IN_LIST_TEXT, message: ptText(ALREADY_IN_LIST_TEXT) }

export type ImportRunOptions = {
  /** Rows parsed per step (one transaction). */
  rowsPerStep?: number
  /** Steps per invocation before handing over to a follow-up message. */
  maxSteps?: number
  /** Wall-clock budget per invocation (ms); checked between steps. */
  maxMillis?: number
  /** Delivery attempt of the queue message (1 = first). */
  attempt?: number
}

const IMPORT_DEFAULTS = { rowsPerStep: 10_000, maxSteps: 15, maxMillis: 15_000 } as const
/** Unexpected errors are retried by the queue this many times before the list is marked failed. */
const MAX_ATTEMPTS = 3

export type ImportRunResult = {
  outcome: 'continued' | 'done' | 'failed' | 'skipped'
  steps: number
  rows: number
}

/** Thrown for errors worth another delivery (the shell retries the message). */
export class RetryImportError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause })
    this.name = 'RetryImportError'
  }
}

/** Why an import stopped for good: a text (`import.run.*`). */
class DefiniteImportError extends Error {
  constructor(readonly text: Text) {
    super(ptText(text))
  }
}

type ListRow = typeof contactLists.$inferSelect

/** Runs one invocation of an import job. Never throws except RetryImportError. */
export async function runImport(
  app: AppContext,
  job: ImportJob,
  options: ImportRunOptions = {},
): Promise<ImportRunResult> {
  const opts = { ...IMPORT_DEFAULTS, ...options }
  let ctx: AppContext
  try {
    ctx = await atTenant(app, job.tenantId)
  } catch (error) {
    // The team is being moved between shards (decision 043): the import continues after the move.
    if (error instanceof TeamMovingError) throw new RetryImportError(error)
    throw error
  }
  const scope = scopeTo(ctx, job.tenantId)
  const started = ctx.clock()
  const list = await loadList(scope, job.listId)
  if (list?.status !== 'importing') return { outcome: 'skipped', steps: 0, rows: 0 }
  let steps = 0
  let rows = 0
  // the previous step's write, still in flight while the next step is parsed (a no-op catch keeps
  // an early rejection from being reported as unhandled; it is awaited below)
  let writing: Promise<boolean> | null = null
  try {
    const tenant = await ctx.db
      .select({ allowInternational: tenants.allowInternational })
      .from(tenants)
      .where(eq(tenants.id, job.tenantId))
      .get()
    const mapping = storedMapping(list.mapping)
    if (!mapping || mapping.phone === null) throw new DefiniteImportError(text('import.run.noMapping'))
    if (!list.sourceKey) throw new DefiniteImportError(text('import.run.fileMissing'))
    const input: StepInput = {
      list,
      mapping,
      allowInternational: tenant?.allowInternational ?? false,
      rowsPerStep: opts.rowsPerStep,
      deduper: new PhoneDeduper(),
      checkList: await listHasContacts(scope, list.id),
      reader: new RangeReader(ctx.env.FILES, list.sourceKey, list.fileSize ?? 0),
    }
    let cursor = { byte: list.cursorByte, line: list.cursorLine }
    for (;;) {
      const step = await prepareStep(scope, input, cursor)
      if (writing && !(await writing)) return { outcome: 'skipped', steps, rows }
      writing = writeStep(scope, step.write)
      writing.catch(() => undefined)
      steps++
      rows += step.rows
      cursor = step.next
      if (step.write.done) {
        if (!(await writing)) return { outcome: 'skipped', steps, rows }
        // the original is no longer needed once imported (and it holds personal data)
        await ctx.env.FILES.delete(list.sourceKey)
        return { outcome: 'done', steps, rows }
      }
      if (steps >= opts.maxSteps || ctx.clock() - started >= opts.maxMillis) break
    }
    if (!(await writing)) return { outcome: 'skipped', steps, rows }
    await ctx.env.IMPORT_QUEUE.send(job)
    return { outcome: 'continued', steps, rows }
  } catch (error) {
    await writing?.catch(() => undefined)
    const current = await loadList(scope, job.listId).catch(() => undefined)
    if (current?.status !== 'importing') return { outcome: 'skipped', steps, rows }
    if (!(error instanceof DefiniteImportError) && (opts.attempt ?? 1) < MAX_ATTEMPTS)
      throw new RetryImportError(error)
    await markFailed(scope, current, reasonOf(error))
    return { outcome: 'failed', steps, rows }
  }
}

function reasonOf(error: unknown): Text {
  if (error instanceof DefiniteImportError) return error.text
  const detail = error instanceof Error ? error.message : String(error)
  return text('import.run.unexpected', { detail: detail.slice(0, 200) })
}

async function loadList(scope: TenantScope, listId: string): Promise<ListRow | undefined> {
  return scope.db
    .select()
    .from(contactLists)
    .where(ownedRow(scope, contactLists, listId))
    .get()
}

/** Marks the list failed at its cursor: "falhou na linha N: motivo" (code + params, and its pt-BR). What was imported stays. */
async function markFailed(scope: TenantScope, list: ListRow, reason: Text): Promise<void> {
  const failed = text('import.failedAtRow', { line: list.cursorLine, reason })
  await scope.db
    .update(contactLists)
    .set({
      status: 'failed',
      error: ptText(failed),
      errorCode: failed.code,
      errorParams: paramsJson(failed),
      updatedAt: scope.clock(),
    })
    .where(ownedRow(scope, contactLists, list.id))
}

/** Bytes per R2 range read: whole ranges are read (never a cancelled stream) and reused across steps. */
const RANGE_BYTES = 4 * 1024 * 1024

/**
 * Reads the original in ranged R2 reads and keeps the last range, so the steps of one invocation
 * share it instead of fetching again: memory stays at one range, and a 100k-row file is 2 reads.
 */
class RangeReader {
  private buf: Uint8Array | null = null
  private bufStart = 0

  constructor(
    private readonly bucket: R2Bucket,
    private readonly key: string,
    private readonly size: number,
  ) {}

  /** The bytes from `offset` to the end of the file, in chunks. */
  async *from(offset: number): AsyncGenerator<Uint8Array> {
    let at = offset
    while (at < this.size) {
      if (!this.buf || at < this.bufStart || at >= this.bufStart + this.buf.length) {
        const length = Math.min(RANGE_BYTES, this.size - at)
        const obj = await this.bucket.get(this.key, { range: { offset: at, length } })
        if (!obj) throw new DefiniteImportError(text('import.run.fileMissing'))
        this.buf = new Uint8Array(await obj.arrayBuffer())
        this.bufStart = at
        if (this.buf.length === 0) return
      }
      yield this.buf.subarray(at - this.bufStart)
      at = this.bufStart + this.buf.length
    }
  }
}

type StepInput = {
  list: ListRow
  mapping: ColumnMapping
  allowInternational: boolean
  rowsPerStep: number
  /** Shared by the steps of one invocation: a repeat of a phone still being written is caught here. */
  deduper: PhoneDeduper
  /** False when the list was empty at the start of this invocation: only its own rows can repeat. */
  checkList: boolean
  reader: RangeReader
}

type PreparedStep = { write: StepWrite; rows: number; next: { byte: number; line: number } }

// Parses and validates one step from `cursor` and checks its phones against the list and the
// opt-outs. Earlier steps of this invocation may still be writing: their phones are in the deduper.
async function prepareStep(
  scope: TenantScope,
  input: StepInput,
  cursor: { byte: number; line: number },
): Promise<PreparedStep> {
  const { list, mapping } = input
  const fileSize = list.fileSize ?? 0
  const format = storedFormat(list)
  let batch: Awaited<ReturnType<typeof parseImportBatch>>
  if (cursor.byte >= fileSize) {
    batch = {
      rows: [],
      nextByteOffset: cursor.byte,
      nextLineNumber: cursor.line,
      done: true,
      budgetReached: false,
    }
  } else {
    batch = await parseImportBatch(input.reader.from(cursor.byte), {
      format,
      startByteOffset: cursor.byte,
      startLineNumber: cursor.line,
      maxRows: input.rowsPerStep,
      totalBytes: fileSize,
    })
  }
  if (!batch.done && batch.nextByteOffset <= cursor.byte) {
    throw new DefiniteImportError(text('import.run.stuck'))
  }
  const validated = validateRows(batch.rows, mapping, {
    delimiter: format.delimiter,
    allowInternational: input.allowInternational,
    deduper: input.deduper,
  })
  const { existing, suppressed, watermark } = await lookupPhones(
    scope,
    list.id,
    validated.contacts.map((c) => c.contact.phoneE164),
    input.checkList,
  )
  const contacts: StepContact[] = []
  const rejects = validated.rejects
  let rawByLine: Map<number, string[]> | null = null
  for (const c of validated.contacts) {
    if (existing.has(c.contact.phoneE164)) {
      rawByLine ??= new Map(batch.rows.flatMap((r) => (r.ok ? [[r.line, r.fields] as const] : [])))
      const raw = toCsvLine(rawByLine.get(c.line) ?? [], format.delimiter).slice(
        0,
        IMPORT_LIMITS.maxRawLength,
      )
      rejects.push({ line: c.line, reason: 'duplicate', ...ALREADY_IN_LIST, raw })
    } else
      contacts.push({
        ...c,
        suppressed: suppressed.has(c.contact.phoneE164),
      })
  }
  return {
    rows: batch.rows.length,
    next: { byte: batch.nextByteOffset, line: batch.nextLineNumber },
    write: {
      listId: list.id,
      expectedCursor: cursor.byte,
      nextCursor: batch.nextByteOffset,
      nextLine: batch.nextLineNumber,
      contacts,
      watermark,
      rejects,
      done: batch.done,
    },
  }
}
