// Cross-tenant cases for the contacts and opt-outs routes: every id of another tenant answers 404
// (GET and every state-changing POST) and the owner's rows stay unchanged.
import { eq } from 'drizzle-orm'
import { contactLists, contacts, importRowsRejected, suppressions } from '../../../db/schema'
import { createContactList } from '../../builders'
import type { TestTenant } from '../helpers/app'
import type { CrossTenantCase, CrossTenantProbe } from '../helpers/cross-tenant'

async function snapshot(owner: TestTenant, listId: string) {
  const db = owner.ctx.db
  return JSON.stringify([
    await db.select().from(contactLists).where(eq(contactLists.id, listId)),
    await db.select().from(contacts).where(eq(contacts.listId, listId)),
    await db.select().from(importRowsRejected).where(eq(importRowsRejected.listId, listId)),
  ])
}

function unchanged(owner: TestTenant, listId: string, before: string) {
  return async () => {
    if ((await snapshot(owner, listId)) !== before) throw new Error(`list ${listId} changed`)
  }
}

export const CONTACTS_CASES: CrossTenantCase[] = [
  {
    name: 'contact list pages and actions',
    arrange: async (owner): Promise<CrossTenantProbe[]> => {
      const { id } = await createContactList(owner.ctx.db, { tenantId: owner.tenantId, count: 3 })
      await owner.ctx.db
        .insert(importRowsRejected)
        .values({ tenantId: owner.tenantId, listId: id, lineNumber: 4, raw: 'Ana;123', reason: 'curto' })
      const [c] = await owner.ctx.db.select().from(contacts).where(eq(contacts.listId, id))
      const verify = unchanged(owner, id, await snapshot(owner, id))
      const path = `/contatos/listas/${id}`
      const contactId = String(c?.id)
      return [
        { method: 'GET', path, verifyUnchanged: verify },
        { method: 'GET', path: `${path}/rejeitados`, verifyUnchanged: verify },
        { method: 'GET', path: `${path}/exportar`, verifyUnchanged: verify },
        {
          method: 'POST',
          path,
          form: { intent: 'updateContact', contactId, name: 'Invasor', phone: '11987654321' },
          verifyUnchanged: verify,
        },
        { method: 'POST', path, form: { intent: 'deleteContact', contactId }, verifyUnchanged: verify },
        { method: 'POST', path, form: { intent: 'deleteList', confirm: 'on' }, verifyUnchanged: verify },
        { method: 'POST', path, form: { intent: 'resume' }, verifyUnchanged: verify },
        { method: 'POST', path, form: { intent: 'discard' }, verifyUnchanged: verify },
      ]
    },
  },
  {
    name: 'column mapping step',
    arrange: async (owner): Promise<CrossTenantProbe[]> => {
      const { id } = await createContactList(owner.ctx.db, { tenantId: owner.tenantId, count: 1 })
      await owner.ctx.db.update(contactLists).set({ status: 'mapping' }).where(eq(contactLists.id, id))
      const verify = unchanged(owner, id, await snapshot(owner, id))
      const path = `/contatos/listas/${id}/mapear`
      return [
        { method: 'GET', path, verifyUnchanged: verify },
        { method: 'POST', path, form: { phone: '1', keep: '0' }, verifyUnchanged: verify },
      ]
    },
  },
  {
    name: 'opt-out removal',
    arrange: async (owner): Promise<CrossTenantProbe[]> => {
      const [row] = await owner.ctx.db
        .insert(suppressions)
        .values({ tenantId: owner.tenantId, phoneE164: '+5511912345678', reason: 'opt_out' })
        .returning()
      const verify = async () => {
        const still = await owner.ctx.db.select().from(suppressions).where(eq(suppressions.id, row!.id)).get()
        if (!still) throw new Error('suppression removed')
      }
      return [
        {
          method: 'POST',
          path: '/opt-outs',
          form: { intent: 'remove', id: String(row?.id), reason: 'invasão' },
          verifyUnchanged: verify,
        },
      ]
    },
  },
]
