// The campaign report page (/campanhas/:id): funnel numbers on a crafted set of rows (every status,
// clicks, replies, late opt-outs, "sem confirmação"), ETA, charts, per-session split, failure
// reasons, history with names, live refresh rules, and the table's filters, search and pages.
import { describe, expect, it } from 'vitest'
import { campaignEvents } from '../../db/schema'
import { appFetch } from './helpers/app'
import {
  decodeHtml,
  insertMessages,
  insertSuppression,
  type MessageSpec,
  pauseSessionRow,
  phoneOf,
  reportFixture,
  rowIdsOf,
  statOf,
} from './report-support'

const MIN = 60_000
const HOUR = 60 * MIN

/** 27 rows: 6 waiting, 14 sent or beyond (2 unconfirmed), 2 failed, 1 unknown, 4 skipped. */
function craftedRows(a: string, b: string, now: number): MessageSpec[] {
  const rows: MessageSpec[] = []
  for (const status of ['pending', 'pending', 'pending', 'queued', 'queued']) rows.push({ status })
  rows.push({ status: 'sending', sessionId: a })
  for (let i = 0; i < 4; i++) rows.push({ status: 'sent', sessionId: a, sentAt: now - 5 * MIN })
  for (let i = 0; i < 2; i++) rows.push({ status: 'sent', sessionId: b, sentAt: now - 2 * HOUR })
  for (let i = 0; i < 3; i++)
    rows.push({
      status: 'delivered',
      sessionId: a,
      sentAt: now - 3 * HOUR,
      deliveredAt: now - 3 * HOUR + MIN,
      repliedAt: i === 0 ? now - HOUR : null,
    })
  for (let i = 0; i < 5; i++)
    rows.push({
      status: 'read',
      sessionId: i < 3 ? a : b,
      sentAt: now - 3 * HOUR,
      deliveredAt: now - 3 * HOUR + MIN,
      readAt: now - 2 * HOUR,
      clickedAt: i < 2 ? now - 2 * HOUR + MIN : null,
      repliedAt: i === 4 ? now - HOUR : null,
    })
  for (let i = 0; i < 2; i++)
    rows.push({
      status: 'failed',
      sessionId: b,
      failedAt: now - MIN,
      error: 'Este número não tem WhatsApp.',
      errorKind: 'not_on_whatsapp',
    })
  rows.push({
    status: 'unknown',
    sessionId: a,
    error: 'Envio sem confirmação do WhatsApp.',
    errorKind: 'stuck',
  })
  rows.push({ status: 'skipped', error: 'Número na lista de opt-out', errorKind: 'suppressed' })
  rows.push({ status: 'skipped', error: 'Número na lista de opt-out', errorKind: 'suppressed' })
  rows.push({ status: 'skipped', error: 'Telefone repetido na lista', errorKind: 'duplicate' })
  rows.push({ status: 'skipped', error: 'Campanha cancelada', errorKind: 'cancelled' })
  return rows
}

