// /api/v1/webhooks through the real Worker, D1 and queue: create (the secret once), the test event
// really delivered and signed, the delivery log by cursor with its attempts, redelivery under the same
// webhook-id, update, switch off, rotate, delete; scope 403, bad URL and events 422, Idempotency-Key.
import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { webhookEndpoints } from '../../db/schema'
import { apiFetch, createTestToken, expectDocumented } from './helpers/api'
import { createTestTenant } from './helpers/app'
import { received, receiverPath, verifiedEvents } from './webhooks-support'

type Endpoint = { id: string; url: string; eventTypes: string[]; enabled: boolean; secret?: string }
type Delivery = {
  id: string
  eventId: string
  type: string
  status: string
  attempts: { httpStatus: number }[]
}
type Page<T> = { data: T[]; nextCursor: string | null }
type Problem = { status: number; errors?: { pointer: string; detail: string }[]; detail?: string }

describe('API webhooks', () => {
  it('creates an endpoint, delivers a signed test event, pages the log, redelivers, rotates, updates and deletes', async () => {
    const tenant = await createTestTenant('Loja API webhooks')
    const token = await createTestToken(tenant, ['webhooks:manage'])
    const path = receiverPath('ok')
    const url = `${env.WEBHOOK_RECEIVER_URL}${path}`
    const create = { url, description: 'CRM', eventTypes: ['campaign.finished', 'message.read'] }
    const res = await apiFetch('/webhooks', { token, json: create, headers: { 'Idempotency-Key': 'wh-1' } })
    expect(res.status).toBe(201)
    const made = (await expectDocumented(res, 'POST', '/webhooks')) as Endpoint
    expect(made).toMatchObject({ url, eventTypes: create.eventTypes, enabled: true })
    expect(made.secret).toMatch(/^whsec_/)
    // The same key replays the same answer: one endpoint, the same secret.
    const replay = await apiFetch('/webhooks', {
      token,
      json: create,
      headers: { 'Idempotency-Key': 'wh-1' },
    })
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true')
    expect(((await replay.json()) as Endpoint).secret).toBe(made.secret)
    const rows = await tenant.ctx.db
      .select()
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.tenantId, tenant.tenantId))
    expect(rows).toHaveLength(1)
    // The secret is never shown again.
    const got = await apiFetch(`/webhooks/${made.id}`, { token })
    const shown = (await expectDocumented(got, 'GET', '/webhooks/{id}')) as Endpoint
    expect(shown.secret).toBeUndefined()
    const list = (await expectDocumented(
      await apiFetch('/webhooks', { token }),
      'GET',
      '/webhooks',
    )) as Page<Endpoint>
    expect(list.data.map((e) => e.id)).toEqual([made.id])

    // Two test events, really delivered by the queue and verified with the secret.
    for (const key of ['t-1', 't-2']) {
      const test = await apiFetch(`/webhooks/${made.id}/test`, {
        token,
        method: 'POST',
        headers: { 'Idempotency-Key': key },
      })
      expect(test.status).toBe(202)
      await expectDocumented(test, 'POST', '/webhooks/{id}/test')
    }
    await expect.poll(async () => (await received(path)).length, { timeout: 10_000 }).toBe(2)
    const events = await verifiedEvents(path, made.secret ?? '')
    expect(events.map((e) => e.type)).toEqual(['webhook.test', 'webhook.test'])

    // The log, one per page, with its attempts.
    await expect
      .poll(async () => {
        const page = (await (
          await apiFetch(`/webhooks/${made.id}/deliveries`, { token })
        ).json()) as Page<Delivery>
        return page.data.map((d) => d.status)
      })
      .toEqual(['succeeded', 'succeeded'])
    const p1res = await apiFetch(`/webhooks/${made.id}/deliveries?limit=1`, { token })
    const p1 = (await expectDocumented(p1res, 'GET', '/webhooks/{id}/deliveries')) as Page<Delivery>
    expect(p1.data).toHaveLength(1)
    expect(p1.data[0]?.attempts).toEqual([expect.objectContaining({ httpStatus: 200 })])
    const p2 = (await (
      await apiFetch(`/webhooks/${made.id}/deliveries?limit=1&cursor=${p1.nextCursor}`, { token })
    ).json()) as Page<Delivery>
    expect(p2.nextCursor).toBeNull()
    expect(p2.data[0]?.id).not.toBe(p1.data[0]?.id)
    const bad = await apiFetch(`/webhooks/${made.id}/deliveries?cursor=xyz`, { token })
    expect(bad.status).toBe(400)

    // Redelivery: the same webhook-id again.
    const first = p1.data[0] as Delivery
    const again = await apiFetch(`/webhooks/${made.id}/deliveries/${first.id}/redeliver`, {
      token,
      method: 'POST',
    })
    expect(again.status).toBe(202)
    const redelivered = (await expectDocumented(
      again,
      'POST',
      '/webhooks/{id}/deliveries/{deliveryId}/redeliver',
    )) as { id: string }
    expect(redelivered.id).not.toBe(first.id)
    await expect.poll(async () => (await received(path)).length, { timeout: 10_000 }).toBe(3)
    expect(
      (await verifiedEvents(path, made.secret ?? '')).filter((e) => e.id === first.eventId),
    ).toHaveLength(2)

    // Rotation: the new secret signs what follows.
    const rot = await apiFetch(`/webhooks/${made.id}/secret`, { token, method: 'POST' })
    const { secret } = (await expectDocumented(rot, 'POST', '/webhooks/{id}/secret')) as { secret: string }
    expect(secret).toMatch(/^whsec_/)
    expect(secret).not.toBe(made.secret)
    const path2 = receiverPath('ok')
    const patched = await apiFetch(`/webhooks/${made.id}`, {
      token,
      method: 'PATCH',
      json: { url: `${env.WEBHOOK_RECEIVER_URL}${path2}`, eventTypes: ['message.sent'] },
    })
    expect(patched.status).toBe(200)
    const p = (await expectDocumented(patched, 'PATCH', '/webhooks/{id}')) as Endpoint
    expect(p).toMatchObject({
      eventTypes: ['message.sent'],
      enabled: true,
      url: `${env.WEBHOOK_RECEIVER_URL}${path2}`,
    })
    await apiFetch(`/webhooks/${made.id}/test`, { token, method: 'POST' })
    await expect.poll(async () => (await received(path2)).length, { timeout: 10_000 }).toBe(1)
    expect(await verifiedEvents(path2, secret)).toHaveLength(1)

    const off = await apiFetch(`/webhooks/${made.id}`, { token, method: 'PATCH', json: { enabled: false } })
    expect((await off.json()) as Endpoint).toMatchObject({
      enabled: false,
      disabledReason: 'webhooks.disabled.byPerson',
    })

    const del = await apiFetch(`/webhooks/${made.id}`, { token, method: 'DELETE' })
    expect(del.status).toBe(204)
    await expectDocumented(del, 'DELETE', '/webhooks/{id}')
    expect((await apiFetch(`/webhooks/${made.id}`, { token })).status).toBe(404)
  })

  it('refuses a bad URL, no events, another scope and a delivery of another endpoint', async () => {
    const tenant = await createTestTenant('Loja API webhooks recusas')
    const token = await createTestToken(tenant, ['webhooks:manage'])
    const badUrl = await apiFetch('/webhooks', {
      token,
      json: { url: 'ftp://exemplo.com.br/x', eventTypes: ['message.read'] },
    })
    expect(badUrl.status).toBe(422)
    const p1 = (await expectDocumented(badUrl, 'POST', '/webhooks')) as Problem
    expect(p1.errors?.[0]?.pointer).toBe('/url')
    expect(p1.errors?.[0]?.detail).toMatch(/[a-z]/)
    const noEvents = await apiFetch('/webhooks', {
      token,
      json: { url: `${env.WEBHOOK_RECEIVER_URL}/ok/x`, eventTypes: [] },
    })
    expect(noEvents.status).toBe(422)
    expect(((await noEvents.json()) as Problem).errors?.[0]?.pointer).toBe('/eventTypes')
    const unknownEvent = await apiFetch('/webhooks', {
      token,
      json: { url: `${env.WEBHOOK_RECEIVER_URL}/ok/x`, eventTypes: ['webhook.test'] },
    })
    expect(unknownEvent.status).toBe(422)
    expect(
      await tenant.ctx.db
        .select()
        .from(webhookEndpoints)
        .where(eq(webhookEndpoints.tenantId, tenant.tenantId)),
    ).toEqual([])

    const other = await createTestToken(tenant, ['contacts:read', 'campaigns:write'])
    for (const [method, path] of [
      ['GET', '/webhooks'],
      ['POST', '/webhooks/whe_0000000000000000/test'],
    ] as const) {
      const res = await apiFetch(path, { token: other, method, json: method === 'POST' ? {} : undefined })
      expect(res.status).toBe(403)
    }

    const a = (await (
      await apiFetch('/webhooks', {
        token,
        json: { url: `${env.WEBHOOK_RECEIVER_URL}${receiverPath('ok')}`, eventTypes: ['message.read'] },
      })
    ).json()) as Endpoint
    const b = (await (
      await apiFetch('/webhooks', {
        token,
        json: { url: `${env.WEBHOOK_RECEIVER_URL}${receiverPath('ok')}`, eventTypes: ['message.read'] },
      })
    ).json()) as Endpoint
    await apiFetch(`/webhooks/${a.id}/test`, { token, method: 'POST' })
    const log = (await (await apiFetch(`/webhooks/${a.id}/deliveries`, { token })).json()) as Page<Delivery>
    const wrong = await apiFetch(`/webhooks/${b.id}/deliveries/${log.data[0]?.id}/redeliver`, {
      token,
      method: 'POST',
    })
    expect(wrong.status).toBe(404)
    const badPatch = await apiFetch(`/webhooks/${a.id}`, { token, method: 'PATCH', json: { url: 'nada' } })
    expect(badPatch.status).toBe(422)
  })
})
