// The campaign composer through the real Worker: plain form posts (as with JS off), validation
// re-renders with values and messages, images, scheduling, launching, and the double-submit guard.
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { campaignEvents, suppressions } from '../../db/schema'
import { createAiProvider, createContactList } from '../builders'
import {
  PNG_1X1,
  campaignFixture,
  campaignRow,
  composerForm,
  flashOf,
  postComposer,
  saoPauloFields,
  tenantCampaigns,
} from './campaigns-helpers'
import { appFetch, createTestTenant } from './helpers/app'

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

  it('should render the review for typed values on "Atualizar prévia" without saving', async () => {
    const f = await campaignFixture()
    await f.ctx.db
      .insert(suppressions)
      .values({ tenantId: f.tenantId, phoneE164: f.phones[0]!, reason: 'opt_out' })
    const res = await postComposer(f.users.operator.cookie, composerForm(f, { intent: 'refresh' }))
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('<strong>20% de desconto</strong>')
    expect(html).toMatch(/Término estimado: ~?[^<]+ com 1 sessão/)
    expect(html).toContain('Descadastrados (não recebem)')
    expect(await tenantCampaigns(f)).toHaveLength(0)
  })
})

describe('validation', () => {
  it.each([
    ['empty message', { 'texts[0]': '   ' }, 'Escreva a mensagem (pelo menos um texto).'],
    ['syntax error', { 'texts[0]': 'Oi {{nome, tudo bem?' }, 'sem fechamento (linha 1, coluna 4)'],
    [
      'min > max delay',
      { minDelayS: '90', maxDelayS: '30' },
      'O intervalo máximo deve ser maior ou igual ao mínimo.',
    ],
    ['not a number', { dailyCap: 'muitos' }, 'Informe um número.'],
    ['no day in the window', { windowDays: undefined }, 'Escolha pelo menos um dia da semana para enviar.'],
    [
      'window end before start',
      { windowStart: '18:00', windowEnd: '09:00' },
      'O horário de término deve ser depois do horário de início.',
    ],
    ['no session', { sessionIds: undefined }, 'Escolha pelo menos uma sessão de WhatsApp para enviar.'],
    ['no list', { listId: '' }, 'Escolha a lista de contatos que vai receber a mensagem.'],
    ['text over the limit', { 'texts[0]': 'a'.repeat(4097) }, 'acima do limite do WhatsApp'],
  ])('should refuse to launch with %s, keeping the typed values', async (_name, overrides, message) => {
    const f = await campaignFixture()
    const res = await postComposer(
      f.users.operator.cookie,
      composerForm(f, { intent: 'launch', name: 'Campanha típica', ...overrides }),
    )
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain(message)
    expect(html).toContain('value="Campanha típica"')
    expect(await tenantCampaigns(f)).toHaveLength(0)
  })

  it('should refuse to launch when no chosen session is connected', async () => {
    const f = await campaignFixture()
    const res = await postComposer(
      f.users.operator.cookie,
      composerForm(f, { intent: 'launch', sessionIds: [f.stopped] }),
    )
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('Nenhuma das sessões escolhidas está conectada')
    expect(await tenantCampaigns(f)).toHaveLength(0)
    // ...but a draft may be saved with it.
    expect(
      (await postComposer(f.users.operator.cookie, composerForm(f, { sessionIds: [f.stopped] }))).status,
    ).toBe(303)
  })

  it('should refuse a list whose every contact opted out', async () => {
    const f = await campaignFixture()
    for (const phone of f.phones)
      await f.ctx.db
        .insert(suppressions)
        .values({ tenantId: f.tenantId, phoneE164: phone, reason: 'opt_out' })
    const res = await postComposer(f.users.operator.cookie, composerForm(f, { intent: 'launch' }))
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('Esta lista não tem nenhum contato que possa receber mensagens')
    expect(await tenantCampaigns(f)).toHaveLength(0)
  })

  it("should refuse another tenant's list and sessions as if they did not exist", async () => {
    const f = await campaignFixture()
    const other = await createTestTenant('Outra Loja')
    const foreign = await createContactList(other.ctx.db, { tenantId: other.tenantId, count: 2 })
    const list = await postComposer(f.users.operator.cookie, composerForm(f, { listId: foreign.id }))
    expect(list.status).toBe(400)
    expect(await list.text()).toContain('Lista de contatos não encontrada')
    const session = await postComposer(
      f.users.operator.cookie,
      composerForm(f, { sessionIds: ['wses_de_outra_loja'] }),
    )
    expect(session.status).toBe(400)
    expect(await session.text()).toContain('Uma das sessões escolhidas não existe mais')
    expect(await tenantCampaigns(f)).toHaveLength(0)
  })

  it('should refuse a schedule in the past or malformed', async () => {
    const f = await campaignFixture()
    const past = await postComposer(
      f.users.operator.cookie,
      composerForm(f, { intent: 'schedule', ...saoPauloFields(Date.now() - 3_600_000) }),
    )
    expect(past.status).toBe(400)
    expect(await past.text()).toContain('Escolha uma data e hora no futuro (horário de São Paulo).')
    const bad = await postComposer(
      f.users.operator.cookie,
      composerForm(f, { intent: 'schedule', scheduleDate: '2026-02-30', scheduleTime: '10:00' }),
    )
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('Data ou hora inválida.')
    const missing = await postComposer(f.users.operator.cookie, composerForm(f, { intent: 'schedule' }))
    expect(await missing.text()).toContain('Informe a data e a hora do envio.')
    expect(await tenantCampaigns(f)).toHaveLength(0)
  })
})

