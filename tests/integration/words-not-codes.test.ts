// Pages show words, never the codes stored behind them: session statuses (WORKING), error kinds
// (not_on_whatsapp) and opt-out sources; in pt-BR and in English.
import { describe, expect, it } from 'vitest'
import { type CampaignFixture, campaignFixture } from './campaigns-helpers'
import { appFetch } from './helpers/app'
import { insertMessages, reportFixture } from './report-support'

async function html(path: string, cookie: string) {
  const res = await appFetch(path, { cookie })
  expect(res.status).toBe(200)
  // what a person sees: the markup without the scripts (the loader data carries the stored codes)
  return (await res.text()).replace(/<script[\s\S]*?<\/script>/g, '')
}

describe('words, not codes', () => {
  it('should name session statuses in the composer', async () => {
    const f: CampaignFixture = await campaignFixture()
    const page = await html('/campanhas/nova', f.users.operator.cookie)
    expect(page).toContain('data-status="WORKING">Conectada</span>')
    expect(page).toContain('data-status="STOPPED">Parada</span>')
    expect(page).not.toMatch(/>\s*(WORKING|STOPPED)\s*</)
  })

  it('should name session statuses and error kinds on the campaign page', async () => {
    const f = await reportFixture('running')
    await insertMessages(f, f.campaignId, [
      { status: 'failed', sessionId: f.a, error: 'Este número não tem WhatsApp.', errorKind: 'not_on_whatsapp' },
      { status: 'failed', sessionId: f.a, error: 'Algo novo.', errorKind: 'a_kind_nobody_named' },
    ])
    const pt = await html(`/campanhas/${f.campaignId}`, f.users.viewer.cookie)
    expect(pt).toContain('Loja Centro (Conectada)')
    expect(pt).toContain('Este número não tem WhatsApp.<span class="muted"> (sem WhatsApp)</span>')
    expect(pt).not.toContain('not_on_whatsapp')
    expect(pt).not.toContain('a_kind_nobody_named')
    const en = await html(`/campanhas/${f.campaignId}`, `${f.users.viewer.cookie}; disparo_lang=en`)
    expect(en).toContain('Loja Centro (Connected)')
    expect(en).toContain('(not on WhatsApp)')
  })
})
