// One person per phone per team (decision 036) through the real import pipeline on D1: two lists that
// repeat people merge into one person each (newest non-empty value per field, nothing known lost),
// the list says how many people were new and how many known, tags come from an `etiquetas` column,
// another team's same phone is another person, and the LGPD erase reaches people and their tags. The
// new/known counts stay exact over many steps with other imports writing at the same time.
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { runImport } from '../../app/core/contacts/import/run.server'
import { erasePerson } from '../../app/core/contacts/optouts.server'
import { contacts, people, personTags, tags } from '../../db/schema'
import { drain, harness, listRow, upload } from './contacts-support'
import { appFetch, createTestTenant } from './helpers/app'

const MARIA = '+5511987654321'
const JOAO = '+5521998765432'
const ANA = '+5531991234567'

const FIRST = [
  'Nome;Telefone;E-mail;Cidade;Etiquetas',
  'Maria Souza;(11) 98765-4321;maria@antigo.com.br;Recife;"VIP; Cliente"',
  'João Lima;(21) 99876-5432;;Niterói;',
].join('\r\n')

// the same columns, newer values: Maria's new name, no e-mail and no city (kept), a new column
const SECOND = [
  'Nome;Telefone;E-mail;Cidade;Plano;Etiquetas',
  'Maria S. Oliveira;11 98765 4321;;;premium;"vip, Novo"',
  'Ana Paula;(31) 99123-4567;ana@exemplo.com.br;BH;básico;',
].join('\r\n')

async function importText(h: ReturnType<typeof harness>, csv: string, listName: string) {
  const started = await upload(h, csv, { listName })
  if (!started.ok) throw new Error(started.message)
  await drain(h)
  const list = await listRow(h, started.listId)
  expect(list?.status).toBe('ready')
  return list!
}

async function personOf(h: ReturnType<typeof harness>, tenantId: string, phone: string) {
  return h.ctx.db
    .select()
    .from(people)
    .where(and(eq(people.tenantId, tenantId), eq(people.phoneE164, phone)))
    .get()
}

async function tagNamesOf(h: ReturnType<typeof harness>, personId: number) {
  const rows = await h.ctx.db
    .select({ name: tags.name })
    .from(personTags)
    .innerJoin(tags, eq(tags.id, personTags.tagId))
    .where(eq(personTags.personId, personId))
  return rows.map((r) => r.name).sort()
}

