// Idempotency-Key on /api/v1 POSTs: a retry replays the first answer, another body with the same key
// is refused, parallel requests with one key create one thing, keys are per token and last 24 hours.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { pruneIdempotencyKeys } from '../../app/core/api/idempotency.server'
import { apiIdempotencyKeys, contactLists } from '../../db/schema'
import { apiFetch, createTestToken, expectDocumented } from './helpers/api'
import { createTestTenant } from './helpers/app'

async function lists(tenantId: string, db: Awaited<ReturnType<typeof createTestTenant>>['ctx']['db']) {
  return db.select().from(contactLists).where(eq(contactLists.tenantId, tenantId))
}

describe('API idempotency', () => {
  it('should replay the stored answer for the same key and body, and refuse another body (422)', async () => {
    const tenant = await createTestTenant()
    const token = await createTestToken(tenant)
    const headers = { 'Idempotency-Key': 'cria-lista-1' }
    const first = await apiFetch('/lists', { token, headers, json: { name: 'Uma vez' } })
    expect(first.status).toBe(201)
    const created = await expectDocumented(first, 'POST', '/lists')
    // the same JSON with its keys in another order is the same request
    const retry = await apiFetch('/lists', { token, headers, body: '{ "name" : "Uma vez" }' })
    expect(retry.status).toBe(201)
    expect(retry.headers.get('idempotent-replayed')).toBe('true')
    expect(await expectDocumented(retry, 'POST', '/lists')).toEqual(created)
    expect(await lists(tenant.tenantId, tenant.ctx.db)).toHaveLength(1)

    const other = await apiFetch('/lists', { token, headers, json: { name: 'Outra' } })
    expect(other.status).toBe(422)
    expect(await expectDocumented(other, 'POST', '/lists')).toMatchObject({
      type: '/api/v1/docs#problem-idempotencyMismatch',
      status: 422,
    })
    const elsewhere = await apiFetch('/contacts/erase', { token, headers, json: { name: 'Uma vez' } })
    expect(elsewhere.status).toBe(422)
    await elsewhere.arrayBuffer()
    expect(await lists(tenant.tenantId, tenant.ctx.db)).toHaveLength(1)

    // keys belong to one token: another token may use the same key for its own request
    const token2 = await createTestToken(tenant)
    const mine = await apiFetch('/lists', { token: token2, headers, json: { name: 'Outra' } })
    expect(mine.status).toBe(201)
    await mine.arrayBuffer()
    expect(await lists(tenant.tenantId, tenant.ctx.db)).toHaveLength(2)

    const bad = await apiFetch('/lists', {
      token,
      headers: { 'Idempotency-Key': 'chave com espaco' },
      json: { name: 'X' },
    })
    expect(bad.status).toBe(400)
    await expectDocumented(bad, 'POST', '/lists')
  })

  it('should create once when parallel requests carry the same key', async () => {
    const tenant = await createTestTenant()
    const token = await createTestToken(tenant)
    const listRes = await apiFetch('/lists', { token, json: { name: 'Base' } })
    const list = (await listRes.json()) as { id: string }
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        apiFetch('/lists', { token, headers: { 'Idempotency-Key': 'paralelo' }, json: { name: 'Paralela' } }),
      ),
    )
    const statuses = answers.map((r) => r.status)
    for (const r of answers) await expectDocumented(r, 'POST', '/lists')
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true)
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1)
    const named = (await lists(tenant.tenantId, tenant.ctx.db)).filter((l) => l.name === 'Paralela')
    expect(named).toHaveLength(1)

    const upserts = await Promise.all(
      Array.from({ length: 5 }, () =>
        apiFetch('/contacts', {
          token,
          headers: { 'Idempotency-Key': 'lote-1' },
          json: { listId: list.id, contacts: [{ phone: '11987654321', name: 'Ana' }] },
        }),
      ),
    )
    const bodies = await Promise.all(upserts.filter((r) => r.status === 200).map((r) => r.json()))
    for (const r of upserts.filter((r) => r.status !== 200)) {
      expect(r.status).toBe(409)
      expect(r.headers.get('retry-after')).toBe('1')
      await r.arrayBuffer()
    }
    // every 200 is the one answer: created once, never "updated" by a second run
    for (const b of bodies) expect(b).toMatchObject({ created: 1, updated: 0 })
  })

  it('should take over a key whose request died without an answer', async () => {
    const tenant = await createTestTenant()
    const token = await createTestToken(tenant)
    const headers = { 'Idempotency-Key': 'orfa' }
    const first = await apiFetch('/lists', { token, headers, json: { name: 'Primeira' } })
    await first.arrayBuffer()
    // as if the request had died after its claim: no answer stored
    await tenant.ctx.control
      .update(apiIdempotencyKeys)
      .set({ status: null, responseBody: null })
      .where(eq(apiIdempotencyKeys.key, 'orfa'))
    const busy = await apiFetch('/lists', { token, headers, json: { name: 'Primeira' } })
    expect(busy.status).toBe(409)
    await busy.arrayBuffer()
    await tenant.ctx.control
      .update(apiIdempotencyKeys)
      .set({ createdAt: Date.now() - 61_000 })
      .where(eq(apiIdempotencyKeys.key, 'orfa'))
    const retried = await apiFetch('/lists', { token, headers, json: { name: 'Primeira' } })
    expect(retried.status).toBe(201)
    expect(retried.headers.get('idempotent-replayed')).toBeNull()
    await retried.arrayBuffer()
  })

  it('should forget keys after 24 hours', async () => {
    const tenant = await createTestTenant()
    const token = await createTestToken(tenant)
    const headers = { 'Idempotency-Key': 'velha' }
    const first = await apiFetch('/lists', { token, headers, json: { name: 'Ontem' } })
    await first.arrayBuffer()
    await tenant.ctx.control
      .update(apiIdempotencyKeys)
      .set({ createdAt: Date.now() - 25 * 60 * 60 * 1000 })
      .where(eq(apiIdempotencyKeys.key, 'velha'))
    // an expired key is a new key, even with another body
    const again = await apiFetch('/lists', { token, headers, json: { name: 'Hoje' } })
    expect(again.status).toBe(201)
    expect(again.headers.get('idempotent-replayed')).toBeNull()
    await again.arrayBuffer()
    await tenant.ctx.control
      .update(apiIdempotencyKeys)
      .set({ createdAt: Date.now() - 25 * 60 * 60 * 1000 })
      .where(eq(apiIdempotencyKeys.key, 'velha'))
    await pruneIdempotencyKeys(tenant.ctx)
    expect(
      await tenant.ctx.control.select().from(apiIdempotencyKeys).where(eq(apiIdempotencyKeys.key, 'velha')),
    ).toEqual([])
  })
})
