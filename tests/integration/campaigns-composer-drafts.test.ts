// The campaign composer through the real Worker: the page and who may use it, saving drafts with plain
// form posts (as with JS off), no-JS form intents, the review preview and the "Usar IA" helper.
import { describe, expect, it } from 'vitest'
import { suppressions } from '../../db/schema'
import { createAiProvider } from '../builders'
import {
  campaignFixture,
  campaignRow,
  composerForm,
  flashOf,
  postComposer,
  tenantCampaigns,
} from './campaigns-helpers'
import { appFetch } from './helpers/app'

describe('campaign composer page', () => {
  it('should offer the ready lists with counts and the sessions with their status', async () => {
    const f = await campaignFixture()
    const res = await appFetch('/campanhas/nova', { cookie: f.users.operator.cookie })
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('Clientes VIP (5 contatos)')
    expect(html).toContain('Loja Centro')
    expect(html).toContain('STOPPED')
    expect(html).toMatch(/name="token" value="[A-Za-z0-9_-]{16,}"/)
    expect(html).toMatch(/enctype="multipart\/form-data"/i)
  })

  it('should not let viewers open or post the composer', async () => {
    const f = await campaignFixture()
    expect((await appFetch('/campanhas/nova', { cookie: f.users.viewer.cookie })).status).toBe(403)
    const res = await postComposer(f.users.viewer.cookie, composerForm(f))
    expect(res.status).toBe(403)
    expect(await tenantCampaigns(f)).toHaveLength(0)
  })
})

describe('saving a draft', () => {
  it('should create the draft once per token and open it in the editor', async () => {
    const f = await campaignFixture()
    const form = composerForm(f, {
      sessionIds: [f.working, f.stopped],
      [`priority.${f.working}`]: '2',
      [`priority.${f.stopped}`]: '1',
      'texts[1]': 'Olá {{nome}}, última chance!',
      windowDays: ['1', '3', '5'],
      windowStart: '09:00',
      windowEnd: '18:30',
      linkTracking: 'on',
      simulateTyping: undefined,
    })
    const token = String(form.get('token'))
    const res = await postComposer(f.users.operator.cookie, form)
    expect(res.status).toBe(303)
    expect(res.headers.get('Location')).toBe(`/campanhas/cmp_${token}/editar`)
    expect(flashOf(res)).toMatchObject({ kind: 'success', message: 'campaigns.saved' })
    const row = await campaignRow(f, `cmp_${token}`)
    expect(row).toMatchObject({
      status: 'draft',
      name: 'Black Friday',
      listId: f.listId,
      texts: [
        'Oi {{primeiro_nome}}, {temos|separamos} *20% de desconto* para você!',
        'Olá {{nome}}, última chance!',
      ],
      sessionIds: [f.stopped, f.working],
      window: { days: [1, 3, 5], startMinute: 540, endMinute: 1110 },
      linkTracking: true,
      simulateTyping: false,
      createdBy: f.users.operator.id,
    })
    // The same form posted again (double click, back + resubmit) changes the same campaign.
    expect((await postComposer(f.users.operator.cookie, form)).status).toBe(303)
    expect(await tenantCampaigns(f)).toHaveLength(1)

    const edit = await (
      await appFetch(`/campanhas/cmp_${token}/editar`, { cookie: f.users.operator.cookie })
    ).text()
    expect(edit).toContain('Olá {{nome}}, última chance!')
    expect(edit).toContain('value="18:30"')
    expect(edit).toContain('data-testid="review"')
  })

  it('should save a draft without a list or sessions, but not without a name', async () => {
    const f = await campaignFixture()
    const ok = await postComposer(
      f.users.operator.cookie,
      composerForm(f, { listId: '', sessionIds: undefined, 'texts[0]': '' }),
    )
    expect(ok.status).toBe(303)
    const bad = await postComposer(f.users.operator.cookie, composerForm(f, { name: '' }))
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('Dê um nome à campanha.')
    expect(await tenantCampaigns(f)).toHaveLength(1)
  })

  it('should warn about variables no contact of the list has, and not about its columns', async () => {
    const f = await campaignFixture()
    const form = composerForm(f, { 'texts[0]': 'Oi {{nome}} de {{cidade}}, seu CPF {{cpf}} ganhou!' })
    const res = await postComposer(f.users.operator.cookie, form)
    expect(res.status).toBe(303)
    const html = await (
      await appFetch(res.headers.get('Location')!, { cookie: f.users.operator.cookie })
    ).text()
    expect(html).toContain('data-testid="unknown-variables"')
    expect(html).toContain('nenhum contato desta lista tem {{cpf}}')
    expect(html).not.toContain('{{cidade}}.')
  })

  it('should add an alternative text without JavaScript (conform intent as a submit button)', async () => {
    const f = await campaignFixture()
    const form = composerForm(f, {
      intent: undefined,
      __intent__: JSON.stringify({ type: 'insert', payload: { name: 'texts', defaultValue: '' } }),
    })
    const res = await postComposer(f.users.operator.cookie, form)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('name="texts[1]"')
    expect(html).toContain('*20% de desconto*')
    expect(await tenantCampaigns(f)).toHaveLength(0)
  })

  it('should render the review for typed values on "Atualizar revisão" without saving', async () => {
    const f = await campaignFixture()
    await f.ctx.db
      .insert(suppressions)
      .values({ tenantId: f.tenantId, phoneE164: f.phones[0]!, reason: 'opt_out' })
    const res = await postComposer(f.users.operator.cookie, composerForm(f, { intent: 'refresh' }))
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('<strong>20% de desconto</strong>')
    expect(html).toMatch(/Término estimado: ~?[^<]+ com 1 sessão/)
    expect(html).toContain('Pediram para sair (não recebem)')
    expect(await tenantCampaigns(f)).toHaveLength(0)
  })
})

