// Lists tell the truth: opt-outs that happened after the import count, a list nobody in which can
// receive messages is "Vazia" and cannot be chosen for a campaign, the spreadsheet's other columns show
// on the list page, and a file is imported whole (no row cap).
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { campaigns, contactLists, contacts, suppressions } from '../../db/schema'
import { createContactList, createWahaSession } from '../builders'
import { composerForm, postComposer } from './campaigns-helpers'
import { drain, harness, listRow, upload } from './contacts-support'
import { appFetch, createTestTenant, type TestTenant } from './helpers/app'

/** The suppression row the "SAIR" reply writes (events.server.ts), without a recount of the lists. */
async function saidSair(t: TestTenant, phone: string) {
  await t.ctx.db.insert(suppressions).values({
    tenantId: t.tenantId,
    phoneE164: phone,
    reason: 'opt_out',
    source: 'SAIR',
    createdAt: Date.now(),
  })
}

/** The number in a counter tile of the list page. */
function tile(html: string, id: string): string {
  const m = new RegExp(`data-testid="count-${id}"[^>]*>.*?<div class="stat">([^<]*)</div>`, 's').exec(html)
  return m?.[1] ?? ''
}

async function page(path: string, cookie: string) {
  const res = await appFetch(path, { cookie })
  expect(res.status).toBe(200)
  return res.text()
}

describe('list counters as of now', () => {
  it('should count opt-outs made after the import and mark a list with nobody to send to as empty', async () => {
    const t = await createTestTenant()
    const { id, phones } = await createContactList(t.ctx.db, {
      tenantId: t.tenantId,
      count: 3,
      name: 'Feira',
    })
    const cookie = t.users.viewer.cookie
    await saidSair(t, phones[0]!)
    // another tenant's opt-out of the same number changes nothing here
    const other = await createTestTenant('Outra Loja')
    await saidSair(other, phones[1]!)

    let html = await page(`/contatos/listas/${id}`, cookie)
    expect(tile(html, 'suppressed')).toBe('1')
    expect(tile(html, 'valid')).toBe('2')
    expect(html).not.toContain('data-testid="list-empty"')
    let lists = await page('/contatos', cookie)
    expect(lists).toContain('2 válidos · 0 inválidos · 0 duplicados · 1 em opt-out')
    // the stored counters were not rewritten: the page counts as of now
    expect(await listRow(harness(t), id)).toMatchObject({ validCount: 3, suppressedCount: 0 })

    await saidSair(t, phones[1]!)
    await saidSair(t, phones[2]!)
    html = await page(`/contatos/listas/${id}`, cookie)
    expect(tile(html, 'suppressed')).toBe('3')
    expect(tile(html, 'valid')).toBe('0')
    expect(html).toContain('data-testid="list-empty"')
    expect(html).toContain('Nenhum contato desta lista pode receber mensagens')
    lists = await page('/contatos', cookie)
    expect(lists).toContain('>Vazia<')
    expect(lists).toContain('0 válidos · 0 inválidos · 0 duplicados · 3 em opt-out')

    // a person who is no longer opted out counts again
    await t.ctx.db.delete(suppressions).where(eq(suppressions.phoneE164, phones[2]!))
    html = await page(`/contatos/listas/${id}`, cookie)
    expect(tile(html, 'valid')).toBe('1')
    expect(html).not.toContain('data-testid="list-empty"')
  })

  it('should show the spreadsheet’s other columns on the contacts table, escaped', async () => {
    const t = await createTestTenant()
    const h = harness(t)
    const started = await upload(
      h,
      'Nome;Telefone;Cidade Natal;Plano\nAna;11987654321;Recife;<b>Ouro</b>\nBia;21987654321;Natal;Prata\n',
    )
    expect(started.ok).toBe(true)
    if (!started.ok) return
    await drain(h)
    const html = await page(`/contatos/listas/${started.listId}`, t.users.operator.cookie)
    expect(html).toContain('data-testid="extra-col-cidade_natal">Cidade Natal</th>')
    expect(html).toContain('data-testid="extra-col-plano">Plano</th>')
    expect(html).toContain('<td>Recife</td>')
    expect(html).toContain('<td>&lt;b&gt;Ouro&lt;/b&gt;</td>')
    // the table scrolls inside its own box (never the page) on a narrow screen
    expect(html).toMatch(/<div class="table-wrap"><table><thead><tr><th>Nome<\/th>/)
  })
})

describe('empty lists in the composer', () => {
  async function emptyListFixture() {
    const t = await createTestTenant()
    const list = await createContactList(t.ctx.db, { tenantId: t.tenantId, count: 2, name: 'Só saídas' })
    for (const p of list.phones) await saidSair(t, p)
    const good = await createContactList(t.ctx.db, { tenantId: t.tenantId, count: 1, name: 'Boa', seed: 9 })
    const session = await createWahaSession(t.ctx.db, { tenantId: t.tenantId, isPrimary: true })
    return { t, list, good, session }
  }

  it('should show an empty list disabled with "(vazia)" and the others with their count', async () => {
    const { t, list, good } = await emptyListFixture()
    const html = await page('/campanhas/nova', t.users.operator.cookie)
    expect(html).toContain(`<option value="${list.id}" disabled="">Só saídas (vazia)</option>`)
    expect(html).toContain(`<option value="${good.id}">Boa (1 contato)</option>`)
  })

  it('should refuse an empty list posted anyway, even for a draft, and save nothing', async () => {
    const { t, list, good, session } = await emptyListFixture()
    const f = { ...t, listId: list.id, phones: list.phones, working: session.id, stopped: session.id }
    for (const intent of ['save', 'launch']) {
      const res = await postComposer(t.users.operator.cookie, composerForm(f, { intent }))
      expect(res.status).toBe(400)
      expect(await res.text()).toContain('Esta lista está vazia')
    }
    expect(await t.ctx.db.select().from(campaigns).where(eq(campaigns.tenantId, t.tenantId))).toHaveLength(0)
    // the same draft with a list that has someone in it is saved
    const ok = await postComposer(t.users.operator.cookie, composerForm({ ...f, listId: good.id }))
    expect(ok.status).toBe(303)
  })
})

describe('imports have no row cap', () => {
  it('should import every row of a file past the former 500,000-row cap and finish without a warning', async () => {
    const t = await createTestTenant()
    const h = harness(t)
    const rows = ['11987654321', '21987654321', '31987654321', 'não é telefone']
    const started = await upload(h, `${rows.join('\n')}\n`)
    expect(started.ok).toBe(true)
    if (!started.ok) return
    // The pipeline resumes big files from a byte cursor and a row number: this file's rows are rows
    // 599,999 to 600,002 of a 600,002-row upload (the rows before them already imported).
    await t.ctx.db
      .update(contactLists)
      .set({ cursorLine: 599_999 })
      .where(eq(contactLists.id, started.listId))
    await drain(h, { rowsPerStep: 2 })
    const list = await listRow(h, started.listId)
    expect(list).toMatchObject({ status: 'ready', error: null, validCount: 3, invalidCount: 1, totalRows: 4 })
    const imported = await t.ctx.db.select().from(contacts).where(eq(contacts.listId, started.listId))
    expect(imported.map((c) => c.sourceLine).sort()).toEqual([599_999, 600_000, 600_001])
    const html = await page(`/contatos/listas/${started.listId}`, t.users.viewer.cookie)
    expect(html).toContain('<td>600002</td>')
    expect(html).not.toContain('Atenção:')
  })
})
