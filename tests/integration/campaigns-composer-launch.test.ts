// The campaign composer through the real Worker: scheduling in São Paulo time, launching from the new
// form or the editor, and the double-submit guard (one campaign and one start per form token).
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { campaignEvents } from '../../db/schema'
import {
  campaignFixture,
  campaignRow,
  composerForm,
  flashOf,
  postComposer,
  saoPauloFields,
  tenantCampaigns,
} from './campaigns-helpers'
import { appFetch } from './helpers/app'

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
