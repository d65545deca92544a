// /api/v1/tags through the real Worker and D1 (decisions 030, 036): create (a name that is a known tag
// but for case and accents gives that tag back), list by cursor, rename and delete with the pages'
// rules and sentences, and batches that give or take a tag by person id or phone, item by item;
// scopes, idempotency, another team's people, and every answer against the OpenAPI document.
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { auditLog, contacts, personTags } from '../../db/schema'
import { createContactList } from '../builders'
import { apiFetch, createTestToken, expectDocumented } from './helpers/api'
import { createTestTenant, type TestTenant } from './helpers/app'

type Tag = { id: number; name: string; people: number; createdAt: string }
type Page<T> = { data: T[]; nextCursor: string | null }
type Problem = {
  status: number
  detail: string
  errors?: { pointer: string; code: string; detail: string }[]
}
type Batch = {
  tagId: number
  changed: number
  unchanged: number
  failed: number
  results: {
    index: number
    status: string
    personId?: number
    phone?: string
    error?: { code: string; detail: string }
  }[]
}

async function listPeople(tenant: TestTenant, count: number) {
  const list = await createContactList(tenant.ctx.db, { tenantId: tenant.tenantId, count })
  const rows = await tenant.ctx.db.select().from(contacts).where(eq(contacts.listId, list.id))
  const personOf = new Map(rows.map((r) => [r.phoneE164, r.personId]))
  return { list, people: list.phones.map((phone) => ({ phone, personId: personOf.get(phone) as number })) }
}

const tagRows = (tenant: TestTenant, tagId: number) =>
  tenant.ctx.db
    .select()
    .from(personTags)
    .where(and(eq(personTags.tenantId, tenant.tenantId), eq(personTags.tagId, tagId)))

