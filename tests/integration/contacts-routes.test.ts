// The import page through the real Worker: every bad input, the background import, what ends up on
// the list page (accents, rejects and their download, escaping, opt-outs) and the mapping step.
import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { contactLists, contacts, importRowsRejected } from '../../db/schema'
import { cp1252, harness, importForm, waitForList } from './contacts-support'
import { appFetch, createTestTenant, type TestTenant } from './helpers/app'

async function post(
  t: TestTenant,
  body: Uint8Array | string,
  fields?: Record<string, string>,
  name?: string,
) {
  return appFetch('/contatos/importar', {
    cookie: t.users.operator.cookie,
    form: importForm(body, fields, name),
  })
}

async function importAndWait(t: TestTenant, body: Uint8Array | string, fields?: Record<string, string>) {
  const res = await post(t, body, fields)
  expect(res.status).toBe(303)
  const id = res.headers.get('Location')?.split('/')[3] ?? ''
  const row = await waitForList(harness(t), id)
  return { id, row }
}

async function tenantLists(t: TestTenant) {
  return harness(t).ctx.db.select().from(contactLists).where(eq(contactLists.tenantId, t.tenantId))
}

describe('import page refuses bad files before any work', () => {
  const cases: Array<[string, () => Uint8Array | string, string]> = [
    ['an empty file', () => '', 'O arquivo está vazio'],
    ['a header-only file', () => 'Nome;Telefone\r\n', 'só tem o cabeçalho'],
    [
      'a PNG renamed .csv',
      () => Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]),
      'não parece ser um CSV',
    ],
    [
      'a UTF-16 file',
      () => Uint8Array.from([0xff, 0xfe, ...[...'Nome;Telefone\r\n'].flatMap((c) => [c.charCodeAt(0), 0])]),
      'UTF-16',
    ],
    ['an XLSX file', () => Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 20, 0, 6, 0, 8, 0]), 'planilha do Excel'],
    ['a 2 MB single line', () => `Nome;Telefone;${'x'.repeat(2 * 1024 * 1024)}`, 'Linha muito longa'],
    [
      '10,000 columns',
      () => `${Array.from({ length: 10_000 }, (_, i) => `c${i}`).join(';')}\r\nAna;11987654321\r\n`,
      'colunas demais',
    ],
  ]
  it.each(cases)('should refuse %s with a clear message and save nothing', async (_, body, message) => {
    const t = await createTestTenant()
    const res = await post(t, body())
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain(message)
    expect(await tenantLists(t)).toEqual([])
    const listed = await env.FILES.list({ prefix: `imports/${t.tenantId}/` })
    expect(listed.objects).toEqual([])
  })

  it('should refuse a file over 50 MB and state the limit', async () => {
    const t = await createTestTenant()
    const big = new Uint8Array(50 * 1024 * 1024 + 1).fill(0x41)
    const res = await post(t, big)
    expect([400, 413]).toContain(res.status)
    expect(await res.text()).toContain('50 MB')
    expect(await tenantLists(t)).toEqual([])
  })

  it('should ask for the file and the list name', async () => {
    const t = await createTestTenant()
    const form = new FormData()
    form.set('target', 'new')
    const res = await appFetch('/contatos/importar', { cookie: t.users.operator.cookie, form })
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain('Escolha o arquivo CSV da lista.')
    expect(html).toContain('Preencha este campo.')
  })
})

