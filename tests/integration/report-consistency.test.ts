// The campaign page's figures agree everywhere (funnel, progress, status tiles, per-session lines,
// the table's total under every filter), the table filters by clicked, replied and opted out with the
// funnel's own definitions, and a paused campaign's banner says why and who or what paused it.
import { describe, expect, it } from 'vitest'
import { pauseAutomatically } from '../../app/core/campaigns/lifecycle.server'
import { NO_SESSION_REASON } from '../../app/core/sending/router.server'
import { appFetch } from './helpers/app'
import {
  insertMessages,
  insertSuppression,
  type MessageSpec,
  phoneOf,
  reportFixture,
  rowIdsOf,
  statOf,
} from './report-support'

const MIN = 60_000
const HOUR = 60 * MIN

/** 20 rows over every status; one failed row never reached a session. */
function rows(a: string, b: string, now: number): MessageSpec[] {
  const out: MessageSpec[] = [
    { status: 'pending' },
    { status: 'queued' },
    { status: 'sending', sessionId: a },
  ]
  for (let i = 0; i < 3; i++)
    out.push({ status: 'sent', sessionId: i ? a : b, sentAt: now - (i ? 5 * MIN : 2 * HOUR) })
  for (let i = 0; i < 3; i++)
    out.push({
      status: 'delivered',
      sessionId: b,
      sentAt: now - 3 * HOUR,
      deliveredAt: now - 3 * HOUR,
      repliedAt: i ? null : now - HOUR,
    })
  for (let i = 0; i < 4; i++)
    out.push({
      status: 'read',
      sessionId: i < 2 ? a : b,
      sentAt: now - 3 * HOUR,
      readAt: now - 2 * HOUR,
      clickedAt: i < 3 ? now - HOUR : null,
      repliedAt: i === 3 ? now - HOUR : null,
    })
  out.push({
    status: 'failed',
    sessionId: b,
    failedAt: now - MIN,
    error: 'Este número não tem WhatsApp.',
    errorKind: 'not_on_whatsapp',
  })
  out.push({
    status: 'failed',
    sessionId: null,
    failedAt: now - MIN,
    error: 'Sem sessão',
    errorKind: 'no_session',
  })
  out.push({
    status: 'unknown',
    sessionId: a,
    error: 'Envio sem confirmação do WhatsApp.',
    errorKind: 'stuck',
  })
  out.push({ status: 'skipped', error: 'Número na lista de opt-out', errorKind: 'suppressed' })
  out.push({ status: 'skipped', error: 'Número na lista de opt-out', errorKind: 'suppressed' })
  out.push({ status: 'skipped', error: 'Campanha cancelada', errorKind: 'cancelled' })
  return out
}

const num = (s: string | null | undefined) => Number((s ?? 'NaN').replace(/\./g, ''))

/** The per-session table's lines: [sent, failed, unconfirmed] per line. */
function sessionLines(html: string): number[][] {
  const table = html.slice(
    html.indexOf('data-testid="report-sessions"'),
    html.indexOf('</table>', html.indexOf('data-testid="report-sessions"')),
  )
  return [...table.matchAll(/<tr data-session-id="[^"]*">(.*?)<\/tr>/gs)].map((m) => {
    const cells = [...m[1]!.matchAll(/<td>(.*?)<\/td>/gs)].map((c) => c[1]!)
    return [num(cells[2]), num(cells[3]), num(cells[4])]
  })
}

const tableTotal = (html: string) => num(/data-testid="report-rows-total" data-total="(\d+)"/.exec(html)?.[1])
const sum = (xs: number[]) => xs.reduce((t, x) => t + x, 0)