describe('image', () => {
  it('should store a PNG under a random key of the tenant and serve it only to that tenant', async () => {
    const f = await campaignFixture()
    const res = await postComposer(
      f.users.operator.cookie,
      composerForm(f, {}, { name: 'foto da loja.png', bytes: PNG_1X1, type: 'image/png' }),
    )
    expect(res.status).toBe(303)
    const [row] = await tenantCampaigns(f)
    expect(row?.mediaKey).toMatch(new RegExp(`^media/${f.tenantId}/img_[a-z0-9]{16}$`))
    expect(row?.mediaKey).not.toContain('foto')
    expect(row?.mediaType).toBe('image/png')
    const image = await appFetch(`/campanhas/${row!.id}/imagem`, { cookie: f.users.viewer.cookie })
    expect(image.status).toBe(200)
    expect(image.headers.get('Content-Type')).toBe('image/png')
    expect(new Uint8Array(await image.arrayBuffer())).toEqual(PNG_1X1)
    const file = row!.mediaKey!.split('/').pop()
    expect((await appFetch(`/campanhas/midia/${file}`, { cookie: f.users.operator.cookie })).status).toBe(200)
    const other = await createTestTenant('Outra')
    expect((await appFetch(`/campanhas/midia/${file}`, { cookie: other.users.admin.cookie })).status).toBe(
      404,
    )
    expect(
      (await appFetch('/campanhas/midia/..%2F..%2Fsegredo', { cookie: f.users.operator.cookie })).status,
    ).toBe(404)

    // The editor shows it and "Remover imagem" + save clears it.
    const editPath = `/campanhas/${row!.id}/editar`
    expect(await (await appFetch(editPath, { cookie: f.users.operator.cookie })).text()).toContain(
      `/campanhas/midia/${file}`,
    )
    const kept = composerForm(f, { mediaKey: row!.mediaKey!, mediaType: 'image/png', intent: 'remove-image' })
    const removed = await postComposer(f.users.operator.cookie, kept, row!.id)
    expect(removed.status).toBe(200)
    expect(await removed.text()).not.toContain(`/campanhas/midia/${file}`)
    await postComposer(f.users.operator.cookie, composerForm(f, { mediaKey: '' }), row!.id)
    expect((await tenantCampaigns(f))[0]?.mediaKey).toBeNull()
  })

  it('should refuse a text file renamed .png and an image over 5 MB', async () => {
    const f = await campaignFixture()
    const text = new TextEncoder().encode('isto não é uma imagem')
    const fake = await postComposer(
      f.users.operator.cookie,
      composerForm(f, {}, { name: 'foto.png', bytes: text, type: 'image/png' }),
    )
    expect(fake.status).toBe(400)
    const html = await fake.text()
    expect(html).toContain('O arquivo não é uma imagem JPEG, PNG ou WebP válida.')
    expect(html).toContain('value="Black Friday"')
    const big = new Uint8Array(5 * 1024 * 1024 + 1)
    big.set(PNG_1X1)
    const tooBig = await postComposer(
      f.users.operator.cookie,
      composerForm(f, {}, { name: 'grande.png', bytes: big, type: 'image/png' }),
    )
    expect(tooBig.status).toBe(400)
    expect(await tooBig.text()).toContain('A imagem tem mais de 5 MB.')
    expect(await tenantCampaigns(f)).toHaveLength(0)
  })

  it('should refuse a media key of another tenant smuggled into the form', async () => {
    const f = await campaignFixture()
    const res = await postComposer(
      f.users.operator.cookie,
      composerForm(f, { mediaKey: 'media/ten_outra/img_aaaaaaaaaaaaaaaa', mediaType: 'image/png' }),
    )
    expect(res.status).toBe(303)
    expect((await tenantCampaigns(f))[0]?.mediaKey).toBeNull()
  })

  it('should limit the text to a caption when an image is attached', async () => {
    const f = await campaignFixture()
    const res = await postComposer(
      f.users.operator.cookie,
      composerForm(f, { 'texts[0]': 'b'.repeat(1100) }, { name: 'x.png', bytes: PNG_1X1, type: 'image/png' }),
    )
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('Com imagem, o texto vira legenda')
  })
})

