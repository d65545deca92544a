// /api/v1/contacts and /api/v1/lists through the real Worker and D1, each answer checked against the
// OpenAPI document the Worker serves.
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { contactLists, contacts, suppressions } from '../../db/schema'
import { createContactList } from '../builders'
import { apiFetch, createTestToken, expectDocumented } from './helpers/api'
import { createTestTenant } from './helpers/app'

type Page<T> = { data: T[]; nextCursor: string | null }
type Contact = {
  id: number
  listId: string
  name: string
  phone: string
  email: string | null
  extra: Record<string, string>
  optedOut: boolean
}
type List = { id: string; name: string; status: string; counts: { valid: number; optedOut: number } }
type Upsert = {
  created: number
  updated: number
  failed: number
  results: Array<{
    index: number
    status: string
    id?: number
    phone?: string
    error?: { code: string; detail: string }
  }>
}

async function setup() {
  const tenant = await createTestTenant()
  const token = await createTestToken(tenant)
  const res = await apiFetch('/lists', { token, json: { name: 'Clientes API' } })
  expect(res.status).toBe(201)
  const list = (await expectDocumented(res, 'POST', '/lists')) as List
  return { tenant, token, list }
}

describe('API contacts', () => {
  it('should upsert a batch with per-item errors, then update by phone', async () => {
    const { tenant, token, list } = await setup()
    const first = await apiFetch('/contacts', {
      token,
      json: {
        listId: list.id,
        contacts: [
          {
            phone: '(11) 98765-4321',
            name: 'Ana Souza',
            email: 'ana@example.com',
            extra: { cidade: 'Recife' },
          },
          { phone: '987654321', name: 'Sem DDD' },
          { phone: '+55 11 98765-4321', name: 'Ana de novo' },
          { phone: '21 3456-7890', name: 'Fixo' },
        ],
      },
    })
    expect(first.status).toBe(200)
    const body = (await expectDocumented(first, 'POST', '/contacts')) as Upsert
    expect(body).toMatchObject({ created: 2, updated: 0, failed: 2 })
    expect(body.results.map((r) => r.status)).toEqual(['created', 'failed', 'failed', 'created'])
    expect(body.results[0]?.phone).toBe('+5511987654321')
    expect(body.results[1]?.error?.code).toBe('phone.missing_ddd')
    expect(body.results[2]?.error).toEqual({
      code: 'api.contacts.repeated',
      detail: 'Telefone repetido neste lote (igual ao item 0).',
    })

    const second = await apiFetch('/contacts', {
      token,
      headers: { 'Accept-Language': 'en' },
      json: { listId: list.id, contacts: [{ phone: '11987654321', name: 'Ana Maria' }, { phone: '123' }] },
    })
    const again = (await expectDocumented(second, 'POST', '/contacts')) as Upsert
    expect(again).toMatchObject({ created: 0, updated: 1, failed: 1 })
    expect(again.results[0]?.id).toBe(body.results[0]?.id)
    expect(again.results[1]?.error?.detail).toMatch(/^[A-Z][a-z]/) // English, not Portuguese
    expect(again.results[1]?.error?.detail).not.toMatch(/dígitos|Telefone/)

    const get = await apiFetch(`/contacts/${body.results[0]?.id}`, { token })
    const contact = (await expectDocumented(get, 'GET', '/contacts/{id}')) as Contact
    // fields left out keep their value
    expect(contact).toMatchObject({
      name: 'Ana Maria',
      email: 'ana@example.com',
      extra: { cidade: 'Recife' },
    })
    const stored = await tenant.ctx.db.select().from(contactLists).where(eq(contactLists.id, list.id)).get()
    expect(stored?.validCount).toBe(2)
  })

  it('should refuse a batch over 1,000 with a clear message and write nothing', async () => {
    const { tenant, token, list } = await setup()
    const many = Array.from({ length: 1001 }, (_, i) => ({
      phone: `1198${String(1000000 + i).padStart(7, '0')}`,
    }))
    const res = await apiFetch('/contacts', { token, json: { listId: list.id, contacts: many } })
    expect(res.status).toBe(422)
    const problem = (await expectDocumented(res, 'POST', '/contacts')) as {
      detail: string
      errors: unknown[]
    }
    expect(problem.detail).toBe(
      'Envie no máximo 1.000 contatos por pedido; este tinha 1.001. Divida em lotes.',
    )
    expect(problem.errors).toEqual([expect.objectContaining({ pointer: '/contacts' })])
    expect(await tenant.ctx.db.select().from(contacts).where(eq(contacts.listId, list.id))).toEqual([])
    const exactly = await apiFetch('/contacts', {
      token,
      json: { listId: list.id, contacts: many.slice(0, 1000) },
    })
    expect(((await expectDocumented(exactly, 'POST', '/contacts')) as Upsert).created).toBe(1000)
  })

  it('should answer 422 with pointers for invalid fields, 404 for an unknown list, 409 for a list importing', async () => {
    const { tenant, token, list } = await setup()
    const bad = await apiFetch('/contacts', {
      token,
      json: { listId: list.id, contacts: [{ phone: '11987654321', email: 'não é email', nope: 1 }] },
    })
    expect(bad.status).toBe(422)
    const problem = (await expectDocumented(bad, 'POST', '/contacts')) as {
      errors: Array<{ pointer: string }>
    }
    expect(problem.errors.map((e) => e.pointer).sort()).toEqual(['/contacts/0', '/contacts/0/email'])
    const missing = await apiFetch('/contacts', {
      token,
      json: { listId: 'lst_0000000000000000', contacts: [{ phone: '11987654321' }] },
    })
    expect(missing.status).toBe(404)
    await expectDocumented(missing, 'POST', '/contacts')
    await tenant.ctx.db.update(contactLists).set({ status: 'importing' }).where(eq(contactLists.id, list.id))
    const busy = await apiFetch('/contacts', {
      token,
      json: { listId: list.id, contacts: [{ phone: '11987654321' }] },
    })
    expect(busy.status).toBe(409)
    await expectDocumented(busy, 'POST', '/contacts')
    const malformed = await apiFetch('/contacts', {
      token,
      body: '{"listId":',
      headers: { 'Content-Type': 'application/json' },
    })
    expect(malformed.status).toBe(400)
    await expectDocumented(malformed, 'POST', '/contacts')
  })

  it('should page contacts by cursor and filter by list and phone', async () => {
    const { tenant, token } = await setup()
    const a = await createContactList(tenant.ctx.db, { tenantId: tenant.tenantId, count: 7, seed: 1 })
    const b = await createContactList(tenant.ctx.db, { tenantId: tenant.tenantId, count: 3, seed: 2 })
    const seen: Contact[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const res = await apiFetch(`/contacts?listId=${a.id}&limit=3${cursor ? `&cursor=${cursor}` : ''}`, {
        token,
      })
      const page = (await expectDocumented(res, 'GET', '/contacts')) as Page<Contact>
      seen.push(...page.data)
      cursor = page.nextCursor
      pages++
    } while (cursor)
    expect(pages).toBe(3)
    expect(seen.map((c) => c.phone).sort()).toEqual([...a.phones].sort())
    expect(new Set(seen.map((c) => c.listId))).toEqual(new Set([a.id]))

    const all = (await expectDocumented(
      await apiFetch('/contacts?limit=200', { token }),
      'GET',
      '/contacts',
    )) as Page<Contact>
    expect(all.data.length).toBe(10)
    expect(all.nextCursor).toBeNull()

    const phone = b.phones[1] as string
    await tenant.ctx.db
      .insert(suppressions)
      .values({ tenantId: tenant.tenantId, phoneE164: phone, reason: 'opt_out' })
    const national = `(${phone.slice(3, 5)}) ${phone.slice(5, 10)}-${phone.slice(10)}`
    const byPhone = await apiFetch(`/contacts?phone=${encodeURIComponent(national)}`, { token })
    const found = (await expectDocumented(byPhone, 'GET', '/contacts')) as Page<Contact>
    expect(found.data).toEqual([expect.objectContaining({ phone, listId: b.id, optedOut: true })])

    const badPhone = await apiFetch('/contacts?phone=123', { token })
    expect(badPhone.status).toBe(422)
    await expectDocumented(badPhone, 'GET', '/contacts')
    const badCursor = await apiFetch('/contacts?cursor=bm9wZQ', { token })
    expect(badCursor.status).toBe(400)
    await expectDocumented(badCursor, 'GET', '/contacts')
    const otherList = await apiFetch('/contacts?listId=lst_0000000000000000', { token })
    expect(otherList.status).toBe(404)
    await expectDocumented(otherList, 'GET', '/contacts')
  })

  it('should delete one contact and erase a person (LGPD) through the existing cores', async () => {
    const { tenant, token } = await setup()
    const a = await createContactList(tenant.ctx.db, { tenantId: tenant.tenantId, count: 3, seed: 3 })
    const b = await createContactList(tenant.ctx.db, { tenantId: tenant.tenantId, count: 2, seed: 3 })
    const one = await tenant.ctx.db
      .select()
      .from(contacts)
      .where(and(eq(contacts.listId, a.id), eq(contacts.phoneE164, a.phones[2] as string)))
      .get()
    const del = await apiFetch(`/contacts/${one?.id}`, { method: 'DELETE', token })
    expect(del.status).toBe(204)
    await expectDocumented(del, 'DELETE', '/contacts/{id}')
    expect((await apiFetch(`/contacts/${one?.id}`, { token })).status).toBe(404)
    const listA = (await expectDocumented(
      await apiFetch(`/lists/${a.id}`, { token }),
      'GET',
      '/lists/{id}',
    )) as List
    expect(listA.counts.valid).toBe(2)

    // seed 3 gives both lists the same first phones: the person is in both
    const shared = a.phones[0] as string
    expect(b.phones).toContain(shared)
    const erase = await apiFetch('/contacts/erase', { token, json: { phone: shared } })
    expect(erase.status).toBe(200)
    expect(await expectDocumented(erase, 'POST', '/contacts/erase')).toEqual({
      phone: shared,
      contactsDeleted: 2,
    })
    expect(await tenant.ctx.db.select().from(contacts).where(eq(contacts.phoneE164, shared))).toEqual([])
    const kept = await tenant.ctx.db
      .select()
      .from(suppressions)
      .where(eq(suppressions.phoneE164, shared))
      .get()
    expect(kept?.reason).toBe('erased')
    const invalid = await apiFetch('/contacts/erase', { token, json: { phone: '12' } })
    expect(invalid.status).toBe(422)
    expect(
      ((await expectDocumented(invalid, 'POST', '/contacts/erase')) as { errors: unknown[] }).errors,
    ).toEqual([expect.objectContaining({ pointer: '/phone', code: 'phone.too_short' })])
  })
})