describe('campaign report funnel', () => {
  it('should count every stage, late opt-outs and unconfirmed rows, with percentages and an ETA', async () => {
    const f = await reportFixture('running')
    const now = Date.now()
    const specs = craftedRows(f.a, f.b, now)
    await insertMessages(f, f.campaignId, specs)
    // Late opt-out: a read contact (row 20, sent 3 h ago) said SAIR an hour ago -> counted.
    await insertSuppression(f.tenantId, phoneOf(20), now - HOUR)
    // Opted out BEFORE their message was sent (not "after it was sent") -> not counted.
    await insertSuppression(f.tenantId, phoneOf(21), now - 5 * HOUR)
    // A suppressed-and-skipped row's phone (never sent) -> already counted once as skipped.
    await insertSuppression(f.tenantId, phoneOf(24), now - 5 * HOUR)
    // Someone outside this campaign -> not counted.
    await insertSuppression(f.tenantId, '+5511999999999', now - MIN)
    await pauseSessionRow(f, f.b, now + 2 * HOUR, 'Limite de contatos novos do WhatsApp')
    await f.ctx.db.insert(campaignEvents).values([
      {
        tenantId: f.tenantId,
        campaignId: f.campaignId,
        kind: 'started',
        userId: f.users.operator.id,
        createdAt: now - 4 * HOUR,
      },
      {
        tenantId: f.tenantId,
        campaignId: f.campaignId,
        kind: 'dispatched',
        detail: '27',
        createdAt: now - 4 * HOUR + 1,
      },
    ])

    const res = await appFetch(`/campanhas/${f.campaignId}`, { cookie: f.users.viewer.cookie })
    expect(res.status).toBe(200)
    const html = decodeHtml(await res.text())
    const expected: Record<string, string> = {
      'funnel-total': '27',
      'funnel-waiting': '6',
      'funnel-sent': '14',
      'funnel-delivered': '8',
      'funnel-read': '5',
      'funnel-clicked': '2',
      'funnel-replied': '2',
      'funnel-failed': '2',
      'funnel-optOuts': '3',
      'funnel-unconfirmed': '3',
      'funnel-skipped': '2',
    }
    for (const [id, value] of Object.entries(expected)) expect(statOf(html, id), id).toBe(value)
    // Percentages: sent of total, the rest of sent.
    expect(html).toContain('51,9% do total')
    expect(html).toContain('57,1% das enviadas')
    // 21 of 27 processed; 6 rows left at 6 per 10 minutes (4 sent + 2 failed recently) -> ~10 min.
    expect(html).toContain('21 de 27 processadas')
    expect(html).toMatch(/Previsão de término: ~10 min/)
    // The old per-status grid stays.
    expect(statOf(html, 'count-sent')).toBe('6')
    expect(statOf(html, 'count-skipped')).toBe('4')
    // Charts are inline SVG with a title and text labels.
    expect(html).toContain('<title id="timeline-title">Envios e leituras a cada 1 h</title>')
    expect(html).toMatch(/14 envios e 5 leituras entre/)
    expect(html).toContain('data-testid="session-chart"')
    expect(html).toContain('<title id="sessions-chart-title">')
    // Per session: A sent 4+3+3 = 10, B sent 2+2 = 4 with 2 failures and its pause.
    const sessions = html.slice(html.indexOf('data-testid="report-sessions"'))
    expect(sessions).toMatch(/Loja Centro<\/td><td>.*?<\/td><td>10<\/td><td>0<\/td><td>1<\/td>/)
    expect(sessions).toMatch(/Loja Sul<\/td><td>.*?<\/td><td>4<\/td><td>2<\/td><td>2<\/td><td>Pausada até/)
    expect(sessions).toContain('Limite de contatos novos do WhatsApp')
    // Failure reasons grouped with counts, the kind in words (decision 016: no raw codes on a page).
    const failures = html.slice(html.indexOf('data-testid="report-failures"'))
    expect(failures).toMatch(
      /Falhou<\/td><td>Este número não tem WhatsApp\.<span class="muted"> \(sem WhatsApp\)<\/span><\/td><td>2</,
    )
    expect(failures).toContain('Número na lista de opt-out')
    // History says who.
    expect(html).toContain('Envio iniciado')
    expect(html).toContain('por operator Loja Teste')
    expect(html).toContain('Mensagens preparadas: 27 contatos')
    // Viewers read (and see the export link) but get no lifecycle buttons.
    expect(html).toContain(`href="/campanhas/${f.campaignId}/exportar"`)
    expect(html).not.toContain('value="pause"')

    // In English, the stored (pt-BR) reasons read in English too.
    const en = decodeHtml(
      await (
        await appFetch(`/campanhas/${f.campaignId}`, { cookie: `${f.users.viewer.cookie}; disparo_lang=en` })
      ).text(),
    )
    const from = en.indexOf('data-testid="report-failures"')
    const enFailures = en.slice(from, en.indexOf('</table>', from))
    expect(enFailures).toContain('This number is not on WhatsApp.')
    expect(enFailures).toContain('Number is on the opt-out list')
    expect(enFailures).not.toContain('Este número não tem WhatsApp')
  })

  it('should show zeros and no chart for a draft without messages', async () => {
    const f = await reportFixture('draft')
    const html = decodeHtml(
      await (await appFetch(`/campanhas/${f.campaignId}`, { cookie: f.users.admin.cookie })).text(),
    )
    expect(statOf(html, 'funnel-total')).toBe('0')
    expect(html).toContain('0% do total')
    expect(html).toContain('Nenhuma mensagem enviada ainda.')
    expect(html).toContain('data-testid="report-rows-empty"')
    expect(html).not.toContain('data-testid="report-eta"')
  })
})

describe('live refresh', () => {
  it('should add a 10 s noscript refresh and an "Atualizar" link only while running', async () => {
    const running = await reportFixture('running')
    const html = await (
      await appFetch(`/campanhas/${running.campaignId}`, { cookie: running.users.admin.cookie })
    ).text()
    expect(html).toMatch(/<noscript><meta http-equiv="refresh" content="10"\/?><\/noscript>/)
    expect(html).toContain('data-testid="report-refresh"')

    const paused = await reportFixture('paused')
    const pausedHtml = await (
      await appFetch(`/campanhas/${paused.campaignId}`, { cookie: paused.users.admin.cookie })
    ).text()
    expect(pausedHtml).not.toContain('http-equiv="refresh"')
    expect(pausedHtml).toContain('data-testid="report-refresh"')
    expect(pausedHtml).toContain('value="resume"')

    const finished = await reportFixture('finished')
    const doneHtml = await (
      await appFetch(`/campanhas/${finished.campaignId}`, { cookie: finished.users.admin.cookie })
    ).text()
    expect(doneHtml).not.toContain('http-equiv="refresh"')
    expect(doneHtml).not.toContain('data-testid="report-refresh"')
  })
})

