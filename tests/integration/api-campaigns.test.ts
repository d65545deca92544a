// /api/v1/campaigns through the real Worker, D1, queues and the WAHA simulator: created with the
// composer's rules (its Portuguese messages by JSON Pointer), launched into the engine, followed by its
// messages and replies, and moved through the lifecycle. Every answer is checked against the document.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { campaignEvents, campaigns, inboundMessages } from '../../db/schema'
import { createCampaign, createContactList, createWahaSession } from '../builders'
import { apiFetch, createTestToken, expectDocumented } from './helpers/api'
import { createTestTenant } from './helpers/app'
import { createSimSession, statusCounts, waitFor } from './helpers/engine'

type Campaign = {
  id: string
  name: string
  status: string
  listId: string | null
  texts: string[]
  sessionIds: string[]
  scheduledAt: string | null
  pacing: { minDelayS: number; window: { days: number[]; start: string; end: string } | null }
  totals: Record<string, number>
}
type Page<T> = { data: T[]; nextCursor: string | null }
type Problem = {
  status: number
  type: string
  detail: string
  errors?: { pointer: string; code: string; detail: string }[]
}

const ALL_DAYS = { days: [0, 1, 2, 3, 4, 5, 6], start: '00:00', end: '24:00' }
const FAST = { minDelayS: 0, maxDelayS: 0, maxPerMinute: 60, dailyCap: 1000, window: ALL_DAYS }

async function tenantWithList(count = 3) {
  const tenant = await createTestTenant()
  const list = await createContactList(tenant.ctx.db, { tenantId: tenant.tenantId, count, name: 'Clientes' })
  const token = await createTestToken(tenant, [
    'campaigns:read',
    'campaigns:write',
    'contacts:read',
    'contacts:write',
  ])
  return { tenant, list, token }
}

