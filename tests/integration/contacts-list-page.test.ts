// The list page through the real Worker: search, pages, edit (phone re-validated), delete, live progress.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { contactLists, contacts } from '../../db/schema'
import { createContactList } from '../builders'
import { flashOf, harness, listRow } from './contacts-support'
import { appFetch, createTestTenant } from './helpers/app'

describe('list page', () => {
  it('should search, page, edit (re-validating the phone) and delete contacts', async () => {
    const t = await createTestTenant()
    const { id, phones } = await createContactList(harness(t).ctx.db, {
      tenantId: t.tenantId,
      count: 60,
      seed: 3,
    })
    const cookie = t.users.operator.cookie
    const page1 = await (await appFetch(`/contatos/listas/${id}`, { cookie })).text()
    expect(page1).toContain('Página 1 de 2')
    const page2 = await (await appFetch(`/contatos/listas/${id}?page=2`, { cookie })).text()
    expect(page2).toContain('Página 2 de 2')
    const digits = phones[5]!.slice(3)
    const found = await (await appFetch(`/contatos/listas/${id}?q=${digits}`, { cookie })).text()
    expect(found).toContain(phones[5])
    expect(found).toContain('>1 contato<')
    expect(found).not.toContain(phones[6])
    // Longer than D1's 50-byte LIKE pattern limit: cut, not a 500.
    const long = await appFetch(
      `/contatos/listas/${id}?q=${encodeURIComponent('Maria da Conceição '.repeat(5))}`,
      { cookie },
    )
    expect(long.status).toBe(200)

    const [target] = await harness(t).ctx.db.select().from(contacts).where(eq(contacts.phoneE164, phones[5]!))
    const bad = await appFetch(`/contatos/listas/${id}`, {
      cookie,
      form: { intent: 'updateContact', contactId: String(target?.id), name: 'X', phone: '1234' },
    })
    expect(flashOf(bad)).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('dígitos de menos'),
    })
    const taken = await appFetch(`/contatos/listas/${id}`, {
      cookie,
      form: { intent: 'updateContact', contactId: String(target?.id), name: 'X', phone: phones[6]! },
    })
    expect(flashOf(taken)).toMatchObject({ kind: 'error', message: 'contacts.edit.phoneTaken' })
    const ok = await appFetch(`/contatos/listas/${id}`, {
      cookie,
      form: {
        intent: 'updateContact',
        contactId: String(target?.id),
        name: 'Zé <i>Novo</i>',
        phone: '(48) 3222-1234',
      },
    })
    expect(flashOf(ok)).toMatchObject({ kind: 'success' })
    const edited = await harness(t).ctx.db.select().from(contacts).where(eq(contacts.id, target!.id)).get()
    expect(edited).toMatchObject({
      name: 'Zé <i>Novo</i>',
      phoneE164: '+554832221234',
      phoneKind: 'landline',
    })
    expect(await listRow(harness(t), id)).toMatchObject({ validCount: 60, landlineCount: 1 })

    await appFetch(`/contatos/listas/${id}`, {
      cookie,
      form: { intent: 'deleteContact', contactId: String(target?.id) },
    })
    expect(await listRow(harness(t), id)).toMatchObject({ validCount: 59, landlineCount: 0 })
  })

  it('should delete a list only with the confirmation', async () => {
    const t = await createTestTenant()
    const { id } = await createContactList(harness(t).ctx.db, { tenantId: t.tenantId, count: 3 })
    const cookie = t.users.operator.cookie
    const refused = await appFetch(`/contatos/listas/${id}`, { cookie, form: { intent: 'deleteList' } })
    expect(flashOf(refused)).toMatchObject({ kind: 'error' })
    expect(await listRow(harness(t), id)).toBeDefined()
    const res = await appFetch(`/contatos/listas/${id}`, {
      cookie,
      form: { intent: 'deleteList', confirm: 'on' },
    })
    expect(res.headers.get('Location')).toBe('/contatos')
    expect(await listRow(harness(t), id)).toBeUndefined()
    expect(await harness(t).ctx.db.select().from(contacts).where(eq(contacts.listId, id))).toEqual([])
  })

  it('should show progress and refresh without JS while importing', async () => {
    const t = await createTestTenant()
    const { id } = await createContactList(harness(t).ctx.db, { tenantId: t.tenantId, count: 1 })
    await harness(t)
      .ctx.db.update(contactLists)
      .set({ status: 'importing', fileSize: 1000, cursorByte: 420, totalRows: 12 })
      .where(eq(contactLists.id, id))
    for (const path of ['/contatos', `/contatos/listas/${id}`]) {
      const html = await (await appFetch(path, { cookie: t.users.viewer.cookie })).text()
      expect(html).toContain('<progress max="100" value="42"')
      expect(html).toContain('<noscript><meta http-equiv="refresh" content="3"/></noscript>')
    }
    await harness(t).ctx.db.update(contactLists).set({ status: 'ready' }).where(eq(contactLists.id, id))
    const calm = await (await appFetch('/contatos', { cookie: t.users.viewer.cookie })).text()
    expect(calm).not.toContain('http-equiv="refresh"')
  })
})