describe('import results', () => {
  it('should store the original under a random R2 key and keep the file name only on the list', async () => {
    const t = await createTestTenant()
    // no header and no phone-looking column: the mapping step opens, nothing is queued
    const res = await post(
      t,
      'abc;def\r\nghi;jkl\r\n',
      { target: 'new', listName: 'Sem cabeçalho' },
      'Clientes <b>.csv',
    )
    expect(res.status).toBe(303)
    expect(res.headers.get('Location')).toMatch(/\/contatos\/listas\/lst_\w+\/mapear$/)
    const [row] = await tenantLists(t)
    expect(row).toMatchObject({ status: 'mapping', fileName: 'Clientes <b>.csv' })
    expect(row?.sourceKey).toMatch(new RegExp(`^imports/${t.tenantId}/[0-9a-f]{32}$`))
    expect(await env.FILES.head(row?.sourceKey ?? '')).not.toBeNull()
  })

  it('should keep Windows-1252 accents and show them on the list page', async () => {
    const t = await createTestTenant()
    const { id, row } = await importAndWait(
      t,
      cp1252('Nome;Telefone\r\nJoão da Conceição;(11) 98765-4321\r\nMaria Antônia;21 99876-5432\r\n'),
    )
    expect(row).toMatchObject({ status: 'ready', validCount: 2, encoding: 'windows-1252' })
    const html = await (await appFetch(`/contatos/listas/${id}`, { cookie: t.users.viewer.cookie })).text()
    expect(html).toContain('João da Conceição')
    expect(html).toContain('Maria Antônia')
  })

  it('should reject a row with unbalanced quotes and import the rest', async () => {
    const t = await createTestTenant()
    const { id, row } = await importAndWait(
      t,
      'Nome;Telefone\r\n"Ana;11987654321\r\nBia;21987654321\r\nCaio;31987654321\r\n',
    )
    expect(row).toMatchObject({ status: 'ready', validCount: 2, invalidCount: 1 })
    const rejects = await harness(t)
      .ctx.db.select()
      .from(importRowsRejected)
      .where(eq(importRowsRejected.listId, id))
    expect(rejects).toEqual([
      expect.objectContaining({ lineNumber: 2, reason: expect.stringContaining('Aspas sem fechamento') }),
    ])
  })

  it('should import a file of only invalid phones as an empty list explaining every row', async () => {
    const t = await createTestTenant()
    const { id, row } = await importAndWait(
      t,
      'Nome;Telefone\r\nAna;123\r\nBia;(20) 98765-4321\r\nCaio;não tem\r\n',
    )
    expect(row).toMatchObject({ status: 'ready', validCount: 0, invalidCount: 3 })
    const html = await (await appFetch(`/contatos/listas/${id}`, { cookie: t.users.viewer.cookie })).text()
    expect(html).toContain('DDD inexistente no Brasil')
    expect(html).toContain('Telefone com dígitos de menos')
    expect(html).toContain('Telefone com letras ou símbolos inválidos')
  })

  it('should keep formula cells as typed and escape them in the rejects download', async () => {
    const t = await createTestTenant()
    const body = 'Nome;Telefone\r\n"=HYPERLINK(""http://x.example"";""clique"")";11987654321\r\n=1+2;=2+3\r\n'
    const { id } = await importAndWait(t, body, { target: 'new', listName: 'Promoção São João' })
    const [c] = await harness(t).ctx.db.select().from(contacts).where(eq(contacts.listId, id))
    expect(c?.name).toBe('=HYPERLINK("http://x.example";"clique")')
    const res = await appFetch(`/contatos/listas/${id}/rejeitados`, { cookie: t.users.viewer.cookie })
    expect(res.headers.get('Content-Disposition')).toMatch(
      /^attachment; filename="rejeitados-promocao-sao-joao-\d{4}-\d{2}-\d{2}\.csv"$/,
    )
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer())
    expect(csv.startsWith('\uFEFFLinha;Conteúdo original;Motivo\r\n')).toBe(true)
    expect(csv).toContain(`3;"'=1+2;=2+3";`)
    expect(csv).not.toMatch(/(^|;)=1\+2/m)
  })

  it('should render HTML and scripts in names escaped', async () => {
    const t = await createTestTenant()
    const { id } = await importAndWait(
      t,
      'Nome;Telefone\r\n<script>alert(1)</script><b>Ana</b>;11987654321\r\n',
    )
    const html = await (await appFetch(`/contatos/listas/${id}`, { cookie: t.users.viewer.cookie })).text()
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;Ana&lt;/b&gt;')
    expect(html).not.toContain('<script>alert(1)')
  })

  it('should import a file that stops halfway, explaining the cut row', async () => {
    const t = await createTestTenant()
    const { id, row } = await importAndWait(
      t,
      'Nome;Telefone\r\nAna;11987654321\r\nBia;21987654321\r\n"Caio Sil',
    )
    expect(row).toMatchObject({ status: 'ready', validCount: 2, invalidCount: 1 })
    const rejects = await harness(t)
      .ctx.db.select()
      .from(importRowsRejected)
      .where(eq(importRowsRejected.listId, id))
    expect(rejects).toEqual([expect.objectContaining({ lineNumber: 4, raw: '"Caio Sil' })])
  })

  it('should add nothing when the same file is imported again into the list', async () => {
    const t = await createTestTenant()
    const body = 'Nome;Telefone\r\nAna;11987654321\r\nBia;21987654321\r\nBia de novo;(21) 98765-4321\r\n'
    const first = await importAndWait(t, body)
    expect(first.row).toMatchObject({ validCount: 2, duplicateCount: 1 })
    const again = await importAndWait(t, body, { target: 'existing', listId: first.id })
    expect(again.id).toBe(first.id)
    expect(again.row).toMatchObject({ status: 'ready', validCount: 2, duplicateCount: 3, totalRows: 3 })
    const rows = await harness(t).ctx.db.select().from(contacts).where(eq(contacts.listId, first.id))
    expect(rows).toHaveLength(2)
  })

  it('should import numbers on the opt-out list but count them apart', async () => {
    const t = await createTestTenant()
    await appFetch('/opt-outs', {
      cookie: t.users.operator.cookie,
      form: { intent: 'add', phone: '(11) 98765-4321' },
    })
    const { id, row } = await importAndWait(t, 'Nome;Telefone\r\nAna;11987654321\r\nBia;21987654321\r\n')
    expect(row).toMatchObject({ validCount: 1, suppressedCount: 1 })
    const html = await (await appFetch(`/contatos/listas/${id}`, { cookie: t.users.viewer.cookie })).text()
    const mine = html.slice(html.indexOf('data-testid="contact-+5511987654321"'))
    expect(mine.slice(0, mine.indexOf('</tr>'))).toContain('<span class="badge bad">opt-out</span>')
    const other = html.slice(html.indexOf('data-testid="contact-+5521987654321"'))
    expect(other.slice(0, other.indexOf('</tr>'))).not.toContain('opt-out')
  })

  it('should open the mapping step when the columns are unclear and import after the choice', async () => {
    const t = await createTestTenant()
    const res = await post(t, 'Ana;x;11987654321;21987654321\r\nBia;y;31987654321;41987654321\r\n')
    const path = res.headers.get('Location') ?? ''
    expect(path).toMatch(/\/mapear$/)
    const page = await (await appFetch(path, { cookie: t.users.operator.cookie })).text()
    expect(page).toContain('Quais colunas usar?')
    expect(page).toContain('31987654321')
    const bad = await appFetch(path, { cookie: t.users.operator.cookie, form: { phone: '', keep: '1' } })
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('Escolha qual coluna tem o telefone')
    const form = new URLSearchParams([
      ['phone', '3'],
      ['name', '0'],
      ['keep', '1'],
    ])
    const ok = await appFetch(path, { cookie: t.users.operator.cookie, form: Object.fromEntries(form) })
    expect(ok.status).toBe(303)
    const id = path.split('/')[3] ?? ''
    const row = await waitForList(harness(t), id)
    expect(row).toMatchObject({ status: 'ready', validCount: 2 })
    const rows = await harness(t).ctx.db.select().from(contacts).where(eq(contacts.listId, id))
    expect(rows.map((r) => [r.name, r.phoneE164, r.extra])).toEqual([
      ['Ana', '+5521987654321', { coluna_2: 'x' }],
      ['Bia', '+5541987654321', { coluna_2: 'y' }],
    ])
  })
})