describe('Usar IA', () => {
  it('should ask for a brief and a provider', async () => {
    const f = await campaignFixture()
    await createAiProvider(f.ctx.db, { tenantId: f.tenantId })
    const res = await postComposer(f.users.operator.cookie, composerForm(f, { intent: 'ai', aiBrief: '' }))
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain('Descreva a campanha para a IA')
    expect(html).toContain('Escolha um provedor de IA.')
  })

  it('should answer an unknown provider with a message and keep the form', async () => {
    const f = await campaignFixture()
    await createAiProvider(f.ctx.db, { tenantId: f.tenantId })
    const res = await postComposer(
      f.users.operator.cookie,
      composerForm(f, { intent: 'ai', aiBrief: 'Promoção de tênis', aiProviderId: 'aip_nao_existe' }),
    )
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('Provedor de IA não encontrado')
    expect(html).toContain('Promoção de tênis')
    expect(await tenantCampaigns(f)).toHaveLength(0)
  })

  it('should show the provider failure in words the user can act on', async () => {
    const f = await campaignFixture()
    const provider = await createAiProvider(f.ctx.db, { tenantId: f.tenantId })
    const res = await postComposer(
      f.users.operator.cookie,
      composerForm(f, { intent: 'ai', aiBrief: 'Promoção de tênis', aiProviderId: provider.id }),
    )
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('Não foi possível conectar ao provedor de IA')
  })

  it('should put a suggestion into the first empty text on a no-JS "Usar este texto" post', async () => {
    const f = await campaignFixture()
    await createAiProvider(f.ctx.db, { tenantId: f.tenantId })
    const suggestions = [
      'Oi {{nome}}! Tênis com 20% off até domingo. Responda SAIR para não receber mais.',
      'Só até domingo: tênis com 20% off! Para sair da lista, responda SAIR.',
    ]
    const post = (texts: string[], intent: string) => {
      const form = composerForm(f, {
        intent,
        'texts[0]': undefined,
        'aiVariants[0]': suggestions[0],
        'aiVariants[1]': suggestions[1],
      })
      for (const [i, text] of texts.entries()) form.append(`texts[${i}]`, text)
      return postComposer(f.users.operator.cookie, form)
    }
    const textareas = (html: string) =>
      [...html.matchAll(/<textarea[^>]*name="(texts\[\d+\])"[^>]*>([\s\S]*?)<\/textarea>/g)].map(
        (m) => `${m[1]}=${m[2]?.replace(/&#x27;|&#39;/g, "'")}`,
      )

    // A new campaign: "Texto 1" is empty, so the suggestion fills it (no "Texto 2").
    const first = await post([''], 'ai-use-1')
    expect(first.status).toBe(200)
    const html = await first.text()
    expect(textareas(html)).toEqual([`texts[0]=${suggestions[1]}`])
    expect(html).toContain('data-testid="ai-variants"')

    // What was typed stays; the next empty text (or a new one) gets the suggestion.
    expect(textareas(await (await post(['Meu texto', ' '], 'ai-use-0')).text())).toEqual([
      'texts[0]=Meu texto',
      `texts[1]=${suggestions[0]}`,
    ])
    expect(textareas(await (await post(['Meu texto'], 'ai-use-0')).text())).toEqual([
      'texts[0]=Meu texto',
      `texts[1]=${suggestions[0]}`,
    ])

    // Ten texts taken: nothing changes and the page says what to do.
    const full = Array.from({ length: 10 }, (_, i) => `Texto ${i + 1}`)
    const refused = await post(full, 'ai-use-0')
    expect(refused.status).toBe(400)
    const refusedHtml = await refused.text()
    expect(refusedHtml).toContain('Todos os textos já estão preenchidos')
    expect(textareas(refusedHtml)).toEqual(full.map((t, i) => `texts[${i}]=${t}`))
    expect(await tenantCampaigns(f)).toHaveLength(0)
  })
})
