// A person of the team (decision 036): the merged profile, the lists that hold the phone (each list's
// row), the phone's opt-out and the person's tags. Memberships are found by phone through the team's
// lists (decision 010's one phone index), not by person_id, which has no index.
import { asc, eq } from 'drizzle-orm'
import { contactLists, contacts, people, suppressions } from '../../../db/schema'
import { found, ownedBy, ownedRow, type TenantScope } from '../db/tenant.server'
import { phoneInTenantLists } from './optouts.server'
import { tagsOfPerson } from './tags.server'

/** One person with lists, opt-out and tags; NotFoundError for an id of another team. */
export async function getPerson(scope: TenantScope, personId: number) {
  const person = found(
    await scope.db
      .select()
      .from(people)
      .where(ownedRow(scope, people, personId))
      .get(),
    'person',
  )
  const [lists, optOut, tags] = await Promise.all([
    scope.db
      .select({
        id: contactLists.id,
        name: contactLists.name,
        rowName: contacts.name,
        addedAt: contacts.createdAt,
      })
      .from(contacts)
      .innerJoin(contactLists, eq(contactLists.id, contacts.listId))
      .where(phoneInTenantLists(scope, person.phoneE164))
      .orderBy(asc(contacts.createdAt)),
    scope.db
      .select({ reason: suppressions.reason, createdAt: suppressions.createdAt })
      .from(suppressions)
      .where(ownedBy(scope, suppressions, eq(suppressions.phoneE164, person.phoneE164)))
      .get(),
    tagsOfPerson(scope, personId),
  ])
  return { person, lists, optOut: optOut ?? null, tags }
}
