// Tags of a team's people (decision 036): by hand on one person, in bulk on the people of a list's
// current filter (list + search), and renaming or deleting a tag in one action. Every query is scoped
// to the tenant; a tag or person of another team is "not found".
import { and, asc, count, eq, inArray, ne, sql } from 'drizzle-orm'
import { contacts, people, personTags, tags } from '../../../db/schema'
import { type Text, text } from '../../i18n/text'
import { found, ownedBy, ownedRow, type TenantScope } from '../db/tenant.server'
import { audit } from '../tenants/audit.server'
import { contactSearch, getList } from './lists.server'
import { checkTagName } from './tags'

export type TagResult = { ok: true; text: Text } | { ok: false; text: Text }

function nameError(reason: 'empty' | 'tooLong'): TagResult {
  return { ok: false, text: text(reason === 'empty' ? 'tags.error.empty' : 'tags.error.tooLong') }
}

/** The team's tags, by name, with how many people carry each. */
export async function listTags(scope: TenantScope) {
  return scope.db
    .select({ id: tags.id, name: tags.name, people: count(personTags.personId) })
    .from(tags)
    .leftJoin(personTags, eq(personTags.tagId, tags.id))
    .where(ownedBy(scope, tags))
    .groupBy(tags.id)
    .orderBy(asc(tags.nameKey))
}

/** The tag with this name's key, created when missing (a known spelling is kept). */
async function ensureTag(
  scope: TenantScope,
  name: string,
  key: string,
): Promise<{ id: number; name: string }> {
  await scope.db
    .insert(tags)
    .values({ tenantId: scope.tenantId, name, nameKey: key, createdAt: scope.clock() })
    .onConflictDoNothing()
  return found(
    await scope.db
      .select({ id: tags.id, name: tags.name })
      .from(tags)
      .where(ownedBy(scope, tags, eq(tags.nameKey, key)))
      .get(),
    'tag',
  )
}

async function ownedTag(scope: TenantScope, tagId: number) {
  return found(
    await scope.db
      .select()
      .from(tags)
      .where(ownedRow(scope, tags, tagId))
      .get(),
    'tag',
  )
}

/** The team's person or NotFoundError (also another team's). */
export async function requirePerson(scope: TenantScope, personId: number): Promise<void> {
  found(
    await scope.db
      .select({ id: people.id })
      .from(people)
      .where(ownedRow(scope, people, personId))
      .get(),
    'person',
  )
}

/** Gives one person a tag by name (created when the team has none by that name). */
export async function addPersonTag(
  scope: TenantScope,
  personId: number,
  rawName: string,
): Promise<TagResult> {
  await requirePerson(scope, personId)
  const check = checkTagName(rawName)
  if (!check.ok) return nameError(check.reason)
  const tag = await ensureTag(scope, check.name, check.key)
  await scope.db
    .insert(personTags)
    .values({ tenantId: scope.tenantId, personId, tagId: tag.id, createdAt: scope.clock() })
    .onConflictDoNothing()
  return { ok: true, text: text('tags.added', { name: tag.name }) }
}

/** Takes a tag off one person. */
export async function removePersonTag(
  scope: TenantScope,
  personId: number,
  tagId: number,
): Promise<TagResult> {
  await requirePerson(scope, personId)
  const tag = await ownedTag(scope, tagId)
  await scope.db
    .delete(personTags)
    .where(ownedBy(scope, personTags, eq(personTags.personId, personId), eq(personTags.tagId, tagId)))
  return { ok: true, text: text('tags.removed', { name: tag.name }) }
}

/** The people of a list's current filter (the contacts page's list + search), as a subquery. */
function filteredPeople(scope: TenantScope, listId: string, q: string) {
  return scope.db
    .select({ personId: contacts.personId })
    .from(contacts)
    .where(ownedBy(scope, contacts, eq(contacts.listId, listId), contactSearch(q)))
}

/** Adds a tag (by name) to every person of the filter. */
export async function bulkAddTag(
  scope: TenantScope,
  filter: { listId: string; q: string },
  rawName: string,
): Promise<TagResult> {
  await getList(scope, filter.listId)
  const check = checkTagName(rawName)
  if (!check.ok) return nameError(check.reason)
  const tag = await ensureTag(scope, check.name, check.key)
  const now = scope.clock()
  const result = await scope.db.run(sql`INSERT INTO ${personTags} (tenant_id, person_id, tag_id, created_at)
    SELECT DISTINCT ${scope.tenantId}, f.person_id, ${tag.id}, ${now}
    FROM (${filteredPeople(scope, filter.listId, filter.q)}) AS f WHERE true
    ON CONFLICT (person_id, tag_id) DO NOTHING`)
  const n = result.meta.changes ?? 0
  await audit(scope, 'tags.bulkAdd', String(tag.id), { listId: filter.listId, people: n })
  return { ok: true, text: text('tags.bulkAdded', { name: tag.name, count: n }) }
}

/** Takes a tag off every person of the filter. */
export async function bulkRemoveTag(
  scope: TenantScope,
  filter: { listId: string; q: string },
  tagId: number,
): Promise<TagResult> {
  await getList(scope, filter.listId)
  const tag = await ownedTag(scope, tagId)
  const removed = await scope.db
    .delete(personTags)
    .where(
      ownedBy(
        scope,
        personTags,
        eq(personTags.tagId, tag.id),
        inArray(personTags.personId, filteredPeople(scope, filter.listId, filter.q)),
      ),
    )
    .returning({ personId: personTags.personId })
  await audit(scope, 'tags.bulkRemove', String(tag.id), { listId: filter.listId, people: removed.length })
  return { ok: true, text: text('tags.bulkRemoved', { name: tag.name, count: removed.length }) }
}

/** Renames a tag everywhere at once; a name that is another tag's (case and accents aside) is refused. */
export async function renameTag(scope: TenantScope, tagId: number, rawName: string): Promise<TagResult> {
  const tag = await ownedTag(scope, tagId)
  const check = checkTagName(rawName)
  if (!check.ok) return nameError(check.reason)
  const other = await scope.db
    .select({ name: tags.name })
    .from(tags)
    .where(ownedBy(scope, tags, eq(tags.nameKey, check.key), ne(tags.id, tag.id)))
    .get()
  if (other) return { ok: false, text: text('tags.error.taken', { name: other.name }) }
  await scope.db
    .update(tags)
    .set({ name: check.name, nameKey: check.key })
    .where(and(ownedRow(scope, tags, tag.id)))
  await audit(scope, 'tags.rename', String(tag.id), { from: tag.name, to: check.name })
  return { ok: true, text: text('tags.renamed', { from: tag.name, to: check.name }) }
}

/** Deletes a tag and takes it off everyone (person_tags cascades). */
export async function deleteTag(scope: TenantScope, tagId: number): Promise<TagResult> {
  const tag = await ownedTag(scope, tagId)
  await scope.db.delete(tags).where(ownedRow(scope, tags, tag.id))
  await audit(scope, 'tags.delete', String(tag.id), { name: tag.name })
  return { ok: true, text: text('tags.deleted', { name: tag.name }) }
}

/** One person's tags, by name. */
export async function tagsOfPerson(scope: TenantScope, personId: number) {
  return scope.db
    .select({ id: tags.id, name: tags.name })
    .from(personTags)
    .innerJoin(tags, eq(tags.id, personTags.tagId))
    .where(ownedBy(scope, personTags, eq(personTags.personId, personId)))
    .orderBy(asc(tags.nameKey))
}
