// The campaign list and detail pages: progress counts, actions per status and role, duplicate,
// pause / resume / cancel through plain intent forms.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { campaignEvents, campaignMessages, campaigns } from '../../db/schema'
import { createCampaign } from '../builders'
import { campaignFixture, campaignRow, flashOf, tenantCampaigns } from './campaigns-helpers'
import { appFetch, createTestTenant } from './helpers/app'

async function addMessages(
  f: Awaited<ReturnType<typeof campaignFixture>>,
  campaignId: string,
  statuses: string[],
) {
  await f.ctx.db.insert(campaignMessages).values(
    statuses.map((status, i) => ({
      tenantId: f.tenantId,
      campaignId,
      contactId: i + 1,
      phoneE164: f.phones[i % f.phones.length]!,
      status,
    })),
  )
}

describe('campaign list', () => {
  it('should show an empty state with a "Nova campanha" button for writers only', async () => {
    const t = await createTestTenant()
    const asOperator = await (await appFetch('/campanhas', { cookie: t.users.operator.cookie })).text()
    expect(asOperator).toContain('data-testid="campaigns-empty"')
    expect(asOperator).toContain('href="/campanhas/nova"')
    const asViewer = await (await appFetch('/campanhas', { cookie: t.users.viewer.cookie })).text()
    expect(asViewer).toContain('Nenhuma campanha ainda.')
    expect(asViewer).not.toContain('href="/campanhas/nova"')
  })

  it('should list campaigns with status, list, sessions, progress and the actions each allows', async () => {
    const f = await campaignFixture()
    const running = await createCampaign(f.ctx.db, {
      tenantId: f.tenantId,
      name: 'Em envio',
      status: 'running',
      listId: f.listId,
      sessionIds: [f.working],
    })
    const draft = await createCampaign(f.ctx.db, {
      tenantId: f.tenantId,
      name: 'Rascunho de dezembro',
      listId: f.listId,
    })
    await addMessages(f, running.id, ['sent', 'delivered', 'read', 'queued', 'failed'])
    const html = await (await appFetch('/campanhas', { cookie: f.users.operator.cookie })).text()
    expect(html).toContain('Em envio')
    expect(html).toContain('Clientes VIP')
    expect(html).toContain('Loja Centro')
    expect(html).toContain('3 de 5 enviadas')
    expect(html).toContain('data-status="running"')
    expect(html).toContain(`href="/campanhas/${draft.id}/editar"`)
    expect(html).not.toContain(`href="/campanhas/${running.id}/editar"`)
    expect(html).toContain(`action="/campanhas/${running.id}/duplicar"`)
    const asViewer = await (await appFetch('/campanhas', { cookie: f.users.viewer.cookie })).text()
    expect(asViewer).toContain('Rascunho de dezembro')
    expect(asViewer).not.toContain('/duplicar')
  })

  it("should not show another tenant's campaigns", async () => {
    const f = await campaignFixture()
    const other = await createTestTenant('Outra')
    await createCampaign(other.ctx.db, { tenantId: other.tenantId, name: 'Segredo da concorrência' })
    expect(await (await appFetch('/campanhas', { cookie: f.users.admin.cookie })).text()).not.toContain(
      'Segredo da concorrência',
    )
  })
})

