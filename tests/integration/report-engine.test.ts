// The report over a campaign sent for real (launch -> queues -> SenderSession -> WAHA simulator):
// the page and the export agree with the outbox.
import { describe, expect, it } from 'vitest'
import { launchNow } from '../../app/core/campaigns/lifecycle.server'
import { scopeTo } from '../../app/core/db/tenant.server'
import { appFetch, ORIGIN } from './helpers/app'
import { campaignRow, createEngineFixture, statusCounts, waitFor } from './helpers/engine'
import { decodeHtml, statOf } from './report-support'

describe('report of a real send', () => {
  it('should show the funnel, history and export of a finished campaign', async () => {
    const f = await createEngineFixture({ contacts: 12, sessions: 2 })
    const scope = scopeTo(f.tenant.ctx, f.tenant.tenantId, f.tenant.users.operator.id)
    expect(await launchNow(scope, f.campaignId, ORIGIN)).toEqual({ ok: true, message: 'campaigns.launched' })
    await waitFor(
      async () => (await campaignRow(f.campaignId))?.status === 'finished',
      'campaign finished',
      30_000,
    )
    expect(await statusCounts(f.campaignId)).toEqual({ sent: 12 })

    const html = decodeHtml(
      await (await appFetch(`/campanhas/${f.campaignId}`, { cookie: f.tenant.users.viewer.cookie })).text(),
    )
    expect(statOf(html, 'funnel-total')).toBe('12')
    expect(statOf(html, 'funnel-sent')).toBe('12')
    expect(statOf(html, 'funnel-waiting')).toBe('0')
    expect(html).toContain('12 de 12 processadas')
    expect(html).toMatch(/12 envios e 0 leituras entre/)
    expect(html).toContain('Envio iniciado')
    expect(html).toContain('por operator Loja Envio')
    expect(html).toContain('Concluída')
    expect(html).not.toContain('http-equiv="refresh"')

    const csv = await (
      await appFetch(`/campanhas/${f.campaignId}/exportar`, { cookie: f.tenant.users.viewer.cookie })
    ).text()
    const lines = csv.split('\r\n').slice(1, -1)
    expect(lines).toHaveLength(12)
    for (const line of lines)
      expect(line).toMatch(/;Enviada;Sessão s_[^;]+;\d{2}\/\d{2}\/\d{4} \d{2}:\d{2};;;;;$/)
  })
})