describe('API campaigns: create', () => {
  it('should refuse a bad campaign with the composer messages at their JSON Pointers', async () => {
    const { tenant, token } = await tenantWithList()
    const stopped = await createWahaSession(tenant.ctx.db, { tenantId: tenant.tenantId, status: 'STOPPED' })
    const res = await apiFetch('/campaigns', {
      token,
      json: {
        name: '',
        listId: 'lst_0000000000000000',
        texts: ['Oi {{nome', 'ok'],
        sessionIds: [stopped.id],
        pacing: {
          ...FAST,
          minDelayS: 10,
          maxDelayS: 5,
          maxPerMinute: 500,
          window: { ...ALL_DAYS, days: [] },
        },
      },
    })
    expect(res.status).toBe(422)
    const body = (await expectDocumented(res, 'POST', '/campaigns')) as Problem
    const at = Object.fromEntries((body.errors ?? []).map((e) => [e.pointer, e.detail]))
    expect(at['/name']).toBe('Dê um nome à campanha.')
    expect(at['/texts/0']).toMatch(/\S/)
    expect(at['/pacing/maxDelayS']).toMatch(/\S/)
    expect(at['/pacing/maxPerMinute']).toMatch(/\S/)
    expect(at['/pacing/window/days']).toMatch(/\S/)
    // the database checks run once the form itself is right
    const refs = await apiFetch('/campaigns', {
      token,
      json: { name: 'Sem lista', listId: 'lst_0000000000000000', sessionIds: ['wses_nao_existe'] },
    })
    const refsBody = (await expectDocumented(refs, 'POST', '/campaigns')) as Problem
    expect(refs.status).toBe(422)
    expect(refsBody.errors?.map((e) => e.pointer).sort()).toEqual(['/listId', '/sessionIds'])
    expect(refsBody.errors?.find((e) => e.pointer === '/listId')?.code).toBe('campaigns.errors.listNotFound')
    // the zod shape of the body first: unknown keys and wrong types
    const shape = await apiFetch('/campaigns', { token, json: { name: 'x', texts: 'oi', extra: 1 } })
    expect(shape.status).toBe(422)
    const shapeBody = (await expectDocumented(shape, 'POST', '/campaigns')) as Problem
    expect(shapeBody.errors?.map((e) => e.pointer)).toEqual(expect.arrayContaining(['/texts', '']))
    expect(
      await tenant.ctx.db.select().from(campaigns).where(eq(campaigns.tenantId, tenant.tenantId)),
    ).toEqual([])
  })

  it('should create a draft with defaults, schedule it, and refuse a past time and a schedule without a session', async () => {
    const { tenant, list, token } = await tenantWithList()
    const session = await createWahaSession(tenant.ctx.db, { tenantId: tenant.tenantId })
    const res = await apiFetch('/campaigns', {
      token,
      json: { name: 'Dezembro', listId: list.id, texts: ['Oi {{primeiro_nome}}!'], sessionIds: [session.id] },
    })
    expect(res.status).toBe(201)
    const draft = (await expectDocumented(res, 'POST', '/campaigns')) as Campaign
    expect(draft).toMatchObject({
      status: 'draft',
      name: 'Dezembro',
      listId: list.id,
      sessionIds: [session.id],
    })
    expect(draft.pacing.minDelayS).toBe(30)
    expect(draft.pacing.window).toEqual({ days: [1, 2, 3, 4, 5, 6], start: '08:00', end: '20:00' })
    expect(draft.totals).toMatchObject({ total: 0, sent: 0 })
    const [event] = await tenant.ctx.db
      .select()
      .from(campaignEvents)
      .where(eq(campaignEvents.campaignId, draft.id))
    expect(event?.kind).toBe('created')

    const past = await apiFetch(`/campaigns/${draft.id}/schedule`, {
      token,
      json: { at: '2020-01-01T10:00:00Z' },
    })
    expect(past.status).toBe(422)
    const pastBody = (await expectDocumented(past, 'POST', '/campaigns/{id}/schedule')) as Problem
    expect(pastBody.errors).toEqual([
      expect.objectContaining({ pointer: '/at', code: 'campaigns.errors.scheduleInPast' }),
    ])

    const at = new Date(Date.now() + 3 * 86_400_000)
    at.setUTCSeconds(0, 0)
    const scheduled = await apiFetch(`/campaigns/${draft.id}/schedule`, {
      token,
      json: { at: at.toISOString() },
    })
    expect(scheduled.status).toBe(200)
    const body = (await expectDocumented(scheduled, 'POST', '/campaigns/{id}/schedule')) as Campaign
    expect(body).toMatchObject({ status: 'scheduled', scheduledAt: at.toISOString() })

    const noSession = await apiFetch('/campaigns', {
      token,
      json: { name: 'Sem sessão', listId: list.id, texts: ['Oi'], scheduleAt: at.toISOString() },
    })
    expect(noSession.status).toBe(422)
    const nsBody = (await expectDocumented(noSession, 'POST', '/campaigns')) as Problem
    expect(nsBody.errors).toEqual([
      expect.objectContaining({ pointer: '/sessionIds', code: 'campaigns.errors.sessionRequired' }),
    ])
  })

  it('should replay a create with the same Idempotency-Key and refuse the key with another body', async () => {
    const { tenant, token } = await tenantWithList()
    const headers = { 'Idempotency-Key': 'criar-campanha-1' }
    const first = await apiFetch('/campaigns', { token, headers, json: { name: 'Uma vez' } })
    expect(first.status).toBe(201)
    const made = (await first.json()) as Campaign
    const again = await apiFetch('/campaigns', { token, headers, json: { name: 'Uma vez' } })
    expect(again.status).toBe(201)
    expect(again.headers.get('Idempotent-Replayed')).toBe('true')
    expect(((await again.json()) as Campaign).id).toBe(made.id)
    const other = await apiFetch('/campaigns', { token, headers, json: { name: 'Outra' } })
    expect(other.status).toBe(422)
    expect(((await other.json()) as Problem).type).toBe('/api/v1/docs#problem-idempotencyMismatch')
    const rows = await tenant.ctx.db.select().from(campaigns).where(eq(campaigns.tenantId, tenant.tenantId))
    expect(rows.map((r) => r.name)).toEqual(['Uma vez'])
  })
})

