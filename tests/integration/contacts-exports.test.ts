// "Exportar contatos (CSV)" of a list through the real Worker: every contact with its extra columns and
// opt-out state, formula-safe, phones a spreadsheet shows as typed, São Paulo times, the viewer's
// language, streamed in pages; the opt-outs export in words and dates.
import { describe, expect, it } from 'vitest'
import { listExport, optOutsExport } from '../../app/core/contacts/exports.server'
import { scopeTo } from '../../app/core/db/tenant.server'
import { makeTranslator } from '../../app/i18n'
import { suppressions } from '../../db/schema'
import { createContactList } from '../builders'
import { drain, harness, upload } from './contacts-support'
import { appFetch, createTestTenant } from './helpers/app'

// 2026-11-23 13:07 UTC = 10:07 in São Paulo.
const AT = Date.UTC(2026, 10, 23, 13, 7)

async function download(path: string, cookie: string) {
  const res = await appFetch(path, { cookie })
  const bytes = new Uint8Array(await res.arrayBuffer())
  return { res, bytes, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) }
}

async function importedList() {
  const t = await createTestTenant()
  const h = harness(t)
  const csv =
    'Nome;Telefone;E-mail;Empresa;Cidade Natal;Código;Obs\r\n' +
    '"=HYPERLINK(""http://evil.example"";""x"")";11987654321;ana@x.com.br;-Loja;Recife;00123;@todos\r\n' +
    'José da Silva;21987654321;;ACME; Natal ;5511987654321;"linha 1; linha 2"\r\n'
  const started = await upload(h, csv, { listName: 'Feira São João' })
  if (!started.ok) throw new Error(started.message)
  await drain(h)
  await t.ctx.db.insert(suppressions).values({
    tenantId: t.tenantId,
    phoneE164: '+5521987654321',
    reason: 'opt_out',
    source: 'SAIR',
    createdAt: AT,
  })
  return { t, listId: started.listId }
}

describe('list CSV export', () => {
  it('should export every contact with extra columns and opt-out state, safe for Excel pt-BR', async () => {
    const { t, listId } = await importedList()
    const { res, bytes, text } = await download(`/contatos/listas/${listId}/exportar`, t.users.viewer.cookie)
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('Cache-Control')).toBe('private, no-store')
    expect(res.headers.get('Content-Disposition')).toMatch(
      /^attachment; filename="lista-feira-sao-joao-\d{4}-\d{2}-\d{2}\.csv"$/,
    )
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(text.slice(1).split('\r\n')).toEqual([
      'Nome;Telefone;E-mail;Empresa;Cidade Natal;Código;Obs;Opt-out;Opt-out desde',
      `"'=HYPERLINK(""http://evil.example"";""x"")";"=""+5511987654321""";ana@x.com.br;'-Loja;Recife;"=""00123""";'@todos;Não;`,
      `José da Silva;"=""+5521987654321""";;ACME;Natal;"=""5511987654321""";"linha 1; linha 2";Sim;23/11/2026 10:07`,
      '',
    ])
  })

  it('should speak the viewer’s language', async () => {
    const { t, listId } = await importedList()
    const { text } = await download(
      `/contatos/listas/${listId}/exportar`,
      `${t.users.viewer.cookie}; disparo_lang=en`,
    )
    const lines = text.slice(1).split('\r\n')
    expect(lines[0]).toBe('Name;Phone;E-mail;Company;Cidade Natal;Código;Obs;Opted out;Opted out since')
    expect(lines[1]?.endsWith(';No;')).toBe(true)
    expect(lines[2]?.endsWith(';Yes;23/11/2026 10:07')).toBe(true)
  })

  it('should stream every contact once across pages, in phone order, and only this list', async () => {
    const t = await createTestTenant()
    const { id, phones } = await createContactList(t.ctx.db, { tenantId: t.tenantId, count: 7, seed: 5 })
    await createContactList(t.ctx.db, { tenantId: t.tenantId, count: 3, seed: 6 })
    const words = makeTranslator('pt-BR')
    for (const pageSize of [2, 7, 100]) {
      const { body } = await listExport(scopeTo(t.ctx, t.tenantId, null), id, words, pageSize)
      const text = await new Response(body).text()
      const lines = text
        .replace(/^\uFEFF/, '')
        .split('\r\n')
        .slice(1, -1)
      expect(lines.map((l) => /^[^;]*;"=""(\+\d+)"""/.exec(l)?.[1])).toEqual([...phones].sort())
      // the cidade column of the builder
      expect(lines.every((l) => /;(São Paulo|Recife|Belo Horizonte|Porto Alegre);Não;$/.test(l))).toBe(true)
    }
  })

  it('should give only the header for a list without contacts, and 404 / login otherwise', async () => {
    const t = await createTestTenant()
    const { id } = await createContactList(t.ctx.db, { tenantId: t.tenantId, count: 0 })
    const { res, text } = await download(`/contatos/listas/${id}/exportar`, t.users.admin.cookie)
    expect(res.status).toBe(200)
    expect(text).toBe('\uFEFFNome;Telefone;E-mail;Empresa;Opt-out;Opt-out desde\r\n')
    expect(
      (await appFetch('/contatos/listas/lst_nao_existe/exportar', { cookie: t.users.admin.cookie })).status,
    ).toBe(404)
    const anonymous = await appFetch(`/contatos/listas/${id}/exportar`)
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('Location')).toContain('/login')
  })

  it('should link the export from the list page (a plain GET link, no JS needed)', async () => {
    const t = await createTestTenant()
    const { id } = await createContactList(t.ctx.db, { tenantId: t.tenantId, count: 1 })
    const html = await (await appFetch(`/contatos/listas/${id}`, { cookie: t.users.viewer.cookie })).text()
    expect(html).toContain(`href="/contatos/listas/${id}/exportar" download=""`)
  })
})

describe('opt-outs CSV export', () => {
  it('should stream every opt-out once across pages, newest first, ties by id', async () => {
    const t = await createTestTenant()
    const other = await createTestTenant('Outra Loja')
    const times = [AT, AT + 60_000, AT + 60_000, AT + 120_000, AT - 1]
    for (const [i, at] of times.entries())
      await t.ctx.db.insert(suppressions).values({
        tenantId: t.tenantId,
        phoneE164: `+55119876543${i}0`,
        reason: 'manual',
        source: 'manual',
        createdAt: at,
      })
    await other.ctx.db
      .insert(suppressions)
      .values({ tenantId: other.tenantId, phoneE164: '+5511900000000', reason: 'manual', createdAt: AT })
    for (const pageSize of [1, 2, 50]) {
      const { body } = optOutsExport(scopeTo(t.ctx, t.tenantId, null), makeTranslator('pt-BR'), pageSize)
      const lines = (await new Response(body).text()).split('\r\n').slice(1, -1)
      expect(lines.map((l) => l.slice(4, 18))).toEqual([
        '+5511987654330',
        '+5511987654320',
        '+5511987654310',
        '+5511987654300',
        '+5511987654340',
      ])
    }
  })
})
