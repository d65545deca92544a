// Cross-tenant cases for people and tags (decision 036): a person page, its tag forms, the Tags page's
// rename and delete and a list's bulk tag forms answer 404 to another team and change nothing.
import { eq } from 'drizzle-orm'
import { contacts, people, personTags, segments, tags } from '../../../db/schema'
import { createContactList } from '../../builders'
import type { TestTenant } from '../helpers/app'
import type { CrossTenantCase, CrossTenantProbe } from '../helpers/cross-tenant'

async function snapshot(owner: TestTenant) {
  const db = owner.ctx.db
  return JSON.stringify([
    await db.select().from(people).where(eq(people.tenantId, owner.tenantId)),
    await db.select().from(tags).where(eq(tags.tenantId, owner.tenantId)),
    await db.select().from(personTags).where(eq(personTags.tenantId, owner.tenantId)),
  ])
}

export const PEOPLE_CASES: CrossTenantCase[] = [
  {
    name: 'person page and tags',
    arrange: async (owner): Promise<CrossTenantProbe[]> => {
      const db = owner.ctx.db
      const list = await createContactList(db, { tenantId: owner.tenantId, count: 2 })
      const [c] = await db.select().from(contacts).where(eq(contacts.listId, list.id))
      const [tag] = await db
        .insert(tags)
        .values({ tenantId: owner.tenantId, name: 'VIP', nameKey: 'vip' })
        .returning({ id: tags.id })
      await db.insert(personTags).values({ tenantId: owner.tenantId, personId: c!.personId, tagId: tag!.id })
      const before = await snapshot(owner)
      const verifyUnchanged = async () => {
        if ((await snapshot(owner)) !== before) throw new Error('people or tags changed')
      }
      const person = `/contatos/pessoas/${c!.personId}`
      const tagId = String(tag!.id)
      return [
        { method: 'GET', path: person, verifyUnchanged },
        { method: 'POST', path: person, form: { intent: 'addTag', name: 'Invasor' }, verifyUnchanged },
        {
          method: 'POST',
          path: person,
          form: { intent: 'update', name: 'Invasor', email: '', company: '' },
          verifyUnchanged,
        },
        { method: 'POST', path: person, form: { intent: 'removeTag', tagId }, verifyUnchanged },
        {
          method: 'POST',
          path: '/contatos/etiquetas',
          form: { intent: 'rename', tagId, name: 'Invasor' },
          verifyUnchanged,
        },
        {
          method: 'POST',
          path: '/contatos/etiquetas',
          form: { intent: 'delete', tagId, confirm: 'on' },
          verifyUnchanged,
        },
        {
          method: 'POST',
          path: `/contatos/listas/${list.id}`,
          form: { intent: 'tagAdd', q: '', name: 'Invasor' },
          verifyUnchanged,
        },
        {
          method: 'POST',
          path: `/contatos/listas/${list.id}`,
          form: { intent: 'tagRemove', q: '', tagId },
          verifyUnchanged,
        },
      ]
    },
  },
  {
    name: 'saved segment (decision 037)',
    arrange: async (owner): Promise<CrossTenantProbe[]> => {
      const db = owner.ctx.db
      const [row] = await db
        .insert(segments)
        .values({ tenantId: owner.tenantId, name: 'VIP', definition: { consent: true } })
        .returning({ id: segments.id })
      const before = JSON.stringify(
        await db.select().from(segments).where(eq(segments.tenantId, owner.tenantId)),
      )
      const verifyUnchanged = async () => {
        const now = JSON.stringify(
          await db.select().from(segments).where(eq(segments.tenantId, owner.tenantId)),
        )
        if (now !== before) throw new Error('segment changed')
      }
      const path = `/contatos/segmentos/${row!.id}`
      return [
        { method: 'GET', path, verifyUnchanged },
        { method: 'POST', path, form: { intent: 'count', name: 'x' }, verifyUnchanged },
        { method: 'POST', path, form: { intent: 'save', name: 'Invasor' }, verifyUnchanged },
        { method: 'POST', path, form: { intent: 'delete', confirm: 'on' }, verifyUnchanged },
      ]
    },
  },
]
