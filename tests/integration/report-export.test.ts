// "Exportar CSV" (/campanhas/:id/exportar): BOM, ';', CRLF, formula escaping, pt-BR labels, São Paulo
// times, a safe file name; every role may export; streamed pages cover every row exactly once.

import { describe, expect, it } from 'vitest'
import { createCampaign } from '../builders'
import { appFetch } from './helpers/app'
import { insertMessages, type MessageSpec, reportFixture } from './report-support'

// 2026-11-23 13:07 UTC = 10:07 in São Paulo.
const AT = Date.UTC(2026, 10, 23, 13, 7)

async function download(path: string, cookie: string) {
  const res = await appFetch(path, { cookie })
  const bytes = new Uint8Array(await res.arrayBuffer())
  return { res, bytes, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) }
}

describe('campaign CSV export', () => {
  it('should write an Excel pt-BR CSV with escaped formulas and São Paulo times', async () => {
    const f = await reportFixture('finished', 'Promoção "Black" Friday ⚡')
    await insertMessages(f, f.campaignId, [
      {
        status: 'read',
        name: '=HYPERLINK("http://evil.example","clique")',
        sessionId: f.a,
        sentAt: AT,
        deliveredAt: AT + 60_000,
        readAt: AT + 120_000,
        clickedAt: AT + 180_000,
        repliedAt: AT + 240_000,
      },
      {
        status: 'failed',
        name: 'Silva; Souza "Júnior"',
        sessionId: f.b,
        error: '+número inválido',
        errorKind: 'invalid_number',
      },
      { status: 'skipped', name: null, error: 'Número na lista de opt-out', errorKind: 'suppressed' },
    ])
    const { res, bytes, text } = await download(`/campanhas/${f.campaignId}/exportar`, f.users.viewer.cookie)
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('Content-Disposition')).toMatch(
      /^attachment; filename="campanha-promocao-black-friday-\d{4}-\d{2}-\d{2}\.csv"$/,
    )
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = text.slice(1).split('\r\n')
    expect(lines.at(-1)).toBe('')
    expect(lines.slice(0, -1)).toEqual([
      'Nome;Telefone;Situação;Sessão;Enviada em;Entregue em;Lida em;Clicou em;Respondeu em;Erro',
      `"'=HYPERLINK(""http://evil.example"",""clique"")";"=""+5511910000001""";Lida;Loja Centro;23/11/2026 10:07;23/11/2026 10:08;23/11/2026 10:09;23/11/2026 10:10;23/11/2026 10:11;`,
      `"Silva; Souza ""Júnior""";"=""+5511910000002""";Falhou;Loja Sul;;;;;;'+número inválido`,
      `;"=""+5511910000003""";Ignorada;;;;;;;Número na lista de opt-out`,
    ])
    // in the viewer's language: headers, statuses and the engine's reasons
    const en = await download(
      `/campanhas/${f.campaignId}/exportar`,
      `${f.users.viewer.cookie}; disparo_lang=en`,
    )
    const enLines = en.text.slice(1).split('\r\n')
    expect(enLines[0]).toBe(
      'Name;Phone;Status;Session;Sent at;Delivered at;Read at;Clicked at;Replied at;Error',
    )
    expect(enLines[3]).toBe(`;"=""+5511910000003""";Skipped;;;;;;;Number is on the opt-out list`)
  })

  it('should stream every row once across pages, in id order', async () => {
    const f = await reportFixture('running')
    const specs: MessageSpec[] = Array.from({ length: 4321 }, (_, i) => ({
      status: i % 3 ? 'sent' : 'pending',
      sentAt: i % 3 ? AT : null,
    }))
    await insertMessages(f, f.campaignId, specs)
    // Another campaign of the same tenant is not exported.
    const other = await createCampaign(f.ctx.db, { tenantId: f.tenantId, name: 'Outra', status: 'running' })
    await insertMessages(f, other.id, [{ status: 'sent' }], 9_000_000)
    const { res, text } = await download(`/campanhas/${f.campaignId}/exportar`, f.users.operator.cookie)
    expect(res.status).toBe(200)
    const lines = text.slice(1).split('\r\n').slice(1, -1)
    expect(lines).toHaveLength(4321)
    const phones = lines.map((l) => l.split(';')[1])
    expect(new Set(phones).size).toBe(4321)
    // Phones are text formulas Excel and LibreOffice show as typed: no apostrophe, no 5,5E+12.
    expect(phones[0]).toBe('"=""+5511910000001"""')
    expect(phones.at(-1)).toBe('"=""+5511910004321"""')
    expect(lines.filter((l) => l.includes(';Pendente;'))).toHaveLength(1441)
  })

  it('should give only the header for a campaign without messages, and 404 / login otherwise', async () => {
    const f = await reportFixture('draft')
    const { res, text } = await download(`/campanhas/${f.campaignId}/exportar`, f.users.admin.cookie)
    expect(res.status).toBe(200)
    expect(text).toBe(
      '\uFEFFNome;Telefone;Situação;Sessão;Enviada em;Entregue em;Lida em;Clicou em;Respondeu em;Erro\r\n',
    )
    expect(
      (await appFetch('/campanhas/cmp_nao_existe/exportar', { cookie: f.users.admin.cookie })).status,
    ).toBe(404)
    const anonymous = await appFetch(`/campanhas/${f.campaignId}/exportar`)
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('Location')).toContain('/login')
  })
})
