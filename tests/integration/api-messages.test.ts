// POST /api/v1/messages through the real Worker, queues, SenderSession and the WAHA simulator: one
// message goes out once (a retry with the Idempotency-Key, or the core run twice, sends nothing more),
// the session's pacing holds it outside its window, an opted-out number is refused, and bad input,
// scopes and another team's session are refused.

import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { sendSingleMessage } from '../../app/core/campaigns/single-message.server'
import { scopeTo } from '../../app/core/db/tenant.server'
import { wahaSessions } from '../../db/schema'
import { createWahaSession } from '../builders'
import { apiFetch, createTestToken, expectDocumented } from './helpers/api'
import { createTestTenant, ORIGIN } from './helpers/app'
import { createSimSession, sendsPerChat, statusCounts, waitFor } from './helpers/engine'

type Sent = { id: number; campaignId: string; phone: string; status: string }
type Problem = {
  status: number
  type: string
  detail: string
  errors?: { pointer: string; code: string; detail: string }[]
}

async function setup() {
  const tenant = await createTestTenant()
  const session = await createSimSession(tenant)
  const token = await createTestToken(tenant, ['messages:send', 'campaigns:read', 'contacts:write'])
  return { tenant, session, token }
}

describe('API single messages', () => {
  it('should send one message once through the engine, and replay the same answer for the same key', async () => {
    const { session, token } = await setup()
    const body = {
      phone: '(11) 97654-3210',
      text: 'Seu pedido 1234 saiu para entrega.',
      simulateTyping: false,
    }
    const headers = { 'Idempotency-Key': 'pedido-1234' }
    const res = await apiFetch('/messages', { token, headers, json: body })
    expect(res.status).toBe(202)
    const sent = (await expectDocumented(res, 'POST', '/messages')) as Sent
    expect(sent).toMatchObject({ phone: '+5511976543210', status: 'queued' })
    await waitFor(async () => (await statusCounts(sent.campaignId)).sent === 1, 'message sent', 20_000)
    const replay = await apiFetch('/messages', { token, headers, json: body })
    expect(replay.status).toBe(202)
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true')
    expect(((await replay.json()) as Sent).id).toBe(sent.id)
    const other = await apiFetch('/messages', { token, headers, json: { ...body, text: 'Outro' } })
    expect(other.status).toBe(422)
    // followed like any campaign message; the one-message campaign finishes
    const page = await apiFetch(`/campaigns/${sent.campaignId}/messages`, { token })
    const messages = (await page.json()) as { data: { id: number; status: string; text: string }[] }
    expect(messages.data).toEqual([expect.objectContaining({ id: sent.id, status: 'sent', text: body.text })])
    await waitFor(async () => {
      const c = await apiFetch(`/campaigns/${sent.campaignId}`, { token })
      return ((await c.json()) as { status: string }).status === 'finished'
    }, 'campaign finished')
    expect((await sendsPerChat([session.sessionName])).get('5511976543210@c.us')).toBe(1)
  }, 40_000)

  it('should send nothing more when the same request runs again after a crash (same id)', async () => {
    const { tenant, session } = await setup()
    const scope = scopeTo(tenant.ctx, tenant.tenantId, null)
    const input = { phone: '11976543211', text: 'Código 998877', simulateTyping: false }
    const first = await sendSingleMessage(scope, 'cmp_msg_crash_test_1', input, ORIGIN)
    const second = await sendSingleMessage(scope, 'cmp_msg_crash_test_1', input, ORIGIN)
    expect(first.ok && second.ok && first.messageId === second.messageId).toBe(true)
    await waitFor(async () => (await statusCounts('cmp_msg_crash_test_1')).sent === 1, 'sent', 20_000)
    await new Promise((r) => setTimeout(r, 500))
    expect((await sendsPerChat([session.sessionName])).get('5511976543211@c.us')).toBe(1)
  }, 40_000)

  it("should wait for the session's window (pacing), and refuse an opted-out number", async () => {
    const { tenant, session, token } = await setup()
    const today = new Date(Date.now() - 3 * 3_600_000).getUTCDay()
    const tomorrow = (today + 1) % 7
    await tenant.ctx.db
      .update(wahaSessions)
      .set({ windowDays: String(tomorrow) })
      .where(eq(wahaSessions.id, session.id))
    const res = await apiFetch('/messages', {
      token,
      json: { phone: '11976543212', text: 'Oi', simulateTyping: false },
    })
    expect(res.status).toBe(202)
    const sent = (await res.json()) as Sent
    await new Promise((r) => setTimeout(r, 1500))
    const counts = await statusCounts(sent.campaignId)
    expect(counts.sent ?? 0).toBe(0)
    expect((await sendsPerChat([session.sessionName])).get('5511976543212@c.us') ?? 0).toBe(0)

    expect((await apiFetch('/opt-outs', { token, json: { phone: '11976543213' } })).status).toBe(201)
    const refused = await apiFetch('/messages', { token, json: { phone: '+55 11 97654-3213', text: 'Oi' } })
    expect(refused.status).toBe(422)
    const problem = (await expectDocumented(refused, 'POST', '/messages')) as Problem
    expect(problem.errors).toEqual([
      expect.objectContaining({ pointer: '/phone', code: 'api.messages.optedOut' }),
    ])
    expect(problem.errors?.[0]?.detail).toMatch(/descadastro/)
  }, 30_000)

  it("should refuse bad input, a missing scope, no connected session and another team's session", async () => {
    const tenant = await createTestTenant()
    const token = await createTestToken(tenant, ['messages:send'])
    const stopped = await createWahaSession(tenant.ctx.db, { tenantId: tenant.tenantId, status: 'STOPPED' })
    const noSession = await apiFetch('/messages', { token, json: { phone: '11976543214', text: 'Oi' } })
    expect(noSession.status).toBe(409)
    expect(((await expectDocumented(noSession, 'POST', '/messages')) as Problem).detail).toMatch(/\S/)
    const notWorking = await apiFetch('/messages', {
      token,
      json: { phone: '11976543214', text: 'Oi', sessionId: stopped.id },
    })
    expect(notWorking.status).toBe(422)
    expect(((await notWorking.json()) as Problem).errors?.[0]?.pointer).toBe('/sessionId')
    const other = await createTestTenant('Outra')
    const theirs = await createWahaSession(other.ctx.db, { tenantId: other.tenantId })
    const foreign = await apiFetch('/messages', {
      token,
      json: { phone: '11976543214', text: 'Oi', sessionId: theirs.id },
    })
    expect(foreign.status).toBe(422)
    expect(((await foreign.json()) as Problem).errors?.[0]?.code).toBe('campaigns.errors.sessionNotFound')
    const badPhone = await apiFetch('/messages', { token, json: { phone: '976543214', text: 'Oi' } })
    expect(((await badPhone.json()) as Problem).errors?.[0]).toMatchObject({
      pointer: '/phone',
      code: 'phone.missing_ddd',
    })
    const blank = await apiFetch('/messages', { token, json: { phone: '11976543214', text: '   ' } })
    expect(((await blank.json()) as Problem).errors?.[0]?.pointer).toBe('/text')
    const tooLong = await apiFetch('/messages', {
      token,
      json: { phone: '11976543214', text: 'a'.repeat(5000) },
    })
    expect(((await tooLong.json()) as Problem).errors?.[0]?.pointer).toBe('/text')
    expect((await apiFetch('/messages', { token, json: { phone: '11976543214' } })).status).toBe(422)
    const readOnly = await createTestToken(tenant, ['campaigns:read', 'campaigns:write'])
    expect(
      (await apiFetch('/messages', { token: readOnly, json: { phone: '11976543214', text: 'Oi' } })).status,
    ).toBe(403)
  })
})