describe('API lists', () => {
  it('should create, page, get and delete lists', async () => {
    const { tenant, token, list } = await setup()
    expect(list).toMatchObject({ name: 'Clientes API', status: 'ready', counts: { valid: 0, optedOut: 0 } })
    for (const name of ['B', 'C', 'D']) {
      const res = await apiFetch('/lists', { token, json: { name } })
      expect(res.status).toBe(201)
      await res.arrayBuffer()
    }
    const names: string[] = []
    let cursor: string | null = null
    do {
      const res = await apiFetch(`/lists?limit=3${cursor ? `&cursor=${cursor}` : ''}`, { token })
      const page = (await expectDocumented(res, 'GET', '/lists')) as Page<List>
      names.push(...page.data.map((l) => l.name))
      cursor = page.nextCursor
    } while (cursor)
    expect(names).toEqual(['D', 'C', 'B', 'Clientes API'])
    const get = await apiFetch(`/lists/${list.id}`, { token })
    expect(await expectDocumented(get, 'GET', '/lists/{id}')).toMatchObject({ id: list.id })
    const empty = await apiFetch('/lists', { token, json: { name: '   ' } })
    expect(empty.status).toBe(422)
    await expectDocumented(empty, 'POST', '/lists')
    const del = await apiFetch(`/lists/${list.id}`, { method: 'DELETE', token })
    expect(del.status).toBe(204)
    await expectDocumented(del, 'DELETE', '/lists/{id}')
    const gone = await apiFetch(`/lists/${list.id}`, { token })
    expect(gone.status).toBe(404)
    await expectDocumented(gone, 'GET', '/lists/{id}')
    expect(await tenant.ctx.db.select().from(contactLists).where(eq(contactLists.id, list.id))).toEqual([])
  })
})
