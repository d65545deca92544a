// The composer's follow-up steps (decision 040) through the real Worker, as a browser without JS posts
// it: "Adicionar etapa" comes back with everything typed plus an empty step; good steps and the
// confirmation are stored and shown again on edit and in the review; bad steps (0 delay, > 30 days,
// a poll of 1 option, voted on a text step) are refused in Portuguese, keeping what was typed; the API
// takes `steps` the same way (errors at their JSON Pointers) and documents them.
import { describe, expect, it } from 'vitest'
import {
  campaignFixture,
  campaignRow,
  composerForm,
  postComposer,
  tenantCampaigns,
} from './campaigns-helpers'
import { apiFetch, createTestToken, expectDocumented } from './helpers/api'
import { appFetch } from './helpers/app'

const step = (i: number, f: Record<string, string>) =>
  Object.fromEntries(Object.entries(f).map(([k, v]) => [`steps[${i}].${k}`, v]))

describe('composer: follow-up steps', () => {
  it('should add a step without JS keeping everything typed, then store the steps and confirmation', async () => {
    const f = await campaignFixture()
    const page = await (await appFetch('/campanhas/nova', { cookie: f.users.operator.cookie })).text()
    expect(page).toContain('Etapas de acompanhamento')
    expect(page).toContain('value="add-step"')
    const typed = {
      name: 'Sequência',
      'texts[0]': 'Oi {{primeiro_nome}}, vem aí!',
      ...step(0, {
        kind: 'text',
        'texts[0]': 'Lembrete {{nome}}',
        delayValue: '5',
        delayUnit: 'hours',
        audience: 'not_read',
      }),
    }
    const added = await postComposer(
      f.users.operator.cookie,
      composerForm(f, { ...typed, intent: 'add-step' }),
    )
    expect(added.status).toBe(200)
    const html = await added.text()
    expect(html).toContain('value="Sequência"')
    expect(html).toContain('Lembrete {{nome}}')
    expect(html).toContain('name="steps[1].delayValue"')
    expect(html).toContain('Etapa 2')
    expect(await tenantCampaigns(f)).toHaveLength(0)
    // Saved: two steps (a poll to those who did not read, then to the voters of "Sim") and a confirmation.
    const res = await postComposer(
      f.users.operator.cookie,
      composerForm(f, {
        ...typed,
        ...step(0, {
          kind: 'poll',
          'texts[0]': 'Vai querer?',
          'pollOptions[0]': 'Sim',
          'pollOptions[1]': 'Não',
          delayValue: '5',
          delayUnit: 'hours',
          audience: 'not_read',
        }),
        ...step(1, {
          kind: 'text',
          'texts[0]': 'Oba!',
          delayValue: '2',
          delayUnit: 'days',
          audience: 'voted',
          option: 'Sim',
        }),
        confirmation: 'Recebemos, {{primeiro_nome}}!',
      }),
    )
    expect(res.status).toBe(303)
    const [saved] = await tenantCampaigns(f)
    expect(saved?.steps).toEqual([
      {
        texts: ['Vai querer?'],
        poll: { options: ['Sim', 'Não'], multipleAnswers: false },
        delayMinutes: 300,
        audience: 'not_read',
        option: null,
      },
      { texts: ['Oba!'], poll: null, delayMinutes: 2880, audience: 'voted', option: 'Sim' },
    ])
    expect(saved?.confirmation).toBe('Recebemos, {{primeiro_nome}}!')
    const edit = await (
      await appFetch(`/campanhas/${saved!.id}/editar`, { cookie: f.users.operator.cookie })
    ).text()
    expect(edit).toContain('Vai querer?')
    expect(edit).toContain('value="Sim"')
    // The review lists the steps.
    expect(edit).toContain('data-testid="steps-review"')
    expect(edit).toContain('Etapa 2: 2 dias depois, para quem recebeu a anterior e votou na opção “Sim”')
    // "Remover etapa 1" (no JS): the second step moves up; nothing is saved until "Salvar".
    const removed = await postComposer(
      f.users.operator.cookie,
      composerForm(f, {
        ...typed,
        ...step(0, {
          kind: 'text',
          'texts[0]': 'Primeira',
          delayValue: '1',
          delayUnit: 'days',
          audience: 'no_reply',
        }),
        ...step(1, {
          kind: 'text',
          'texts[0]': 'Segunda',
          delayValue: '1',
          delayUnit: 'days',
          audience: 'clicked',
        }),
        intent: 'remove-step-0',
      }),
      saved!.id,
    )
    const after = await removed.text()
    expect(after).not.toContain('>Primeira<')
    expect(after).toContain('Segunda')
    expect(after).not.toContain('name="steps[1].kind"')
    expect((await campaignRow(f, saved!.id))?.steps).toHaveLength(2)
  })

  it.each([
    ['a delay of 0', { delayValue: '0' }, 'O prazo precisa ser de pelo menos 1 hora'],
    ['more than 30 days', { delayValue: '31' }, 'O prazo máximo é de 30 dias'],
    [
      'a poll of 1 option',
      { kind: 'poll', 'pollOptions[0]': 'Sim' },
      'Uma enquete precisa de pelo menos 2 opções',
    ],
    [
      'voted on a text first message',
      { audience: 'voted', option: 'Sim' },
      'só vale quando a etapa anterior é uma enquete',
    ],
  ])('should refuse a step with %s in Portuguese, keeping what was typed', async (_n, over, message) => {
    const f = await campaignFixture()
    const fields = {
      kind: 'text',
      'texts[0]': 'Etapa digitada',
      delayValue: '1',
      delayUnit: 'days',
      audience: 'no_reply',
      ...over,
    }
    const res = await postComposer(
      f.users.operator.cookie,
      composerForm(f, { name: 'Com erro', ...step(0, fields) }),
    )
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain(message)
    expect(html).toContain('value="Com erro"')
    expect(html).toContain('Etapa digitada')
    expect(await tenantCampaigns(f)).toHaveLength(0)
  })

  it('should take steps through the API, refusing bad ones at their JSON Pointers', async () => {
    const f = await campaignFixture()
    const token = await createTestToken(f, ['campaigns:read', 'campaigns:write'])
    const good = { texts: ['Lembrete'], delay: { value: 1, unit: 'days' }, audience: 'no_reply' }
    const body = { name: 'API com etapas', listId: f.listId, texts: ['Oi'], sessionIds: [f.working] }
    const bad = async (steps: unknown[]) => {
      const res = await apiFetch('/campaigns', { token, json: { ...body, steps } })
      expect(res.status).toBe(422)
      return ((await res.json()) as { errors?: { pointer: string }[] }).errors?.map((e) => e.pointer)
    }
    expect(await bad([{ ...good, delay: { value: 0, unit: 'hours' } }])).toEqual(['/steps/0/delay/value'])
    expect(await bad([{ ...good, delay: { value: 31, unit: 'days' } }])).toEqual(['/steps/0/delay/value'])
    expect(await bad([good, good, good, good, good])).toEqual(['/steps/4'])
    expect(await bad([{ ...good, poll: { options: ['Sim', 'sim'] } }])).toEqual(['/steps/0/poll/options/1'])
    expect(await bad([{ ...good, audience: 'voted', option: 'Sim' }])).toEqual(['/steps/0/audience'])
    const created = await apiFetch('/campaigns', {
      token,
      json: {
        ...body,
        poll: { options: ['Sim', 'Não'] },
        steps: [{ ...good, audience: 'voted', option: 'Sim' }],
        confirmation: 'Obrigado!',
      },
    })
    expect(created.status).toBe(201)
    const campaign = (await expectDocumented(created, 'POST', '/campaigns')) as Record<string, unknown>
    expect(campaign.steps).toEqual([
      { texts: ['Lembrete'], poll: null, delayMinutes: 1440, audience: 'voted', option: 'Sim' },
    ])
    expect(campaign.confirmation).toBe('Obrigado!')
    expect(campaign.stepsCreated).toBe(0)
  })
})
