// The campaign composer through the real Worker: validation re-renders with the typed values and
// messages, and the campaign image (stored per tenant, checked by content and size).
import { describe, expect, it } from 'vitest'
import { suppressions } from '../../db/schema'
import { createContactList } from '../builders'
import {
  campaignFixture,
  composerForm,
  PNG_1X1,
  postComposer,
  saoPauloFields,
  tenantCampaigns,
} from './campaigns-helpers'
import { appFetch, createTestTenant } from './helpers/app'

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
    expect(await res.text()).toContain('Esta lista está vazia: nenhum contato dela pode receber mensagens')
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
    // Not shown (the loader's data of the still-saved campaign may name it until the form is saved).
    expect(await removed.text()).not.toContain(`src="/campanhas/midia/${file}"`)
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
    // The name and the browser's type do not count: the bytes are no kind a campaign may carry.
    expect(html).toContain('Este arquivo não é de um tipo aceito.')
    expect(html).toContain('value="Black Friday"')
    const big = new Uint8Array(5 * 1024 * 1024 + 1)
    big.set(PNG_1X1)
    const tooBig = await postComposer(
      f.users.operator.cookie,
      composerForm(f, {}, { name: 'grande.png', bytes: big, type: 'image/png' }),
    )
    expect(tooBig.status).toBe(400)
    expect(await tooBig.text()).toContain('Imagem tem limite de 5 MB. Reduza o arquivo e envie de novo.')
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
    expect(await res.text()).toContain('Com anexo, o texto vira legenda')
  })
})