describe('campaign list: filters and pages', () => {
  it('should page 25 at a time, newest first, keeping the filters in the links', async () => {
    const t = await createTestTenant()
    for (let i = 1; i <= 30; i++) {
      const { id } = await createCampaign(t.ctx.db, {
        tenantId: t.tenantId,
        name: `Oferta ${String(i).padStart(2, '0')}`,
      })
      await t.ctx.db
        .update(campaigns)
        .set({ createdAt: 1_800_000_000_000 + i * 1000 })
        .where(eq(campaigns.id, id))
    }
    const cookie = t.users.viewer.cookie
    const page1 = await (await appFetch('/campanhas', { cookie })).text()
    expect(page1).toContain('Oferta 30')
    expect(page1).toContain('Oferta 06')
    expect(page1).not.toContain('Oferta 05')
    expect(page1).toContain('Página 1 de 2')
    expect(page1).toContain('href="?page=2"')
    const page2 = await (await appFetch('/campanhas?page=2', { cookie })).text()
    expect(page2).toContain('Oferta 05')
    expect(page2).toContain('Oferta 01')
    expect(page2).not.toContain('Oferta 06')
    const beyond = await (await appFetch('/campanhas?page=9', { cookie })).text()
    expect(beyond).toContain('data-testid="campaigns-no-match"')
    expect(beyond).not.toContain('data-testid="campaigns-empty"')
  })

  it('should filter by status and by a piece of the name (wildcards taken literally)', async () => {
    const t = await createTestTenant()
    await createCampaign(t.ctx.db, { tenantId: t.tenantId, name: 'Black Friday 50% off', status: 'finished' })
    await createCampaign(t.ctx.db, { tenantId: t.tenantId, name: 'Black Friday 500 brindes' })
    await createCampaign(t.ctx.db, { tenantId: t.tenantId, name: 'Natal', status: 'finished' })
    const cookie = t.users.viewer.cookie
    const finished = await (await appFetch('/campanhas?status=finished', { cookie })).text()
    expect(finished).toContain('Black Friday 50% off')
    expect(finished).toContain('Natal')
    expect(finished).not.toContain('500 brindes')
    const percent = await (await appFetch(`/campanhas?q=${encodeURIComponent('50%')}`, { cookie })).text()
    expect(percent).toContain('Black Friday 50% off')
    expect(percent).not.toContain('500 brindes')
    const both = await (await appFetch('/campanhas?status=finished&q=black', { cookie })).text()
    expect(both).toContain('Black Friday 50% off')
    expect(both).not.toContain('Natal')
    const none = await (await appFetch('/campanhas?q=carnaval', { cookie })).text()
    expect(none).toContain('Nenhuma campanha com esses filtros.')
    const long = await appFetch(`/campanhas?q=${'Promoção de verão '.repeat(5)}&status=nada&page=-3`, {
      cookie,
    })
    expect(long.status).toBe(200)
  })
})

describe('duplicate', () => {
  it('should copy any campaign as a new draft named "(cópia)" and open the editor', async () => {
    const f = await campaignFixture()
    const original = await createCampaign(f.ctx.db, {
      tenantId: f.tenantId,
      name: 'Natal',
      status: 'finished',
      listId: f.listId,
      sessionIds: [f.working],
    })
    const res = await appFetch(`/campanhas/${original.id}/duplicar`, {
      cookie: f.users.operator.cookie,
      form: {},
    })
    expect(res.status).toBe(303)
    expect(flashOf(res)).toMatchObject({ kind: 'success', message: 'campaigns.duplicated' })
    const copyId = res.headers.get('Location')!.split('/')[2]!
    expect(await campaignRow(f, copyId)).toMatchObject({
      name: 'Natal (cópia)',
      status: 'draft',
      listId: f.listId,
      sessionIds: [f.working],
      startedAt: null,
    })
    expect(
      (await appFetch(`/campanhas/${original.id}/duplicar`, { cookie: f.users.viewer.cookie, form: {} }))
        .status,
    ).toBe(403)
    expect(
      (await appFetch(`/campanhas/${original.id}/duplicar`, { cookie: f.users.operator.cookie })).status,
    ).toBe(404)
    expect(await tenantCampaigns(f)).toHaveLength(2)
  })
})

