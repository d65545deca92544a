// Cross-tenant cases for /api/v1: another team's contacts and lists answer 404 to a token of ours
// holding every scope (read, upsert into, delete), and the owner's rows stay unchanged.
import { eq } from 'drizzle-orm'
import { contactLists, contacts } from '../../../db/schema'
import { createContactList } from '../../builders'
import type { TestTenant } from '../helpers/app'
import type { CrossTenantCase, CrossTenantProbe } from '../helpers/cross-tenant'

async function snapshot(owner: TestTenant, listId: string) {
  const db = owner.ctx.db
  return JSON.stringify([
    await db.select().from(contactLists).where(eq(contactLists.id, listId)),
    await db.select().from(contacts).where(eq(contacts.listId, listId)),
  ])
}

export const API_CASES: CrossTenantCase[] = [
  {
    name: 'API contacts and lists',
    arrange: async (owner): Promise<CrossTenantProbe[]> => {
      const { id } = await createContactList(owner.ctx.db, { tenantId: owner.tenantId, count: 2 })
      const [c] = await owner.ctx.db.select().from(contacts).where(eq(contacts.listId, id))
      const before = await snapshot(owner, id)
      const verifyUnchanged = async () => {
        if ((await snapshot(owner, id)) !== before) throw new Error(`list ${id} changed`)
      }
      const probe = (method: CrossTenantProbe['method'], path: string, json?: unknown): CrossTenantProbe => ({
        method,
        path,
        api: { json },
        verifyUnchanged,
      })
      return [
        probe('GET', `/lists/${id}`),
        probe('DELETE', `/lists/${id}`),
        probe('GET', `/contacts/${c?.id}`),
        probe('DELETE', `/contacts/${c?.id}`),
        probe('GET', `/contacts?listId=${id}`),
        probe('POST', '/contacts', { listId: id, contacts: [{ phone: c?.phoneE164, name: 'Invasor' }] }),
      ]
    },
  },
]
