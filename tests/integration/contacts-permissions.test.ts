// Viewers read but never write: every contacts and opt-outs write answers 403 and changes nothing.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { contactLists, contacts, suppressions } from '../../db/schema'
import { createContactList } from '../builders'
import { harness, importForm } from './contacts-support'
import { appFetch, createTestTenant } from './helpers/app'

describe('viewer', () => {
  it('should get 403 on every write and leave everything unchanged', async () => {
    const t = await createTestTenant()
    const db = harness(t).ctx.db
    const { id } = await createContactList(db, { tenantId: t.tenantId, count: 2 })
    await db.update(contactLists).set({ status: 'mapping' }).where(eq(contactLists.id, id))
    const { id: readyId } = await createContactList(db, { tenantId: t.tenantId, count: 2, seed: 9 })
    const [c] = await db.select().from(contacts).where(eq(contacts.listId, readyId))
    await db
      .insert(suppressions)
      .values({ tenantId: t.tenantId, phoneE164: '+5511987654321', reason: 'manual' })
    const [s] = await db.select().from(suppressions).where(eq(suppressions.tenantId, t.tenantId))
    const before = JSON.stringify([
      await db.select().from(contactLists),
      await db.select().from(contacts),
      await db.select().from(suppressions),
    ])
    const writes: Array<[string, Record<string, string> | FormData]> = [
      ['/contatos/importar', importForm('Nome;Telefone\r\nAna;11987654321\r\n')],
      [
        `/contatos/listas/${readyId}`,
        { intent: 'updateContact', contactId: String(c?.id), name: 'X', phone: '11987654320' },
      ],
      [`/contatos/listas/${readyId}`, { intent: 'deleteContact', contactId: String(c?.id) }],
      [`/contatos/listas/${readyId}`, { intent: 'deleteList', confirm: 'on' }],
      [`/contatos/listas/${readyId}`, { intent: 'resume' }],
      [`/contatos/listas/${readyId}`, { intent: 'discard' }],
      [`/contatos/listas/${id}/mapear`, { phone: '1' }],
      ['/opt-outs', { intent: 'add', phone: '21987654321' }],
      ['/opt-outs', { intent: 'remove', id: String(s?.id), reason: 'x' }],
      ['/opt-outs', { intent: 'erase', phone: '11987654321', confirm: 'on' }],
    ]
    for (const [path, form] of writes) {
      const res = await appFetch(path, { cookie: t.users.viewer.cookie, form })
      expect(res.status, `${path} ${form instanceof FormData ? 'upload' : form.intent}`).toBe(403)
    }
    for (const path of ['/contatos/importar', `/contatos/listas/${id}/mapear`]) {
      expect((await appFetch(path, { cookie: t.users.viewer.cookie })).status, path).toBe(403)
    }
    const after = JSON.stringify([
      await db.select().from(contactLists),
      await db.select().from(contacts),
      await db.select().from(suppressions),
    ])
    expect(after).toBe(before)
    for (const path of [
      '/contatos',
      `/contatos/listas/${readyId}`,
      `/contatos/listas/${readyId}/rejeitados`,
      '/opt-outs',
      '/opt-outs/exportar',
    ]) {
      expect((await appFetch(path, { cookie: t.users.viewer.cookie })).status, path).toBe(200)
    }
  })
})