describe('people from imports', () => {
  it('should merge repeated people across lists: newest non-empty value wins, nothing known lost', async () => {
    const t = await createTestTenant()
    const h = harness(t)
    const first = await importText(h, FIRST, 'Feira')
    expect(first).toMatchObject({ validCount: 2, peopleNewCount: 2, peopleUpdatedCount: 0 })
    const second = await importText(h, SECOND, 'Site')
    expect(second).toMatchObject({ validCount: 2, peopleNewCount: 1, peopleUpdatedCount: 1 })

    const all = await h.ctx.db.select().from(people).where(eq(people.tenantId, t.tenantId))
    expect(all.map((p) => p.phoneE164).sort()).toEqual([JOAO, MARIA, ANA].sort())
    const maria = await personOf(h, t.tenantId, MARIA)
    expect(maria).toMatchObject({
      name: 'Maria S. Oliveira',
      email: 'maria@antigo.com.br',
      fields: { cidade: 'Recife', plano: 'premium' },
    })
    // each list keeps its own row (what that spreadsheet said), both pointing at the one person
    const rows = await h.ctx.db
      .select()
      .from(contacts)
      .where(and(eq(contacts.tenantId, t.tenantId), eq(contacts.phoneE164, MARIA)))
    expect(rows.map((r) => [r.listId, r.name, r.personId]).sort()).toEqual(
      [
        [first.id, 'Maria Souza', maria!.id],
        [second.id, 'Maria S. Oliveira', maria!.id],
      ].sort(),
    )
    // the tags column is tags, not an extra field; "vip" is the known "VIP"
    for (const r of rows) expect(r.extra).not.toHaveProperty('etiquetas')
    expect(await tagNamesOf(h, maria!.id)).toEqual(['Cliente', 'Novo', 'VIP'])
    const teamTags = await h.ctx.db.select().from(tags).where(eq(tags.tenantId, t.tenantId))
    expect(teamTags.map((x) => x.name).sort()).toEqual(['Cliente', 'Novo', 'VIP'])
    const joao = await personOf(h, t.tenantId, JOAO)
    expect(await tagNamesOf(h, joao!.id)).toEqual([])

    // the list page says it, in Portuguese and in English
    const page = await appFetch(`/contatos/listas/${second.id}`, { cookie: t.users.viewer.cookie })
    expect(await page.text()).toContain('Na equipe: 1 pessoa nova, 1 já conhecida atualizada.')
  })

  it('should leave a person untouched when a new list brings nothing new about them', async () => {
    const t = await createTestTenant()
    const h = harness(t)
    await importText(h, SECOND, 'Site')
    const before = await personOf(h, t.tenantId, ANA)
    await new Promise((r) => setTimeout(r, 5))
    const again = await importText(h, SECOND, 'Site de novo')
    expect(again).toMatchObject({ peopleNewCount: 0, peopleUpdatedCount: 2 })
    expect(await personOf(h, t.tenantId, ANA)).toEqual(before)
  })

  it('should count new and known people exactly over many steps while other imports run', async () => {
    // 60 rows in steps of 7 (two steps per invocation, the second's lookup while the first writes):
    // every third phone is known from an earlier list; another list of the same team (new phones)
    // and another team (the same phones) import at the same time and must not leak into its counts
    const phone = (i: number) => `(11) 9${String(8000_0000 + i)}`
    const csv = (from: number, to: number, step = 1) => {
      const lines = ['Nome;Telefone']
      for (let i = from; i < to; i += step) lines.push(`Pessoa ${i};${phone(i)}`)
      return lines.join('\r\n')
    }
    const t = await createTestTenant()
    const other = await createTestTenant()
    const h = harness(t)
    await importText(h, csv(0, 60, 3), 'Antiga')
    const mine = await upload(h, csv(0, 60), { listName: 'Nova' })
    const side = await upload(h, csv(100, 140), { listName: 'Paralela' })
    const ho = harness(other)
    const theirs = await upload(ho, csv(0, 60), { listName: 'Outra equipe' })
    if (!mine.ok || !side.ok || !theirs.ok) throw new Error('upload failed')
    // all queued invocations at once: their lookups and writes interleave in D1
    while (h.jobs.length > 0 || ho.jobs.length > 0) {
      const runs = [h, ho].flatMap((hx) => hx.jobs.splice(0).map((job) => ({ hx, job })))
      await Promise.all(runs.map(({ hx, job }) => runImport(hx.ctx, job, { rowsPerStep: 7, maxSteps: 2 })))
    }
    expect(await listRow(h, mine.listId)).toMatchObject({
      status: 'ready',
      validCount: 60,
      peopleNewCount: 40,
      peopleUpdatedCount: 20,
    })
    expect(await listRow(h, side.listId)).toMatchObject({ validCount: 40, peopleNewCount: 40 })
    expect(await listRow(ho, theirs.listId)).toMatchObject({ peopleNewCount: 60, peopleUpdatedCount: 0 })
    // a second file into the same list: only its missing rows are written, and counted as people
    const again = await upload(h, csv(50, 70), { listId: mine.listId })
    if (!again.ok) throw new Error(again.message)
    await drain(h, { rowsPerStep: 7, maxSteps: 2 })
    expect(await listRow(h, mine.listId)).toMatchObject({
      validCount: 70,
      duplicateCount: 10,
      peopleNewCount: 50,
      peopleUpdatedCount: 20,
    })
  })

  it("should keep another team's same phone a separate person", async () => {
    const a = await createTestTenant()
    const b = await createTestTenant()
    await importText(harness(a), FIRST, 'A')
    const hb = harness(b)
    const list = await importText(hb, SECOND, 'B')
    expect(list).toMatchObject({ peopleNewCount: 2, peopleUpdatedCount: 0 })
    const maria = await personOf(hb, b.tenantId, MARIA)
    expect(maria).toMatchObject({ name: 'Maria S. Oliveira', email: null, fields: { plano: 'premium' } })
    expect(await tagNamesOf(hb, maria!.id)).toEqual(['Novo', 'vip'])
  })

  it('should cut a huge tags cell to its first tags and import the row', async () => {
    const t = await createTestTenant()
    const h = harness(t)
    const many = Array.from({ length: 500 }, (_, i) => `etiqueta ${i}`).join(';')
    const csv = `Nome;Telefone;Tags\r\nMaria;(11) 98765-4321;"${many};${'x'.repeat(300)}"\r\n`
    const list = await importText(h, csv, 'Muitas')
    expect(list.validCount).toBe(1)
    const maria = await personOf(h, t.tenantId, MARIA)
    const names = await tagNamesOf(h, maria!.id)
    expect(names).toHaveLength(20)
    expect(names).toContain('etiqueta 0')
  })

  it('should erase the person and their tag links with the LGPD erase, keeping the tag', async () => {
    const t = await createTestTenant()
    const h = harness(t)
    await importText(h, FIRST, 'Feira')
    await importText(h, SECOND, 'Site')
    const maria = await personOf(h, t.tenantId, MARIA)
    const r = await erasePerson(h.scope, { phone: '(11) 98765-4321' })
    expect(r.ok).toBe(true)
    expect(await personOf(h, t.tenantId, MARIA)).toBeUndefined()
    expect(await h.ctx.db.select().from(personTags).where(eq(personTags.personId, maria!.id))).toEqual([])
    const left = await h.ctx.db
      .select()
      .from(contacts)
      .where(and(eq(contacts.tenantId, t.tenantId), eq(contacts.phoneE164, MARIA)))
    expect(left).toEqual([])
    expect(await personOf(h, t.tenantId, ANA)).toBeDefined()
    const teamTags = await h.ctx.db.select().from(tags).where(eq(tags.tenantId, t.tenantId))
    expect(teamTags).toHaveLength(3)
  })
})
