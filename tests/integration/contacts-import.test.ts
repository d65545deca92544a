// The import pipeline on real D1 + R2: upload checks, the queue consumer, resumes, duplicates, opt-outs.
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { runImport } from '../../app/core/contacts/import/run.server'
import { contactLists, contacts, importRowsRejected } from '../../db/schema'
import worker from '../../workers/app'
import { generateContactsCsvWithStats } from '../bench/fixtures/generate-contacts-csv'
import { cp1252, drain, flashOf, harness, listRow, upload, waitForList } from './contacts-support'
import { appFetch, createTestTenant } from './helpers/app'

async function counts(h: ReturnType<typeof harness>, listId: string) {
  const n = await h.ctx.db.select({ id: contacts.id }).from(contacts).where(eq(contacts.listId, listId))
  const r = await h.ctx.db
    .select({ id: importRowsRejected.id })
    .from(importRowsRejected)
    .where(eq(importRowsRejected.listId, listId))
  return { contacts: n.length, rejects: r.length }
}

describe('import pipeline', () => {
  it('should import the generated Windows-1252 export with the expected counts', async () => {
    const t = await createTestTenant()
    const h = harness(t)
    const { bytes, expected } = generateContactsCsvWithStats({ rows: 3000, seed: 5 })
    const started = await upload(h, bytes)
    expect(started).toMatchObject({ ok: true, status: 'importing' })
    if (!started.ok) return
    const runs = await drain(h, { rowsPerStep: 400, maxSteps: 2 })
    expect(runs.length).toBeGreaterThan(2)
    const list = await listRow(h, started.listId)
    expect(list).toMatchObject({
      status: 'ready',
      totalRows: expected.rows,
      validCount: expected.valid,
      invalidCount: expected.invalid,
      duplicateCount: expected.duplicates,
      landlineCount: expected.landlines,
      suppressedCount: 0,
      error: null,
    })
    const n = await h.ctx.db
      .select({ id: contacts.id })
      .from(contacts)
      .where(eq(contacts.listId, started.listId))
    expect(n).toHaveLength(expected.valid)
    const rejects = await h.ctx.db
      .select()
      .from(importRowsRejected)
      .where(eq(importRowsRejected.listId, started.listId))
    expect(rejects).toHaveLength(expected.invalid + expected.duplicates)
  })

  it('should keep Windows-1252 accents', async () => {
    const t = await createTestTenant()
    const h = harness(t)
    const started = await upload(
      h,
      cp1252('Nome;Telefone\r\nJoão Conceição;(11) 98765-4321\r\nAção;21 99876-5432\r\n'),
    )
    if (!started.ok) throw new Error(started.message)
    await drain(h)
    const rows = await h.ctx.db.select().from(contacts).where(eq(contacts.listId, started.listId))
    expect(rows.map((r) => r.name).sort()).toEqual(['Ação', 'João Conceição'])
  })

  it('should keep each invocation far below 1,000 D1 statements', async () => {
    const t = await createTestTenant()
    const h = harness(t)
    const { bytes, expected } = generateContactsCsvWithStats({ rows: 20_000, seed: 9 })
    const started = await upload(h, bytes)
    if (!started.ok) throw new Error(started.message)
    const perInvocation: number[] = []
    while (h.jobs.length > 0) {
      const before = h.statements()
      await runImport(h.ctx, h.jobs.shift()!, { rowsPerStep: 5_000, maxSteps: 2 })
      perInvocation.push(h.statements() - before)
    }
    // 20,001 records (header included) in steps of 5,000, two steps per invocation
    expect(perInvocation.length).toBe(3)
    expect(Math.max(...perInvocation)).toBeLessThan(20)
    expect(await listRow(h, started.listId)).toMatchObject({ status: 'ready', validCount: expected.valid })
  })

  it('should reject a data row with 10,000 columns and import the others', async () => {
    const t = await createTestTenant()
    const h = harness(t)
    const wide = `Zé;11987654321;${Array.from({ length: 10_000 }, () => 'x').join(';')}`
    const started = await upload(h, `Nome;Telefone\r\nAna;21987654321\r\n${wide}\r\nBia;31987654321\r\n`)
    if (!started.ok) throw new Error(started.message)
    await drain(h)
    expect(await listRow(h, started.listId)).toMatchObject({
      status: 'ready',
      validCount: 2,
      invalidCount: 1,
    })
    const [reject] = await h.ctx.db
      .select()
      .from(importRowsRejected)
      .where(eq(importRowsRejected.listId, started.listId))
    expect(reject).toMatchObject({ lineNumber: 3, reason: expect.stringContaining('colunas demais') })
  })

  it('should resume exactly after a forced failure, with what was imported kept consistent', async () => {
    const t = await createTestTenant()
    const h = harness(t)
    const { bytes, expected } = generateContactsCsvWithStats({ rows: 2_000, seed: 21 })
    const started = await upload(h, bytes)
    if (!started.ok) throw new Error(started.message)
    const job = h.jobs.shift()!
    expect(await runImport(h.ctx, job, { rowsPerStep: 500, maxSteps: 1 })).toMatchObject({
      outcome: 'continued',
    })
    const mid = await listRow(h, started.listId)
    expect(await counts(h, started.listId)).toEqual({
      contacts: mid!.validCount,
      rejects: mid!.invalidCount + mid!.duplicateCount,
    })

    // the next write fails on every delivery: retried by the queue, then the list is marked failed
    h.failNextBatch(10)
    h.jobs.length = 0
    await expect(runImport(h.ctx, job, { rowsPerStep: 500, attempt: 1 })).rejects.toThrow('simulated outage')
    expect(await runImport(h.ctx, job, { rowsPerStep: 500, attempt: 3 })).toMatchObject({ outcome: 'failed' })
    const failed = await listRow(h, started.listId)
    expect(failed).toMatchObject({
      status: 'failed',
      cursorByte: mid!.cursorByte,
      validCount: mid!.validCount,
    })
    expect(failed?.error).toBe(
      `falhou na linha ${mid!.cursorLine}: erro inesperado ao gravar os contatos (D1_ERROR: simulated outage)`,
    )
    expect(await counts(h, started.listId)).toEqual({
      contacts: mid!.validCount,
      rejects: mid!.invalidCount + mid!.duplicateCount,
    })

    // "Retomar" through the page: continues from the cursor and ends with the same counts as a clean run
    h.failNextBatch(0)
    const page = await (
      await appFetch(`/contatos/listas/${started.listId}`, { cookie: t.users.viewer.cookie })
    ).text()
    expect(page).toContain(`falhou na linha ${mid!.cursorLine}`)
    const res = await appFetch(`/contatos/listas/${started.listId}`, {
      cookie: t.users.operator.cookie,
      form: { intent: 'resume' },
    })
    expect(flashOf(res)).toMatchObject({ kind: 'success', message: 'contacts.resumed' })
    const done = await waitForList(h, started.listId)
    expect(done).toMatchObject({
      status: 'ready',
      error: null,
      totalRows: expected.rows,
      validCount: expected.valid,
      invalidCount: expected.invalid,
      duplicateCount: expected.duplicates,
    })
    expect(await counts(h, started.listId)).toEqual({
      contacts: expected.valid,
      rejects: expected.invalid + expected.duplicates,
    })
  })

  it('should write nothing twice when a message is delivered again', async () => {
    const t = await createTestTenant()
    const h = harness(t)
    const { bytes, expected } = generateContactsCsvWithStats({ rows: 1_500, seed: 4 })
    const started = await upload(h, bytes)
    if (!started.ok) throw new Error(started.message)
    const job = h.jobs[0]!
    // two deliveries of the same message race on the same cursor: only one step is applied
    const [a, b] = await Promise.all([
      runImport(h.ctx, job, { rowsPerStep: 400, maxSteps: 1 }),
      runImport(h.ctx, job, { rowsPerStep: 400, maxSteps: 1 }),
    ])
    expect([a.outcome, b.outcome].sort()).toEqual(['continued', 'skipped'])
    h.jobs.length = 1
    await drain(h, { rowsPerStep: 400 })
    await runImport(h.ctx, job)
    expect(await listRow(h, started.listId)).toMatchObject({
      status: 'ready',
      validCount: expected.valid,
      duplicateCount: expected.duplicates,
    })
    expect(await counts(h, started.listId)).toEqual({
      contacts: expected.valid,
      rejects: expected.invalid + expected.duplicates,
    })
  })

  it('should fail at once, with the line, when the original file is gone, and "Descartar" deletes the list', async () => {
    const t = await createTestTenant()
    const h = harness(t)
    const started = await upload(h, 'Nome;Telefone\r\nAna;11987654321\r\n')
    if (!started.ok) throw new Error(started.message)
    const list = await listRow(h, started.listId)
    await env.FILES.delete(list!.sourceKey!)
    await drain(h)
    expect(await listRow(h, started.listId)).toMatchObject({
      status: 'failed',
      error:
        'falhou na linha 1: o arquivo original não foi encontrado; descarte a lista e envie o arquivo de novo',
    })
    const resume = await appFetch(`/contatos/listas/${started.listId}`, {
      cookie: t.users.operator.cookie,
      form: { intent: 'resume' },
    })
    expect(flashOf(resume)).toMatchObject({ kind: 'error', message: 'contacts.resume.fileGone' })
    const discard = await appFetch(`/contatos/listas/${started.listId}`, {
      cookie: t.users.operator.cookie,
      form: { intent: 'discard' },
    })
    expect(discard.headers.get('Location')).toBe('/contatos')
    expect(await listRow(h, started.listId)).toBeUndefined()
  })
})

