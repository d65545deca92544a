// /api/v1/opt-outs through the real Worker and D1: add (normalised like an import, once), list by
// cursor and phone, remove with a reason kept in the audit log; scopes, bad input and idempotency.
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { auditLog, contactLists, suppressions } from '../../db/schema'
import { createContactList } from '../builders'
import { apiFetch, createTestToken, expectDocumented } from './helpers/api'
import { createTestTenant } from './helpers/app'

type OptOut = { id: number; phone: string; reason: string; note: string | null }
type Page<T> = { data: T[]; nextCursor: string | null }
type Problem = { status: number; type: string; errors?: { pointer: string; code: string; detail: string }[] }

describe('API opt-outs', () => {
  it('should add a number once, count it in the lists holding it, list it and remove it with a reason', async () => {
    const tenant = await createTestTenant()
    const token = await createTestToken(tenant)
    const list = await createContactList(tenant.ctx.db, { tenantId: tenant.tenantId, count: 2 })
    const phone = list.phones[0] as string
    const local = `(${phone.slice(3, 5)}) ${phone.slice(5, 10)}-${phone.slice(10)}`
    const res = await apiFetch('/opt-outs', { token, json: { phone: local, note: 'Pediu no CRM' } })
    expect(res.status).toBe(201)
    const added = (await expectDocumented(res, 'POST', '/opt-outs')) as OptOut
    expect(added).toMatchObject({ phone, reason: 'manual', note: 'Pediu no CRM' })
    const again = await apiFetch('/opt-outs', { token, json: { phone } })
    expect(again.status).toBe(200)
    expect(((await expectDocumented(again, 'POST', '/opt-outs')) as OptOut).id).toBe(added.id)
    const [row] = await tenant.ctx.db.select().from(contactLists).where(eq(contactLists.id, list.id))
    expect(row?.suppressedCount).toBe(1)

    await apiFetch('/opt-outs', { token, json: { phone: list.phones[1] } })
    const first = await apiFetch('/opt-outs?limit=1', { token })
    const p1 = (await expectDocumented(first, 'GET', '/opt-outs')) as Page<OptOut>
    expect(p1.data.map((o) => o.phone)).toEqual([list.phones[1]])
    const second = await apiFetch(`/opt-outs?limit=1&cursor=${p1.nextCursor}`, { token })
    const p2 = (await expectDocumented(second, 'GET', '/opt-outs')) as Page<OptOut>
    expect(p2).toEqual({ data: [expect.objectContaining({ phone })], nextCursor: null })
    const byPhone = await apiFetch(`/opt-outs?phone=${encodeURIComponent(local)}`, { token })
    expect(((await byPhone.json()) as Page<OptOut>).data.map((o) => o.id)).toEqual([added.id])

    const noReason = await apiFetch(`/opt-outs/${added.id}`, { token, method: 'DELETE' })
    expect(noReason.status).toBe(422)
    expect(
      ((await expectDocumented(noReason, 'DELETE', '/opt-outs/{id}')) as Problem).errors?.[0]?.pointer,
    ).toBe('/reason')
    const removed = await apiFetch(
      `/opt-outs/${added.id}?reason=${encodeURIComponent('Pediu para voltar')}`,
      {
        token,
        method: 'DELETE',
      },
    )
    expect(removed.status).toBe(204)
    await expectDocumented(removed, 'DELETE', '/opt-outs/{id}')
    expect(await tenant.ctx.db.select().from(suppressions).where(eq(suppressions.id, added.id))).toEqual([])
    const audit = await tenant.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, tenant.tenantId), eq(auditLog.action, 'optout.remove')))
    expect(JSON.stringify(audit)).toContain('Pediu para voltar')
    expect((await apiFetch(`/opt-outs/${added.id}?reason=x`, { token, method: 'DELETE' })).status).toBe(404)
  })

  it('should refuse a bad phone in Portuguese, and tokens without the scope', async () => {
    const tenant = await createTestTenant()
    const token = await createTestToken(tenant)
    const bad = await apiFetch('/opt-outs', { token, json: { phone: '987654321' } })
    expect(bad.status).toBe(422)
    const problem = (await expectDocumented(bad, 'POST', '/opt-outs')) as Problem
    expect(problem.errors).toEqual([
      expect.objectContaining({ pointer: '/phone', code: 'phone.missing_ddd' }),
    ])
    expect(problem.errors?.[0]?.detail).toMatch(/DDD/)
    expect((await apiFetch('/opt-outs', { token, json: { phone: '11987654321', x: 1 } })).status).toBe(422)
    expect((await apiFetch('/opt-outs?cursor=zz', { token })).status).toBe(400)

    const readOnly = await createTestToken(tenant, ['contacts:read'])
    expect((await apiFetch('/opt-outs', { token: readOnly, json: { phone: '11987654321' } })).status).toBe(
      403,
    )
    expect((await apiFetch('/opt-outs/1?reason=x', { token: readOnly, method: 'DELETE' })).status).toBe(403)
    const campaignsOnly = await createTestToken(tenant, ['campaigns:read'])
    expect((await apiFetch('/opt-outs', { token: campaignsOnly })).status).toBe(403)
  })

  it('should replay an add with the same Idempotency-Key and keep each team to its own list', async () => {
    const a = await createTestTenant()
    const b = await createTestTenant('Outra')
    const tokenA = await createTestToken(a)
    const tokenB = await createTestToken(b)
    const headers = { 'Idempotency-Key': 'optout-1' }
    const first = await apiFetch('/opt-outs', { token: tokenA, headers, json: { phone: '11987654321' } })
    expect(first.status).toBe(201)
    const replay = await apiFetch('/opt-outs', { token: tokenA, headers, json: { phone: '11987654321' } })
    expect(replay.status).toBe(201)
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true')
    const mismatch = await apiFetch('/opt-outs', { token: tokenA, headers, json: { phone: '11987654322' } })
    expect(mismatch.status).toBe(422)
    // the same key is another team's own
    expect(
      (await apiFetch('/opt-outs', { token: tokenB, headers, json: { phone: '21987654321' } })).status,
    ).toBe(201)
    const listB = (await (await apiFetch('/opt-outs', { token: tokenB })).json()) as Page<OptOut>
    expect(listB.data.map((o) => o.phone)).toEqual(['+5521987654321'])
  })
})