describe('one source of counts', () => {
  it('should show the same figures in the funnel, progress, tiles, per-session lines and table totals', async () => {
    const f = await reportFixture('running')
    const now = Date.now()
    const ids = await insertMessages(f, f.campaignId, rows(f.a, f.b, now))
    // A read contact (row 10) said SAIR after their message: an opt-out, counted once.
    await insertSuppression(f.tenantId, phoneOf(10), now - 30 * MIN)
    const get = async (q = '') =>
      (await appFetch(`/campanhas/${f.campaignId}${q}`, { cookie: f.users.viewer.cookie })).text()
    const html = await get()
    const funnel = (k: string) => num(statOf(html, `funnel-${k}`))
    const tile = (s: string) => num(statOf(html, `count-${s}`))
    const statuses = [
      'pending',
      'queued',
      'sending',
      'sent',
      'delivered',
      'read',
      'failed',
      'unknown',
      'skipped',
    ]
    const lines = sessionLines(html)

    expect(funnel('total')).toBe(ids.length)
    expect(sum(statuses.map(tile))).toBe(funnel('total'))
    expect(tableTotal(html)).toBe(funnel('total'))
    expect(html).toContain(`${funnel('total') - funnel('waiting')} de ${funnel('total')}`)
    expect(tile('sent') + tile('delivered') + tile('read')).toBe(funnel('sent'))
    expect(sum(lines.map((l) => l[0]!))).toBe(funnel('sent'))
    expect(tile('failed')).toBe(funnel('failed'))
    expect(sum(lines.map((l) => l[1]!))).toBe(funnel('failed'))
    expect(sum(lines.map((l) => l[2]!))).toBe(funnel('unconfirmed'))
    expect(html).toContain('Sem sessão (falhou antes do envio)')

    // Every filter's total is the figure the page shows for it, and its rows are those rows.
    for (const [q, expected] of [
      ['?acao=clicou', funnel('clicked')],
      ['?acao=respondeu', funnel('replied')],
      ['?acao=saiu', funnel('optOuts')],
      ['?status=failed', tile('failed')],
      ['?status=read', tile('read')],
      [`?sessao=${f.b}&status=failed`, lines[1]![1]!],
    ] as const) {
      const page = await get(q)
      expect(tableTotal(page), q).toBe(expected)
      expect(rowIdsOf(page), q).toHaveLength(expected)
    }
    expect(funnel('clicked')).toBe(3)
    expect(funnel('replied')).toBe(2)
    expect(
      funnel('optOuts'),
      html.slice(
        html.indexOf('data-testid="funnel-optOuts"'),
        html.indexOf('data-testid="funnel-optOuts"') + 300,
      ),
    ).toBe(3)
    // Opted out: the two skipped-as-suppressed rows and the read row whose contact said SAIR later.
    expect(rowIdsOf(await get('?acao=saiu')).sort()).toEqual([ids[9], ids[16], ids[17]].sort())
    // Filters combine, and the links to other pages keep them.
    const clickedRead = await get('?acao=clicou&status=read')
    expect(tableTotal(clickedRead)).toBe(3)
    expect(clickedRead).toContain('<option value="clicou" selected="">')
  })
})

describe('paused banner', () => {
  it('should say the engine paused it and why', async () => {
    const f = await reportFixture('running')
    await pauseAutomatically(f.ctx, f.campaignId, NO_SESSION_REASON)
    const html = await (
      await appFetch(`/campanhas/${f.campaignId}`, { cookie: f.users.viewer.cookie })
    ).text()
    expect(html).toContain('data-testid="paused-banner"')
    expect(html).toContain('Nenhuma das sessões da campanha está conectada e disponível para enviar.')
    expect(html).toContain('Pausada automaticamente pelo Disparo')
    const english = await (
      await appFetch(`/campanhas/${f.campaignId}`, { cookie: `${f.users.viewer.cookie}; disparo_lang=en` })
    ).text()
    const banner = english.slice(
      english.indexOf('data-testid="paused-banner"'),
      english.indexOf('data-testid="paused-by"'),
    )
    expect(banner).toContain('None of the campaign')
    expect(banner).not.toContain('Nenhuma das sessões')
    expect(english).toContain('Paused automatically by Disparo')
  })

  it('should name the person who paused it, and go away on resume', async () => {
    const f = await reportFixture('running')
    const pause = await appFetch(`/campanhas/${f.campaignId}`, {
      cookie: f.users.operator.cookie,
      form: { intent: 'pause' },
    })
    expect(pause.status).toBe(303)
    const html = await (
      await appFetch(`/campanhas/${f.campaignId}`, { cookie: f.users.viewer.cookie })
    ).text()
    expect(html).toContain('data-testid="paused-banner"')
    expect(html).toContain('Pausada por operator Loja Teste')
    await appFetch(`/campanhas/${f.campaignId}`, {
      cookie: f.users.operator.cookie,
      form: { intent: 'resume' },
    })
    const after = await (
      await appFetch(`/campanhas/${f.campaignId}`, { cookie: f.users.viewer.cookie })
    ).text()
    expect(after).not.toContain('data-testid="paused-banner"')
  })
})