describe('campaign detail', () => {
  it('should show counts by status, pacing and history, with buttons for writers only', async () => {
    const f = await campaignFixture()
    const c = await createCampaign(f.ctx.db, {
      tenantId: f.tenantId,
      name: 'Aniversário',
      status: 'running',
      listId: f.listId,
      sessionIds: [f.working],
    })
    await addMessages(f, c.id, ['sent', 'sent', 'failed'])
    await f.ctx.db.insert(campaignEvents).values({ tenantId: f.tenantId, campaignId: c.id, kind: 'started' })
    const html = await (await appFetch(`/campanhas/${c.id}`, { cookie: f.users.operator.cookie })).text()
    expect(html).toContain('Aniversário')
    expect(html).toMatch(/data-testid="count-sent"><div class="muted">Enviada<\/div><div class="stat">2</)
    expect(html).toContain('30–60 s entre mensagens')
    expect(html).toContain('Envio iniciado')
    expect(html).toContain('value="pause"')
    expect(html).toContain('value="cancel"')
    expect(html).not.toContain('value="resume"')
    const asViewer = await (await appFetch(`/campanhas/${c.id}`, { cookie: f.users.viewer.cookie })).text()
    expect(asViewer).toContain('Aniversário')
    expect(asViewer).not.toContain('value="pause"')
  })

  it('should pause, resume and cancel through intent forms', async () => {
    const f = await campaignFixture()
    const c = await createCampaign(f.ctx.db, {
      tenantId: f.tenantId,
      status: 'running',
      listId: f.listId,
      sessionIds: [f.working],
    })
    await addMessages(f, c.id, ['sent', 'queued', 'pending'])
    const post = (intent: string) =>
      appFetch(`/campanhas/${c.id}`, { cookie: f.users.operator.cookie, form: { intent } })

    expect(flashOf(await post('pause'))).toMatchObject({ kind: 'success', message: 'campaigns.paused' })
    expect((await campaignRow(f, c.id))?.status).toBe('paused')
    expect(flashOf(await post('pause'))).toMatchObject({
      kind: 'success',
      message: 'campaigns.already.paused',
    })
    expect(
      await (await appFetch(`/campanhas/${c.id}`, { cookie: f.users.operator.cookie })).text(),
    ).toContain('value="resume"')

    expect(flashOf(await post('resume'))).toMatchObject({ kind: 'success', message: 'campaigns.resumed' })
    expect((await campaignRow(f, c.id))?.status).toBe('running')

    expect(flashOf(await post('cancel'))).toMatchObject({ kind: 'success', message: 'campaigns.cancelled' })
    expect((await campaignRow(f, c.id))?.status).toBe('cancelled')
    const rows = await f.ctx.db
      .select({ status: campaignMessages.status })
      .from(campaignMessages)
      .where(eq(campaignMessages.campaignId, c.id))
    expect(rows.map((r) => r.status).sort()).toEqual(['sent', 'skipped', 'skipped'])
    expect(flashOf(await post('resume'))).toMatchObject({
      kind: 'error',
      message: 'campaigns.errors.cannot.running',
    })
    expect(flashOf(await post('explodir'))).toMatchObject({ kind: 'error' })
  })

  it('should refuse lifecycle actions to viewers with a 403 page', async () => {
    const f = await campaignFixture()
    const c = await createCampaign(f.ctx.db, { tenantId: f.tenantId, status: 'running' })
    for (const intent of ['pause', 'cancel']) {
      const res = await appFetch(`/campanhas/${c.id}`, { cookie: f.users.viewer.cookie, form: { intent } })
      expect(res.status).toBe(403)
      expect(await res.text()).toContain('Acesso negado')
    }
    expect((await f.ctx.db.select().from(campaigns).where(eq(campaigns.id, c.id)).get())?.status).toBe(
      'running',
    )
  })

  it('should answer 404 for an unknown campaign id on every route', async () => {
    const t = await createTestTenant()
    for (const path of [
      '/campanhas/cmp_nao_existe',
      '/campanhas/cmp_nao_existe/editar',
      '/campanhas/cmp_nao_existe/imagem',
    ]) {
      expect((await appFetch(path, { cookie: t.users.admin.cookie })).status).toBe(404)
    }
    expect(
      (
        await appFetch('/campanhas/cmp_nao_existe', {
          cookie: t.users.admin.cookie,
          form: { intent: 'pause' },
        })
      ).status,
    ).toBe(404)
  })
})