describe('per-contact table', () => {
  async function bigCampaign() {
    const f = await reportFixture('running')
    const now = Date.now()
    const specs: MessageSpec[] = Array.from({ length: 120 }, (_, i) => ({
      status: i % 10 === 0 ? 'failed' : 'sent',
      sessionId: i % 2 === 0 ? f.a : f.b,
      sentAt: now - i * MIN,
      name: i === 77 ? 'Zélia Gonçalves' : i === 78 ? '50% off_' : `Cliente ${i}`,
    }))
    const ids = await insertMessages(f, f.campaignId, specs)
    return { f, ids }
  }

  const page = async (f: { campaignId: string; users: { admin: { cookie: string } } }, query: string) => {
    const res = await appFetch(`/campanhas/${f.campaignId}${query}`, { cookie: f.users.admin.cookie })
    expect(res.status).toBe(200)
    return decodeHtml(await res.text())
  }

  it('should page 50 rows at a time forwards and backwards by contact (keyset)', async () => {
    const { f, ids } = await bigCampaign()
    const first = await page(f, '')
    expect(rowIdsOf(first)).toEqual(ids.slice(0, 50))
    expect(first).toContain(`?depois=50#contatos`)
    expect(first).not.toContain('rel="prev"')
    const second = await page(f, `?depois=50`)
    expect(rowIdsOf(second)).toEqual(ids.slice(50, 100))
    const third = await page(f, `?depois=100`)
    expect(rowIdsOf(third)).toEqual(ids.slice(100))
    expect(third).not.toContain('rel="next"')
    expect(third).toContain(`?antes=101#contatos`)
    const back = await page(f, `?antes=101`)
    expect(rowIdsOf(back)).toEqual(ids.slice(50, 100))
    expect(back).toContain(`?depois=100#contatos`)
    expect(back).toContain(`?antes=51#contatos`)
  })

  it('should filter by status and session and search by name or phone, keeping filters in page links', async () => {
    const { f, ids } = await bigCampaign()
    const failed = await page(f, '?status=failed')
    expect(rowIdsOf(failed)).toEqual(ids.filter((_, i) => i % 10 === 0))
    const sentOnB = await page(f, `?status=sent&sessao=${f.b}`)
    expect(rowIdsOf(sentOnB)).toEqual(ids.filter((_, i) => i % 2 === 1 && i % 10 !== 0).slice(0, 50))
    expect(sentOnB).toContain(`status=sent&sessao=${f.b}&depois=`)
    expect(rowIdsOf(await page(f, '?q=z%C3%A9lia'))).toEqual([ids[77]])
    expect(rowIdsOf(await page(f, `?q=${encodeURIComponent('(11) 91000-0071')}`))).toEqual([ids[70]])
    expect(rowIdsOf(await page(f, `?q=${encodeURIComponent(phoneOf(43).slice(-8))}`))).toEqual([ids[42]])
    // LIKE wildcards are literal: "%" finds only the name that has one.
    expect(rowIdsOf(await page(f, '?q=%25'))).toEqual([ids[78]])
    const none = await page(f, '?q=ninguem-assim')
    expect(none).toContain('Nenhum contato com esses filtros.')
    expect(none).toContain('Limpar filtros')
  })

  it('should ignore malformed filters instead of failing', async () => {
    const { f, ids } = await bigCampaign()
    for (const q of [
      '?status=explodir',
      '?depois=abc',
      '?antes=-5',
      `?sessao=${encodeURIComponent("x' OR 1=1 --")}`,
      `?q=${'a'.repeat(500)}`,
    ]) {
      const html = await page(f, q)
      if (!q.startsWith('?q=')) expect(rowIdsOf(html), q).toEqual(ids.slice(0, 50))
    }
  })

  it("should not show another session's or campaign's rows", async () => {
    const { f } = await bigCampaign()
    const other = await reportFixture('running')
    await insertMessages(other, other.campaignId, [
      { status: 'sent', name: 'Pessoa de fora', sentAt: Date.now() },
    ])
    expect(await page(f, '?q=Pessoa')).toContain('Nenhum contato com esses filtros.')
    expect((await appFetch(`/campanhas/${other.campaignId}`, { cookie: f.users.admin.cookie })).status).toBe(
      404,
    )
  })
})