describe('API tags', () => {
  it('should create a tag once for every spelling, list, rename and delete it with the pages’ rules', async () => {
    const tenant = await createTestTenant()
    const token = await createTestToken(tenant)
    const created = await apiFetch('/tags', { token, json: { name: '  Cliente   Víp ' } })
    expect(created.status).toBe(201)
    const vip = (await expectDocumented(created, 'POST', '/tags')) as Tag
    expect(vip).toMatchObject({ name: 'Cliente Víp', people: 0 })
    const same = await apiFetch('/tags', { token, json: { name: 'cliente vip' } })
    expect(same.status).toBe(200)
    expect(((await expectDocumented(same, 'POST', '/tags')) as Tag).id).toBe(vip.id)

    const empty = await apiFetch('/tags', { token, json: { name: '   ' } })
    expect(empty.status).toBe(422)
    expect(((await expectDocumented(empty, 'POST', '/tags')) as Problem).errors).toEqual([
      { pointer: '/name', code: 'tags.error.empty', detail: 'Escreva o nome da etiqueta.' },
    ])
    const long = await apiFetch('/tags', { token, json: { name: 'x'.repeat(41) } })
    expect(((await long.json()) as Problem).errors?.[0]).toMatchObject({
      pointer: '/name',
      code: 'tags.error.tooLong',
    })

    const other = (await (await apiFetch('/tags', { token, json: { name: 'Atacado' } })).json()) as Tag
    const p1 = await apiFetch('/tags?limit=1', { token })
    const page1 = (await expectDocumented(p1, 'GET', '/tags')) as Page<Tag>
    expect(page1.data.map((t) => t.name)).toEqual(['Atacado'])
    const p2 = await apiFetch(`/tags?limit=1&cursor=${page1.nextCursor}`, { token })
    expect((await expectDocumented(p2, 'GET', '/tags')) as Page<Tag>).toEqual({
      data: [expect.objectContaining({ id: vip.id })],
      nextCursor: null,
    })
    expect((await apiFetch('/tags?cursor=nao-e-cursor', { token })).status).toBe(400)

    const taken = await apiFetch(`/tags/${other.id}`, {
      token,
      method: 'PATCH',
      json: { name: 'CLIENTE VIP' },
    })
    expect(taken.status).toBe(422)
    const takenProblem = (await expectDocumented(taken, 'PATCH', '/tags/{id}')) as Problem
    expect(takenProblem.errors?.[0]).toMatchObject({ pointer: '/name', code: 'tags.error.taken' })
    expect(takenProblem.errors?.[0]?.detail).toContain('Já existe a etiqueta "Cliente Víp"')
    const english = await apiFetch(`/tags/${other.id}`, {
      token,
      method: 'PATCH',
      json: { name: 'cliente víp' },
      headers: { 'Accept-Language': 'en' },
    })
    expect(((await english.json()) as Problem).errors?.[0]?.detail).toContain('There is already a tag')
    const renamed = await apiFetch(`/tags/${other.id}`, {
      token,
      method: 'PATCH',
      json: { name: 'Atacadista' },
    })
    expect(renamed.status).toBe(200)
    expect(((await expectDocumented(renamed, 'PATCH', '/tags/{id}')) as Tag).name).toBe('Atacadista')

    const gone = await apiFetch(`/tags/${other.id}`, { token, method: 'DELETE' })
    expect(gone.status).toBe(204)
    await expectDocumented(gone, 'DELETE', '/tags/{id}')
    const missing = await apiFetch(`/tags/${other.id}`, { token })
    expect(missing.status).toBe(404)
    await expectDocumented(missing, 'GET', '/tags/{id}')
    const audit = await tenant.ctx.db.select().from(auditLog).where(eq(auditLog.tenantId, tenant.tenantId))
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['tags.create', 'tags.rename', 'tags.delete']),
    )
  })

  it('should give and take a tag by person id or phone, item by item', async () => {
    const tenant = await createTestTenant()
    const token = await createTestToken(tenant)
    const { people } = await listPeople(tenant, 3)
    const [a, b, c] = people as [(typeof people)[0], (typeof people)[0], (typeof people)[0]]
    const contact = await apiFetch(`/contacts?phone=${encodeURIComponent(a.phone)}`, { token })
    expect(((await contact.json()) as Page<{ personId: number }>).data[0]?.personId).toBe(a.personId)

    const tag = (await (await apiFetch('/tags', { token, json: { name: 'VIP' } })).json()) as Tag
    const local = `(${b.phone.slice(3, 5)}) ${b.phone.slice(5, 10)}-${b.phone.slice(10)}`
    const res = await apiFetch(`/tags/${tag.id}/people`, {
      token,
      json: {
        people: [
          { personId: a.personId },
          { phone: local },
          { phone: '987654321' },
          { phone: '+5511900000000' },
          { personId: 999_999_999 },
          { personId: a.personId },
        ],
      },
    })
    expect(res.status).toBe(200)
    const added = (await expectDocumented(res, 'POST', '/tags/{id}/people')) as Batch
    expect(added).toMatchObject({ tagId: tag.id, changed: 2, unchanged: 1, failed: 3 })
    expect(added.results.map((r) => [r.index, r.status, r.error?.code ?? r.personId])).toEqual([
      [0, 'added', a.personId],
      [1, 'added', b.personId],
      [2, 'failed', 'phone.missing_ddd'],
      [3, 'failed', 'api.tags.phoneNotFound'],
      [4, 'failed', 'api.tags.personNotFound'],
      [5, 'unchanged', a.personId],
    ])
    expect(added.results[1]?.phone).toBe(b.phone)
    expect(added.results[3]?.error?.detail).toMatch(/Nenhuma pessoa da equipe com este telefone/)
    expect((await tagRows(tenant, tag.id)).map((r) => r.personId).sort()).toEqual(
      [a.personId, b.personId].sort(),
    )
    expect(((await (await apiFetch(`/tags/${tag.id}`, { token })).json()) as Tag).people).toBe(2)

    const removed = await apiFetch(`/tags/${tag.id}/people/remove`, {
      token,
      json: { people: [{ phone: b.phone }, { personId: c.personId }] },
    })
    const r = (await expectDocumented(removed, 'POST', '/tags/{id}/people/remove')) as Batch
    expect(r.results.map((i) => i.status)).toEqual(['removed', 'unchanged'])
    expect((await tagRows(tenant, tag.id)).map((row) => row.personId)).toEqual([a.personId])
    const audit = await tenant.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, tenant.tenantId), eq(auditLog.entityId, String(tag.id))))
    expect(audit.map((x) => x.action).sort()).toEqual(['tags.bulkAdd', 'tags.bulkRemove', 'tags.create'])
  })

  it('should refuse malformed batches in words, replay a retried batch, and keep to the scopes', async () => {
    const tenant = await createTestTenant()
    const token = await createTestToken(tenant)
    const { people } = await listPeople(tenant, 1)
    const tag = (await (await apiFetch('/tags', { token, json: { name: 'Lote' } })).json()) as Tag
    const both = await apiFetch(`/tags/${tag.id}/people`, {
      token,
      json: { people: [{ personId: 1, phone: '11987654321' }] },
    })
    expect(both.status).toBe(422)
    expect(((await expectDocumented(both, 'POST', '/tags/{id}/people')) as Problem).errors).toEqual([
      expect.objectContaining({ pointer: '/people/0', code: 'api.tags.personRef' }),
    ])
    const tooMany = await apiFetch(`/tags/${tag.id}/people`, {
      token,
      json: { people: Array.from({ length: 1001 }, (_, i) => ({ personId: i + 1 })) },
    })
    expect(tooMany.status).toBe(422)
    expect(((await tooMany.json()) as Problem).detail).toMatch(/no máximo 1\.000 pessoas.*1\.001/)
    expect(
      (await apiFetch('/tags/999999/people', { token, json: { people: [{ personId: 1 }] } })).status,
    ).toBe(404)

    const headers = { 'Idempotency-Key': 'etiqueta-lote-1' }
    const body = { people: [{ personId: people[0]?.personId }] }
    const first = await apiFetch(`/tags/${tag.id}/people`, { token, headers, json: body })
    const retry = await apiFetch(`/tags/${tag.id}/people`, { token, headers, json: body })
    expect(retry.headers.get('idempotent-replayed')).toBe('true')
    expect(await retry.json()).toEqual(await first.json())

    const readOnly = await createTestToken(tenant, ['contacts:read'])
    expect((await apiFetch('/tags', { token: readOnly })).status).toBe(200)
    for (const [path, method, json] of [
      ['/tags', 'POST', { name: 'x' }],
      [`/tags/${tag.id}`, 'PATCH', { name: 'x' }],
      [`/tags/${tag.id}`, 'DELETE', undefined],
      [`/tags/${tag.id}/people`, 'POST', body],
      [`/tags/${tag.id}/people/remove`, 'POST', body],
    ] as const)
      expect((await apiFetch(path, { token: readOnly, method, json })).status).toBe(403)
    const campaignsOnly = await createTestToken(tenant, ['campaigns:read'])
    for (const path of ['/tags', `/tags/${tag.id}`]) {
      const refused = await apiFetch(path, { token: campaignsOnly })
      expect(refused.status).toBe(403)
      await expectDocumented(refused, 'GET', path === '/tags' ? '/tags' : '/tags/{id}')
    }
  })

  it("should not tag another team's people, nor count them", async () => {
    const owner = await createTestTenant('Loja A')
    const intruder = await createTestTenant('Loja B')
    const { people } = await listPeople(owner, 1)
    const victim = people[0] as { phone: string; personId: number }
    const token = await createTestToken(intruder)
    const tag = (await (await apiFetch('/tags', { token, json: { name: 'Invasão' } })).json()) as Tag
    const res = await apiFetch(`/tags/${tag.id}/people`, {
      token,
      json: { people: [{ personId: victim.personId }, { phone: victim.phone }] },
    })
    expect(((await res.json()) as Batch).results.map((r) => r.error?.code)).toEqual([
      'api.tags.personNotFound',
      'api.tags.phoneNotFound',
    ])
    expect(
      await owner.ctx.db.select().from(personTags).where(eq(personTags.personId, victim.personId)),
    ).toEqual([])
    expect(await tagRows(intruder, tag.id)).toEqual([])
  })
})