describe('API campaigns: launch and follow', () => {
  it('should launch through the engine, honour an opt-out added by the API, page messages and replies', async () => {
    const { tenant, list, token } = await tenantWithList(4)
    const session = await createSimSession(tenant)
    const optedOut = list.phones[1] as string
    const opt = await apiFetch('/opt-outs', { token, json: { phone: optedOut, note: 'pediu pelo CRM' } })
    expect(opt.status).toBe(201)
    const created = await apiFetch('/campaigns', {
      token,
      json: {
        name: 'Agora',
        listId: list.id,
        texts: ['Olá {{primeiro_nome}}!'],
        sessionIds: [session.id],
        pacing: FAST,
        simulateTyping: false,
      },
    })
    expect(created.status).toBe(201)
    const { id } = (await created.json()) as Campaign
    const launch = await apiFetch(`/campaigns/${id}/launch`, {
      token,
      headers: { 'Idempotency-Key': `l-${id}` },
      method: 'POST',
    })
    expect(launch.status).toBe(200)
    expect(((await expectDocumented(launch, 'POST', '/campaigns/{id}/launch')) as Campaign).status).toBe(
      'running',
    )
    // a second launch (another key) finds it running: 200 as it is, nothing twice
    const twice = await apiFetch(`/campaigns/${id}/launch`, { token, method: 'POST' })
    expect(twice.status).toBe(200)

    await waitFor(
      async () => {
        const r = await apiFetch(`/campaigns/${id}`, { token })
        return ((await r.json()) as Campaign).status === 'finished'
      },
      'campaign finished',
      30_000,
    )
    expect(await statusCounts(id)).toEqual({ sent: 3, skipped: 1 })
    const got = await apiFetch(`/campaigns/${id}`, { token })
    const campaign = (await expectDocumented(got, 'GET', '/campaigns/{id}')) as Campaign
    expect(campaign.totals).toMatchObject({ total: 4, sent: 3, skipped: 1, failed: 0 })

    const seen: { phone: string; status: string; text: string | null; error: unknown }[] = []
    let cursor: string | null = null
    do {
      const q: string = cursor ? `&cursor=${cursor}` : ''
      const res = await apiFetch(`/campaigns/${id}/messages?limit=3${q}`, { token })
      const page = (await expectDocumented(res, 'GET', '/campaigns/{id}/messages')) as Page<
        (typeof seen)[number]
      >
      seen.push(...page.data)
      cursor = page.nextCursor
    } while (cursor)
    expect(seen).toHaveLength(4)
    const skipped = seen.find((m) => m.phone === optedOut)
    expect(skipped?.status).toBe('skipped')
    expect(skipped?.error).toMatchObject({ detail: expect.any(String) })
    expect(seen.filter((m) => m.status === 'sent').every((m) => m.text?.startsWith('Olá '))).toBe(true)
    const onlySent = await apiFetch(`/campaigns/${id}/messages?status=sent`, { token })
    expect(((await onlySent.json()) as Page<unknown>).data).toHaveLength(3)

    // replies kept by the inbox, by campaign, oldest first
    for (const [i, phone] of [list.phones[0], list.phones[2]].entries())
      await tenant.ctx.db.insert(inboundMessages).values({
        tenantId: tenant.tenantId,
        sessionId: session.id,
        phoneE164: phone as string,
        chatId: `${(phone as string).slice(1)}@c.us`,
        campaignId: id,
        wahaMessageId: `false_${i}_x`,
        messageKey: `k${i}`,
        body: `Resposta ${i}`,
        receivedAt: Date.now() + i,
      })
    const r1 = await apiFetch(`/replies?campaignId=${id}&limit=1`, { token })
    const p1 = (await expectDocumented(r1, 'GET', '/replies')) as Page<{ text: string; campaignId: string }>
    expect(p1.data).toEqual([expect.objectContaining({ text: 'Resposta 0', campaignId: id })])
    const r2 = await apiFetch(`/replies?campaignId=${id}&cursor=${p1.nextCursor}`, { token })
    const p2 = (await expectDocumented(r2, 'GET', '/replies')) as Page<{ text: string }>
    expect(p2.data.map((r) => r.text)).toEqual(['Resposta 1'])
    expect(p2.nextCursor).toBeNull()
    const bad = await apiFetch('/replies?cursor=nao-e-cursor', { token })
    expect(bad.status).toBe(400)
  }, 60_000)

  it('should pause, resume and cancel through the lifecycle, and say why a move is refused', async () => {
    const { tenant, list, token } = await tenantWithList()
    const running = await createCampaign(tenant.ctx.db, {
      tenantId: tenant.tenantId,
      status: 'running',
      listId: list.id,
    })
    const pause = await apiFetch(`/campaigns/${running.id}/pause`, { token, method: 'POST' })
    expect(pause.status).toBe(200)
    expect(((await expectDocumented(pause, 'POST', '/campaigns/{id}/pause')) as Campaign).status).toBe(
      'paused',
    )
    const pausedAgain = await apiFetch(`/campaigns/${running.id}/pause`, { token, method: 'POST' })
    expect(pausedAgain.status).toBe(200)
    const resume = await apiFetch(`/campaigns/${running.id}/resume`, { token, method: 'POST' })
    expect(((await expectDocumented(resume, 'POST', '/campaigns/{id}/resume')) as Campaign).status).toBe(
      'running',
    )
    const cancel = await apiFetch(`/campaigns/${running.id}/cancel`, { token, method: 'POST' })
    expect(((await expectDocumented(cancel, 'POST', '/campaigns/{id}/cancel')) as Campaign).status).toBe(
      'cancelled',
    )
    const resumeCancelled = await apiFetch(`/campaigns/${running.id}/resume`, { token, method: 'POST' })
    expect(resumeCancelled.status).toBe(409)
    const refused = (await expectDocumented(resumeCancelled, 'POST', '/campaigns/{id}/resume')) as Problem
    expect(refused).toMatchObject({ type: '/api/v1/docs#problem-conflict' })
    expect(refused.detail).toMatch(/\S/)
    // a draft without a list cannot launch: the confirmation's reason, in Portuguese
    const draft = await createCampaign(tenant.ctx.db, { tenantId: tenant.tenantId })
    const launch = await apiFetch(`/campaigns/${draft.id}/launch`, { token, method: 'POST' })
    expect(launch.status).toBe(409)
    expect(((await launch.json()) as Problem).detail).toBe(
      'Escolha a lista de contatos que vai receber a mensagem.',
    )
    const events = await tenant.ctx.db
      .select()
      .from(campaignEvents)
      .where(eq(campaignEvents.campaignId, running.id))
    expect(events.map((e) => e.kind)).toEqual(['paused', 'resumed', 'cancelled'])
  })

  it('should list campaigns newest first by cursor, filter by status, and refuse a forged cursor', async () => {
    const { tenant, token } = await tenantWithList()
    for (const [i, status] of ['draft', 'running', 'draft', 'finished', 'draft'].entries()) {
      const c = await createCampaign(tenant.ctx.db, { tenantId: tenant.tenantId, status, name: `C${i}` })
      await tenant.ctx.db
        .update(campaigns)
        .set({ createdAt: 1_000_000 + i })
        .where(eq(campaigns.id, c.id))
    }
    const names: string[] = []
    let cursor: string | null = null
    do {
      const q: string = cursor ? `&cursor=${cursor}` : ''
      const res = await apiFetch(`/campaigns?limit=2${q}`, { token })
      const page = (await expectDocumented(res, 'GET', '/campaigns')) as Page<Campaign>
      names.push(...page.data.map((c) => c.name))
      cursor = page.nextCursor
    } while (cursor)
    expect(names).toEqual(['C4', 'C3', 'C2', 'C1', 'C0'])
    const drafts = await apiFetch('/campaigns?status=draft', { token })
    expect(((await drafts.json()) as Page<Campaign>).data.map((c) => c.name)).toEqual(['C4', 'C2', 'C0'])
    expect((await apiFetch('/campaigns?cursor=eyJ4IjoxfQ', { token })).status).toBe(400)
    expect((await apiFetch('/campaigns?status=nada', { token })).status).toBe(422)
  })

  it("should refuse a token without the campaign scopes (403) and another team's campaign (404)", async () => {
    const { tenant, token } = await tenantWithList()
    const mine = await createCampaign(tenant.ctx.db, { tenantId: tenant.tenantId })
    const readOnly = await createTestToken(tenant, ['campaigns:read'])
    const contactsOnly = await createTestToken(tenant, ['contacts:read', 'contacts:write'])
    for (const [t, method, path] of [
      [readOnly, 'POST', '/campaigns'],
      [readOnly, 'POST', `/campaigns/${mine.id}/launch`],
      [readOnly, 'POST', `/campaigns/${mine.id}/cancel`],
      [contactsOnly, 'GET', '/campaigns'],
      [contactsOnly, 'GET', `/campaigns/${mine.id}/messages`],
      [contactsOnly, 'GET', '/replies'],
    ] as const) {
      const res = await apiFetch(path, {
        token: t,
        method,
        json: method === 'POST' ? { name: 'x' } : undefined,
      })
      expect(res.status, `${method} ${path}`).toBe(403)
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    }
    const other = await createTestTenant('Outra loja')
    const theirs = await createCampaign(other.ctx.db, { tenantId: other.tenantId, status: 'running' })
    for (const path of [
      `/campaigns/${theirs.id}`,
      `/campaigns/${theirs.id}/messages`,
      `/replies?campaignId=${theirs.id}`,
    ])
      expect((await apiFetch(path, { token })).status, path).toBe(404)
    expect((await apiFetch(`/campaigns/${theirs.id}/pause`, { token, method: 'POST' })).status).toBe(404)
    const listed = await apiFetch('/campaigns', { token })
    expect(((await listed.json()) as Page<Campaign>).data.map((c) => c.id)).toEqual([mine.id])
    // another team's list and session cannot be used in a campaign: refused as not found, nothing saved
    const theirList = await createContactList(other.ctx.db, { tenantId: other.tenantId, count: 2 })
    const theirSession = await createWahaSession(other.ctx.db, { tenantId: other.tenantId })
    const borrowed = await apiFetch('/campaigns', {
      token,
      json: { name: 'Emprestada', listId: theirList.id, texts: ['Oi'], sessionIds: [theirSession.id] },
    })
    expect(borrowed.status).toBe(422)
    expect(((await borrowed.json()) as Problem).errors?.map((e) => e.code).sort()).toEqual([
      'campaigns.errors.listNotFound',
      'campaigns.errors.sessionNotFound',
    ])
    expect((await apiFetch('/campaigns', { token }).then((r) => r.json())) as Page<Campaign>).toMatchObject({
      data: [expect.objectContaining({ id: mine.id })],
    })
    // bad queries on the message pages
    expect((await apiFetch(`/campaigns/${mine.id}/messages?status=nada`, { token })).status).toBe(422)
    expect((await apiFetch(`/campaigns/${mine.id}/messages?limit=0`, { token })).status).toBe(422)
    expect((await apiFetch(`/campaigns/${mine.id}/messages?cursor=%%%`, { token })).status).toBe(400)
    const [row] = await other.ctx.db.select().from(campaigns).where(eq(campaigns.id, theirs.id))
    expect(row?.status).toBe('running')
  })
})