describe('schedule and launch', () => {
  it('should schedule in São Paulo time and keep it scheduled when edited', async () => {
    const f = await campaignFixture()
    const at = Math.floor((Date.now() + 2 * 86_400_000) / 60_000) * 60_000
    const form = composerForm(f, { intent: 'schedule', ...saoPauloFields(at) })
    const res = await postComposer(f.users.operator.cookie, form)
    expect(res.status).toBe(303)
    const id = `cmp_${form.get('token')}`
    expect(res.headers.get('Location')).toBe(`/campanhas/${id}`)
    expect(await campaignRow(f, id)).toMatchObject({
      status: 'scheduled',
      scheduledAt: at,
      baseUrl: 'https://disparo.test',
    })

    const edit = await postComposer(f.users.operator.cookie, composerForm(f, { name: 'Black Friday 2' }), id)
    expect(flashOf(edit)).toMatchObject({ message: 'campaigns.savedScheduled' })
    expect(await campaignRow(f, id)).toMatchObject({
      status: 'scheduled',
      scheduledAt: at,
      name: 'Black Friday 2',
    })
    // A scheduled campaign must stay complete.
    const incomplete = await postComposer(f.users.operator.cookie, composerForm(f, { 'texts[0]': '' }), id)
    expect(incomplete.status).toBe(400)

    const back = await postComposer(f.users.operator.cookie, composerForm(f, { intent: 'unschedule' }), id)
    expect(flashOf(back)).toMatchObject({ kind: 'success', message: 'campaigns.unscheduled' })
    expect(await campaignRow(f, id)).toMatchObject({ status: 'draft', scheduledAt: null })
  })

  it('should launch from the new form, and a repeated POST with the same token creates nothing more', async () => {
    const f = await campaignFixture()
    const form = composerForm(f, { intent: 'launch' })
    const id = `cmp_${form.get('token')}`
    const [first, second] = await Promise.all([
      postComposer(f.users.operator.cookie, form),
      postComposer(f.users.operator.cookie, form),
    ])
    const third = await postComposer(f.users.operator.cookie, form)
    for (const res of [first, second, third]) {
      expect(res.status).toBe(303)
      expect(res.headers.get('Location')).toBe(`/campanhas/${id}`)
    }
    expect(flashOf(third)).toMatchObject({ kind: 'success', message: 'campaigns.already.running' })
    const rows = await tenantCampaigns(f)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ id, status: 'running', baseUrl: 'https://disparo.test' })
    expect(rows[0]?.startedAt).toBeGreaterThan(0)
    const started = await f.ctx.db
      .select()
      .from(campaignEvents)
      .where(and(eq(campaignEvents.campaignId, id), eq(campaignEvents.kind, 'started')))
    // launchNow enqueues `dispatch` exactly when it logs `started`: once.
    expect(started).toHaveLength(1)
  })

  it('should launch an existing draft from the editor and then refuse to edit it', async () => {
    const f = await campaignFixture()
    const form = composerForm(f)
    const id = `cmp_${form.get('token')}`
    await postComposer(f.users.operator.cookie, form)
    const launch = await postComposer(f.users.admin.cookie, composerForm(f, { intent: 'launch' }), id)
    expect(flashOf(launch)).toMatchObject({ kind: 'success', message: 'campaigns.launched' })
    expect((await campaignRow(f, id))?.status).toBe('running')
    const page = await appFetch(`/campanhas/${id}/editar`, { cookie: f.users.operator.cookie })
    expect(page.status).toBe(303)
    expect(page.headers.get('Location')).toBe(`/campanhas/${id}`)
    const late = await postComposer(f.users.operator.cookie, composerForm(f, { name: 'Mudou' }), id)
    expect(flashOf(late)).toMatchObject({ kind: 'error', message: 'campaigns.errors.notEditable' })
    expect((await campaignRow(f, id))?.name).toBe('Black Friday')
  })

  it('should refuse a malformed token', async () => {
    const f = await campaignFixture()
    const res = await postComposer(f.users.operator.cookie, composerForm(f, { token: 'curto' }))
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('Este formulário expirou')
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

  it('should keep AI suggestions across a no-JS "usar este texto" post', async () => {
    const f = await campaignFixture()
    await createAiProvider(f.ctx.db, { tenantId: f.tenantId })
    const suggestion = 'Oi {{nome}}! Tênis com 20% off até domingo. Responda SAIR para não receber mais.'
    const form = composerForm(f, {
      intent: undefined,
      'aiVariants[0]': suggestion,
      __intent__: JSON.stringify({ type: 'insert', payload: { name: 'texts', defaultValue: suggestion } }),
    })
    const res = await postComposer(f.users.operator.cookie, form)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('name="texts[1]"')
    expect(html).toContain('data-testid="ai-variants"')
    expect(html.split('Tênis com 20% off até domingo').length - 1).toBeGreaterThanOrEqual(2)
  })
})