describe('imports queue consumer', () => {
  it('should ack a job, skip lists that are gone and ack malformed messages', async () => {
    const t = await createTestTenant()
    const h = harness(t)
    const started = await upload(h, 'Nome;Telefone\r\nAna;11987654321\r\n')
    if (!started.ok) throw new Error(started.message)
    const batch = createMessageBatch('disparo-imports', [
      { id: 'a', timestamp: new Date(), attempts: 1, body: h.jobs[0] },
      {
        id: 'b',
        timestamp: new Date(),
        attempts: 1,
        body: { type: 'import', v: 1, tenantId: t.tenantId, listId: 'lst_gone' },
      },
      { id: 'c', timestamp: new Date(), attempts: 1, body: { hello: 'world' } },
      {
        id: 'd',
        timestamp: new Date(),
        attempts: 1,
        body: { type: 'import', v: 1, tenantId: 'ten_other', listId: started.listId },
      },
    ])
    const ctx = createExecutionContext()
    await worker.queue(batch, env, ctx)
    const result = await getQueueResult(batch, ctx)
    expect(result.explicitAcks.sort()).toEqual(['a', 'b', 'c', 'd'])
    expect(result.retryMessages).toEqual([])
    expect(await listRow(h, started.listId)).toMatchObject({ status: 'ready', validCount: 1 })
    // a job naming another tenant never touched the list
    const other = await h.ctx.db.select().from(contactLists).where(eq(contactLists.tenantId, 'ten_other'))
    expect(other).toEqual([])
  })
})
