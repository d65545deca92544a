// The import's rows function (decision 036, fourth pass): a step's rows are expanded with jsonb_each,
// and an engine without it (SQLite before 3.51) falls back to json_each for the rest of the isolate
// with the same rows written. The error is D1's own for a missing table-valued function; the module's
// choice is per isolate, so this file keeps the fallback to itself.
import { env } from 'cloudflare:workers'
import { and, asc, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { isMissingTableFunction, withRowsEach } from '../../app/core/contacts/people-sql.server'
import { contacts, people } from '../../db/schema'
import { drain, harness, listRow, upload } from './contacts-support'
import { createTestTenant } from './helpers/app'

const CSV = [
  'Nome;Telefone;E-mail;Cidade',
  'Maria Souza;(11) 98765-4321;maria@exemplo.com.br;Recife',
  'João Lima;(21) 99876-5432;;Niterói',
  'Ana Paula;(31) 99123-4567;ana@exemplo.com.br;',
].join('\r\n')

/** D1's error for a table-valued function the engine does not have, from the real engine. */
async function missingFunctionError(name: string): Promise<unknown> {
  const db = (env as unknown as Record<string, D1Database>).DB as D1Database
  return db
    .prepare(`SELECT value FROM ${name}('[]')`)
    .all()
    .then(
      () => null,
      (error: unknown) => error,
    )
}

async function importedRows(csv: string) {
  const t = await createTestTenant()
  const h = harness(t)
  const started = await upload(h, csv, { listName: 'Clientes' })
  if (!started.ok) throw new Error(started.message)
  await drain(h)
  const list = await listRow(h, started.listId)
  const rows = await h.ctx.db
    .select({
      name: contacts.name,
      phone: contacts.phoneE164,
      email: contacts.email,
      extra: contacts.extra,
      line: contacts.sourceLine,
      personName: people.name,
      fields: people.fields,
    })
    .from(contacts)
    .innerJoin(people, eq(people.id, contacts.personId))
    .where(and(eq(contacts.tenantId, t.tenantId), eq(contacts.listId, started.listId)))
    .orderBy(asc(contacts.id))
  return { list, rows }
}

describe('the import rows function', () => {
  it('should recognise D1 saying a table-valued function is missing, and only that one', async () => {
    const error = await missingFunctionError('jsonb_each_ausente')
    expect(error).not.toBeNull()
    expect(isMissingTableFunction(error, 'jsonb_each_ausente')).toBe(true)
    // a longer name is another function; another error is not a missing function
    expect(isMissingTableFunction(error, 'jsonb_each')).toBe(false)
    expect(isMissingTableFunction(new Error('D1_ERROR: no such column: x'), 'jsonb_each')).toBe(false)
  })

  // before the fallback below: while jsonb_each is the choice, only its own absence is retried
  it('should not retry other errors', async () => {
    const tried: string[] = []
    const failure = new Error('D1_ERROR: UNIQUE constraint failed: contacts.list_id')
    await expect(
      withRowsEach(async (each) => {
        tried.push(each)
        throw failure
      }),
    ).rejects.toBe(failure)
    expect(tried).toHaveLength(1)
    expect(tried).toEqual(['jsonb_each'])
  })

  it('should write the same rows with json_each after an engine without jsonb_each refused it', async () => {
    const before = await importedRows(CSV)
    expect(before.list).toMatchObject({ status: 'ready', validCount: 3, peopleNewCount: 3 })
    expect(before.rows.map((r) => r.line)).toEqual([2, 3, 4])
    expect(before.rows[0]).toMatchObject({
      name: 'Maria Souza',
      extra: { cidade: 'Recife' },
      fields: { cidade: 'Recife' },
    })

    // the real engine's message, as an engine without jsonb_each would word it
    const real = (await missingFunctionError('jsonb_each_ausente')) as Error
    const refused = new Error(real.message.replace('jsonb_each_ausente', 'jsonb_each'))
    const tried: string[] = []
    const out = await withRowsEach(async (each) => {
      tried.push(each)
      if (each === 'jsonb_each') throw refused
      return 'escrito'
    })
    expect(out).toBe('escrito')
    expect(tried).toEqual(['jsonb_each', 'json_each'])

    // from now on this isolate writes with json_each: same rows, same values
    const seen: string[] = []
    await withRowsEach(async (each) => seen.push(each))
    expect(seen).toEqual(['json_each'])
    const after = await importedRows(CSV)
    expect(after.list).toMatchObject({ status: 'ready', validCount: 3, peopleNewCount: 3 })
    expect(after.rows).toEqual(before.rows)
  })
})
