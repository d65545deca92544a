// The campaign composer through the real Worker: scheduling in São Paulo time, "Enviar agora" answering
// a confirmation (who, how many sessions) and launching only when it is confirmed, from the new form
// or the editor, and the double-submit guards (one campaign per form token, one start per campaign).
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { campaignEvents, suppressions } from '../../db/schema'
import { createContactList } from '../builders'
import {
  campaignFixture,
  campaignRow,
  composerForm,
  flashOf,
  postComposer,
  saoPauloFields,
  tenantCampaigns,
} from './campaigns-helpers'
import { appFetch, type TestTenant } from './helpers/app'

function eventsOf(f: TestTenant, id: string, kind: string) {
  return f.ctx.db
    .select()
    .from(campaignEvents)
    .where(and(eq(campaignEvents.campaignId, id), eq(campaignEvents.kind, kind)))
}

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

  it('should answer "Enviar agora" with a confirmation and launch only once it is confirmed', async () => {
    const f = await campaignFixture()
    await f.ctx.db
      .insert(suppressions)
      .values({ tenantId: f.tenantId, phoneE164: f.phones[0]!, reason: 'opt_out' })
    const form = composerForm(f, { intent: 'launch' })
    const id = `cmp_${form.get('token')}`
    const ask = await postComposer(f.users.operator.cookie, form)
    expect(ask.status).toBe(200)
    const html = await ask.text()
    expect(html).toContain('Enviar para 4 contatos por 1 sessão?')
    expect(html).toContain('Confirmar envio')
    expect(html).toContain(`action="/campanhas/${id}"`)
    expect(html).toContain(`href="/campanhas/${id}/editar"`)
    expect(html).toContain('1 contato da lista fica de fora')
    // Saved as a draft, not started: nothing is queued before the confirmation.
    expect(await campaignRow(f, id)).toMatchObject({ status: 'draft', startedAt: null })
    expect(await eventsOf(f, id, 'started')).toHaveLength(0)

    // The confirmation, clicked twice at once and once more: one start.
    const confirm = () =>
      appFetch(`/campanhas/${id}`, { cookie: f.users.operator.cookie, form: { intent: 'launch' } })
    const [first, second] = await Promise.all([confirm(), confirm()])
    const third = await confirm()
    for (const res of [first, second, third]) {
      expect(res.status).toBe(303)
      expect(res.headers.get('Location')).toBe(`/campanhas/${id}`)
    }
    expect([flashOf(first)?.message, flashOf(second)?.message].sort()).toEqual([
      'campaigns.already.running',
      'campaigns.launched',
    ])
    expect(flashOf(third)).toMatchObject({ kind: 'success', message: 'campaigns.already.running' })
    const rows = await tenantCampaigns(f)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ id, status: 'running', baseUrl: 'https://disparo.test' })
    // launchNow enqueues `dispatch` exactly when it logs `started`: once.
    expect(await eventsOf(f, id, 'started')).toHaveLength(1)

    // The composer's form posted again (back button, resubmission) goes to the running campaign.
    const again = await postComposer(f.users.operator.cookie, form)
    expect(again.status).toBe(303)
    expect(again.headers.get('Location')).toBe(`/campanhas/${id}`)
    expect(flashOf(again)).toMatchObject({ message: 'campaigns.already.running' })
    expect(await tenantCampaigns(f)).toHaveLength(1)
  })

  it("should write the numbers in the viewer's locale and warn when not every session is connected", async () => {
    const f = await campaignFixture()
    const big = await createContactList(f.ctx.db, { tenantId: f.tenantId, count: 1234, name: 'Grande' })
    const res = await postComposer(
      f.users.operator.cookie,
      composerForm(f, {
        intent: 'launch',
        listId: big.id,
        sessionIds: [f.working, f.stopped],
        [`priority.${f.stopped}`]: '2',
      }),
    )
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('Enviar para 1.234 contatos por 2 sessões?')
    expect(html).toContain('data-testid="launch-not-connected"')
    expect(html).toContain('Só 1 das 2 sessões escolhidas está conectada')
    const english = await postComposer(
      `${f.users.operator.cookie}; disparo_lang=en`,
      composerForm(f, { intent: 'launch', listId: big.id }),
    )
    expect(await english.text()).toContain('Send to 1,234 contacts through 1 session?')
  })

  it('should refuse to launch an incomplete draft from a forged confirmation, and refuse viewers', async () => {
    const f = await campaignFixture()
    const form = composerForm(f, { 'texts[0]': '' })
    const id = `cmp_${form.get('token')}`
    expect((await postComposer(f.users.operator.cookie, form)).status).toBe(303)
    const viewer = await appFetch(`/campanhas/${id}`, {
      cookie: f.users.viewer.cookie,
      form: { intent: 'launch' },
    })
    expect(viewer.status).toBe(403)
    const res = await appFetch(`/campanhas/${id}`, {
      cookie: f.users.operator.cookie,
      form: { intent: 'launch' },
    })
    expect(res.status).toBe(303)
    expect(res.headers.get('Location')).toBe(`/campanhas/${id}/editar`)
    expect(flashOf(res)).toMatchObject({ kind: 'error', message: 'campaigns.errors.textRequired' })
    expect((await campaignRow(f, id))?.status).toBe('draft')
    expect(await eventsOf(f, id, 'started')).toHaveLength(0)
  })

  it('should launch an existing draft from the editor after the confirmation, then refuse to edit it', async () => {
    const f = await campaignFixture()
    const form = composerForm(f)
    const id = `cmp_${form.get('token')}`
    await postComposer(f.users.operator.cookie, form)
    const ask = await postComposer(
      f.users.admin.cookie,
      composerForm(f, { intent: 'launch', name: 'Nome novo' }),
      id,
    )
    expect(ask.status).toBe(200)
    expect(await ask.text()).toContain('Enviar para 5 contatos por 1 sessão?')
    expect(await campaignRow(f, id)).toMatchObject({ status: 'draft', name: 'Nome novo' })
    const launch = await appFetch(`/campanhas/${id}`, {
      cookie: f.users.admin.cookie,
      form: { intent: 'launch' },
    })
    expect(flashOf(launch)).toMatchObject({ kind: 'success', message: 'campaigns.launched' })
    expect((await campaignRow(f, id))?.status).toBe('running')
    const page = await appFetch(`/campanhas/${id}/editar`, { cookie: f.users.operator.cookie })
    expect(page.status).toBe(303)
    expect(page.headers.get('Location')).toBe(`/campanhas/${id}`)
    const late = await postComposer(f.users.operator.cookie, composerForm(f, { name: 'Mudou' }), id)
    expect(flashOf(late)).toMatchObject({ kind: 'error', message: 'campaigns.errors.notEditable' })
    expect((await campaignRow(f, id))?.name).toBe('Nome novo')
  })

  it('should refuse a malformed token', async () => {
    const f = await campaignFixture()
    const res = await postComposer(f.users.operator.cookie, composerForm(f, { token: 'curto' }))
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('Este formulário expirou')
    expect(await tenantCampaigns(f)).toHaveLength(0)
  })
})
