// The composer's poll (decision 038) through the real Worker, as a browser without JS posts it: the
// page shows the 12 option inputs; a good poll is stored on the campaign (options trimmed, blank ones
// ignored) and shown again on edit; 1 option, 13 options and duplicates are refused with Portuguese
// messages that say what to fix, keeping what was typed and storing nothing.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { wahaSessions } from '../../db/schema'
import {
  campaignFixture,
  campaignRow,
  composerForm,
  postComposer,
  tenantCampaigns,
} from './campaigns-helpers'
import { appFetch } from './helpers/app'

const options = (values: string[]) =>
  Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`pollOptions[${i}]`, values[i] ?? '']))

describe('composer: message as a WhatsApp poll', () => {
  it('should show the poll fields and store a poll typed without JS, shown again on edit', async () => {
    const f = await campaignFixture()
    const page = await (await appFetch('/campanhas/nova', { cookie: f.users.operator.cookie })).text()
    expect(page).toContain('Enviar como enquete do WhatsApp')
    for (let i = 0; i < 12; i++) expect(page).toContain(`name="pollOptions[${i}]"`)
    const res = await postComposer(
      f.users.operator.cookie,
      composerForm(f, {
        'texts[0]': 'Oi {{primeiro_nome}}, qual horário prefere?',
        pollOn: 'on',
        pollMultiple: 'on',
        ...options([' Manhã ', '', 'Tarde', 'Noite']),
      }),
    )
    expect(res.status).toBe(303)
    const [saved] = await tenantCampaigns(f)
    expect(saved?.poll).toEqual({ options: ['Manhã', 'Tarde', 'Noite'], multipleAnswers: true })
    const edit = await (
      await appFetch(`/campanhas/${saved!.id}/editar`, { cookie: f.users.operator.cookie })
    ).text()
    expect(edit).toMatch(/name="pollOn"[^>]*checked/)
    expect(edit).toContain('value="Noite"')
    // The review shows the options under each contact's question.
    expect(edit).toContain('data-testid="review-poll"')
    expect(edit).toContain('Enquete: escolha uma ou mais opções')
    // "Duplicar" copies the poll.
    const copy = await appFetch(`/campanhas/${saved!.id}/duplicar`, {
      cookie: f.users.operator.cookie,
      form: new FormData(),
    })
    expect(copy.status).toBe(303)
    const copied = (await tenantCampaigns(f)).find((c) => c.id !== saved!.id)
    expect(copied?.poll).toEqual(saved?.poll)
    // Unticked: the same campaign goes back to a plain message.
    const back = await postComposer(
      f.users.operator.cookie,
      composerForm(f, { 'texts[0]': 'Oi!', ...options(['Manhã', 'Tarde']) }),
      saved!.id,
    )
    expect(back.status).toBe(303)
    expect((await campaignRow(f, saved!.id))?.poll).toBeNull()
  })

  it.each([
    ['1 option', options(['Sim']), 'Uma enquete precisa de pelo menos 2 opções'],
    [
      '13 options',
      Object.fromEntries(Array.from({ length: 13 }, (_, i) => [`pollOptions[${i}]`, `Opção ${i + 1}`])),
      'Uma enquete aceita no máximo 12 opções',
    ],
    ['duplicate options', options(['Sim', ' SIM ', 'Não']), 'Esta opção repete outra'],
  ])(
    'should refuse a poll with %s, saying what to fix and keeping the typed values',
    async (_n, fields, message) => {
      const f = await campaignFixture()
      const res = await postComposer(
        f.users.operator.cookie,
        composerForm(f, { intent: 'launch', name: 'Pesquisa', pollOn: 'on', ...fields }),
      )
      expect(res.status).toBe(400)
      const html = await res.text()
      expect(html).toContain(message)
      expect(html).toContain('value="Pesquisa"')
      expect(await tenantCampaigns(f)).toHaveLength(0)
    },
  )

  it("should warn in the review when a chosen session's webhook predates poll votes, naming it, for a first-message or a step poll", async () => {
    const f = await campaignFixture()
    const cookie = f.users.operator.cookie
    // "Loja Centro" was registered on WAHA before polls; "Loja Sul" already receives poll votes.
    await f.ctx.db.update(wahaSessions).set({ webhookEventsVersion: 1 }).where(eq(wahaSessions.id, f.working))
    const both = { sessionIds: [f.working, f.stopped] }
    const editOf = async (fields: Record<string, string | string[]>) => {
      const res = await postComposer(cookie, composerForm(f, { ...both, ...fields }))
      expect(res.status).toBe(303)
      const saved = (await tenantCampaigns(f)).at(-1)!
      return (await appFetch(`/campanhas/${saved.id}/editar`, { cookie })).text()
    }
    const warned = (html: string) => html.match(/data-testid="review-polls-unheard"[^<]*>([^<]*)</g) ?? []

    const poll = await editOf({ 'texts[0]': 'Qual horário?', pollOn: 'on', ...options(['Manhã', 'Tarde']) })
    expect(warned(poll)).toHaveLength(1)
    expect(poll).toContain('A sessão Loja Centro não recebe os votos de enquete')
    expect(poll).not.toContain('A sessão Loja Sul não recebe')

    const stepPoll = await editOf({
      'texts[0]': 'Oi!',
      'steps[0].kind': 'poll',
      'steps[0].texts[0]': 'Vai querer?',
      'steps[0].pollOptions[0]': 'Sim',
      'steps[0].pollOptions[1]': 'Não',
      'steps[0].delayValue': '5',
      'steps[0].delayUnit': 'hours',
      'steps[0].audience': 'no_reply',
    })
    expect(warned(stepPoll)).toHaveLength(1)
    // Typed and not saved ("Atualizar revisão" without JS): the review warns as well.
    const typed = await postComposer(
      cookie,
      composerForm(f, {
        ...both,
        intent: 'refresh',
        'texts[0]': 'Oi!',
        'steps[0].kind': 'poll',
        'steps[0].texts[0]': 'Vai querer?',
        'steps[0].pollOptions[0]': 'Sim',
        'steps[0].pollOptions[1]': 'Não',
        'steps[0].delayValue': '5',
        'steps[0].delayUnit': 'hours',
        'steps[0].audience': 'no_reply',
      }),
    )
    expect(warned(await typed.text())).toHaveLength(1)

    expect(warned(await editOf({ 'texts[0]': 'Oi, sem enquete!' }))).toHaveLength(0)

    // Once the session's webhook is brought up to date, the warning goes.
    await f.ctx.db.update(wahaSessions).set({ webhookEventsVersion: 2 }).where(eq(wahaSessions.id, f.working))
    const [first] = await tenantCampaigns(f)
    const again = await (await appFetch(`/campanhas/${first!.id}/editar`, { cookie })).text()
    expect(warned(again)).toHaveLength(0)
  })
})
