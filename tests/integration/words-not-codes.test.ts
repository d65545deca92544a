// Pages show words, never the codes stored behind them: session statuses (WORKING), error kinds
// (not_on_whatsapp) and opt-out sources; in pt-BR and in English.
import { describe, expect, it } from 'vitest'
import { HOLD_TEXT } from '../../app/core/sending/protection'
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
      {
        status: 'failed',
        sessionId: f.a,
        error: 'Este número não tem WhatsApp.',
        errorKind: 'not_on_whatsapp',
      },
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

  it('should say in words why the protection of the person held messages back, with counts, in both languages', async () => {
    const f = await reportFixture('running')
    await insertMessages(f, f.campaignId, [
      { status: 'skipped', error: HOLD_TEXT.recent_message, errorKind: 'recent_message' },
      { status: 'skipped', error: HOLD_TEXT.recent_message, errorKind: 'recent_message' },
      { status: 'skipped', error: HOLD_TEXT.same_text, errorKind: 'same_text' },
      {
        status: 'queued',
        sessionId: f.a,
        error: HOLD_TEXT.first_contact_budget,
        errorKind: 'first_contact_budget',
      },
    ])
    const pt = await html(`/campanhas/${f.campaignId}`, f.users.viewer.cookie)
    expect(pt).toContain('Proteção das pessoas')
    expect(pt).toContain('2 mensagens ignoradas: as pessoas já tinham recebido outra mensagem de campanha')
    expect(pt).toContain(
      '1 mensagem ignorada: a pessoa já tinha recebido este mesmo texto nas últimas 24 horas.',
    )
    expect(pt).toContain('1 mensagem aguardando: o limite diário de novos contatos da sessão acabou')
    expect(pt).toContain('As mensagens que faltam aguardam o limite diário de novos contatos das sessões')
    // the contacts table and the failure reasons say it too
    expect(pt).toContain('Esta pessoa já recebeu uma mensagem de campanha há pouco tempo')
    expect(pt).toContain('(mesmo texto em 24 h)')
    for (const code of ['recent_message', 'same_text', 'first_contact_budget']) expect(pt).not.toContain(code)
    const en = await html(`/campanhas/${f.campaignId}`, `${f.users.viewer.cookie}; disparo_lang=en`)
    expect(en).toContain('Protection of people')
    expect(en).toContain('2 messages skipped: the people had already got another campaign message')
    expect(en).toContain('1 message waiting: the session&#x27;s daily new-contact budget is spent')
    expect(en).toContain('This person already got this same text in the last 24 hours')
    for (const code of ['recent_message', 'same_text', 'first_contact_budget']) expect(en).not.toContain(code)
  })
})
