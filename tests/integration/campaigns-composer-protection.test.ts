// The composer's campaign rest packages and "Afinidade por DDD" (decision 020): saved from a plain post
// (no JS), shown back in the form, in the review's and the campaign page's effective pacing (the
// stricter of session and campaign wins), and refused with a pt-BR message when half-filled or out of
// order, with nothing saved.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { campaigns } from '../../db/schema'
import {
  campaignFixture,
  campaignRow,
  composerForm,
  postComposer,
  tenantCampaigns,
} from './campaigns-helpers'
import { appFetch } from './helpers/app'

const REST = { packageMin: '10', packageMax: '10', restMinMin: '30', restMaxMin: '30' }

describe('campaign rest packages and area-code affinity', () => {
  it('saves them, shows them back, and the review shows the stricter rest and the affinity', async () => {
    const f = await campaignFixture()
    const res = await postComposer(
      f.users.operator.cookie,
      composerForm(f, { ...REST, areaCodeAffinity: 'on' }),
    )
    expect(res.status).toBe(303)
    const [saved] = await tenantCampaigns(f)
    expect(saved).toMatchObject({
      packageMin: 10,
      packageMax: 10,
      restMinMin: 30,
      restMaxMin: 30,
      areaCodeAffinity: true,
    })

    const html = await (
      await appFetch(`/campanhas/${saved!.id}/editar`, { cookie: f.users.operator.cookie })
    ).text()
    expect(html).toMatch(/name="packageMin"[^>]*value="10"|value="10"[^>]*name="packageMin"/)
    expect(html).toMatch(/name="areaCodeAffinity"[^>]*checked|checked[^>]*name="areaCodeAffinity"/)
    // The session rests every 20–40 messages for 5–15 min (defaults): the campaign's 10 and 30 min are stricter.
    expect(html).toContain('a cada 10–10 mensagens, 30–30 min')
    expect(html).toContain('Afinidade por DDD ligada')

    // The campaign page's table says the same once it runs.
    await f.ctx.db
      .update(campaigns)
      .set({ status: 'running', startedAt: Date.now() })
      .where(eq(campaigns.id, saved!.id))
    const page = await (await appFetch(`/campanhas/${saved!.id}`, { cookie: f.users.operator.cookie })).text()
    expect(page).toContain('a cada 10–10 mensagens, 30–30 min')
    expect(page).toContain('(da campanha)')
    expect(page).toContain('Afinidade por DDD ligada')

    // A copy keeps them.
    const copy = await appFetch(`/campanhas/${saved!.id}/duplicar`, {
      cookie: f.users.operator.cookie,
      form: new FormData(),
    })
    expect(copy.status).toBe(303)
    const copied = (await tenantCampaigns(f)).find((c) => c.id !== saved!.id)
    expect(copied).toMatchObject({
      packageMin: 10,
      packageMax: 10,
      restMinMin: 30,
      restMaxMin: 30,
      areaCodeAffinity: true,
    })
  })

  it('blank rest fields follow the sessions’ rests; the affinity is off unless ticked', async () => {
    const f = await campaignFixture()
    const res = await postComposer(f.users.operator.cookie, composerForm(f))
    expect(res.status).toBe(303)
    const [saved] = await tenantCampaigns(f)
    expect(saved).toMatchObject({
      packageMin: null,
      packageMax: null,
      restMinMin: null,
      restMaxMin: null,
      areaCodeAffinity: false,
    })
    const html = await (
      await appFetch(`/campanhas/${saved!.id}/editar`, { cookie: f.users.operator.cookie })
    ).text()
    expect(html).toContain('a cada 20–40 mensagens, 5–15 min')
    expect(html).toContain('Afinidade por DDD desligada')
  })

  it('an edit can clear the campaign’s rests again', async () => {
    const f = await campaignFixture()
    await postComposer(f.users.operator.cookie, composerForm(f, REST))
    const [saved] = await tenantCampaigns(f)
    const res = await postComposer(
      f.users.operator.cookie,
      composerForm(f, { token: undefined, packageMin: '', packageMax: '', restMinMin: '', restMaxMin: '' }),
      saved!.id,
    )
    expect(res.status).toBe(303)
    expect(await campaignRow(f, saved!.id)).toMatchObject({ packageMin: null, restMaxMin: null })
  })

  it.each([
    ['half-filled', { packageMin: '10', packageMax: '20' }, 'Preencha os quatro campos das pausas'],
    [
      'package min > max',
      { ...REST, packageMin: '30', packageMax: '10' },
      'O máximo do pacote deve ser maior ou igual ao mínimo.',
    ],
    [
      'rest min > max',
      { ...REST, restMinMin: '40', restMaxMin: '10' },
      'O máximo da pausa deve ser maior ou igual ao mínimo.',
    ],
    [
      'empty package',
      { ...REST, packageMin: '0', packageMax: '0' },
      'Use um número inteiro de mensagens, de 1 a 10.000.',
    ],
    ['negative rest', { ...REST, restMinMin: '-5' }, 'Use um número inteiro de minutos, de 0 a 1440.'],
  ])('refuses %s with a clear message and saves nothing', async (_name, over, message) => {
    const f = await campaignFixture()
    for (const intent of ['save', 'launch']) {
      const res = await postComposer(
        f.users.operator.cookie,
        composerForm(f, { ...over, intent, name: 'Com pausas' }),
      )
      expect(res.status).toBe(400)
      const html = await res.text()
      expect(html).toContain(message)
      expect(html).toContain('value="Com pausas"')
    }
    expect(await tenantCampaigns(f)).toHaveLength(0)
  })
})
