// What the public API adds to tags (decision 036, /api/v1/tags in decision 030): a cursor page of the
// team's tags, one tag, creating a tag by name (a name that is already a tag but for case, accents or
// spacing gives that tag back, as adding a tag by name on a person does), and giving or taking a tag
// to/from up to 1,000 people at once, named by person id or phone. Renaming and deleting are the
// pages' own functions (tags.server.ts). Every query is scoped to the tenant.
import { asc, count, eq, gt } from 'drizzle-orm'
import { personTags, tags, tenants } from '../../../db/schema'
import { type Text, text } from '../../i18n/text'
import { found, ownedBy, ownedRow, type TenantScope } from '../db/tenant.server'
import { normalizeBrPhone } from '../phone/brazil'
import { audit } from '../tenants/audit.server'
import { checkTagName } from './tags'

export type TagRecord = { id: number; name: string; people: number; createdAt: number }

const TAG_COLUMNS = {
  id: tags.id,
  name: tags.name,
  nameKey: tags.nameKey,
  people: count(personTags.personId),
  createdAt: tags.createdAt,
}

/** A page of the team's tags by name (the key: case and accents aside), after the key `afterKey`. */
export async function pageTags(
  scope: TenantScope,
  opts: { afterKey?: string; limit: number },
): Promise<{ rows: TagRecord[]; next: string | null }> {
  const rows = await scope.db
    .select(TAG_COLUMNS)
    .from(tags)
    .leftJoin(personTags, eq(personTags.tagId, tags.id))
    .where(ownedBy(scope, tags, opts.afterKey !== undefined ? gt(tags.nameKey, opts.afterKey) : undefined))
    .groupBy(tags.id)
    .orderBy(asc(tags.nameKey))
    .limit(opts.limit + 1)
  const more = rows.length > opts.limit
  const page = rows.slice(0, opts.limit)
  return {
    rows: page.map(({ nameKey: _, ...r }) => r),
    next: more ? (page[page.length - 1]?.nameKey ?? null) : null,
  }
}

/** One of the team's tags with how many people carry it (NotFoundError otherwise). */
export async function getTag(scope: TenantScope, tagId: number): Promise<TagRecord> {
  const row = found(
    await scope.db
      .select(TAG_COLUMNS)
      .from(tags)
      .leftJoin(personTags, eq(personTags.tagId, tags.id))
      .where(ownedRow(scope, tags, tagId))
      .groupBy(tags.id)
      .get(),
    'tag',
  )
  const { nameKey: _, ...tag } = row
  return tag
}

export type CreateTagResult = { ok: true; created: boolean; id: number } | { ok: false; text: Text }

/**
 * A tag by name: created, or the team's tag with the same key (its known spelling kept). The name
 * rules and sentences are the pages' (empty, over 40 characters).
 */
export async function createTag(scope: TenantScope, rawName: string): Promise<CreateTagResult> {
  const check = checkTagName(rawName)
  if (!check.ok)
    return { ok: false, text: text(check.reason === 'empty' ? 'tags.error.empty' : 'tags.error.tooLong') }
  const inserted = await scope.db
    .insert(tags)
    .values({ tenantId: scope.tenantId, name: check.name, nameKey: check.key, createdAt: scope.clock() })
    .onConflictDoNothing()
    .returning({ id: tags.id })
    .get()
  if (inserted) {
    await audit(scope, 'tags.create', String(inserted.id), { name: check.name })
    return { ok: true, created: true, id: inserted.id }
  }
  const known = found(
    await scope.db
      .select({ id: tags.id })
      .from(tags)
      .where(ownedBy(scope, tags, eq(tags.nameKey, check.key)))
      .get(),
    'tag',
  )
  return { ok: true, created: false, id: known.id }
}

/** A person named by the team's person id or by phone (any usual format). */
export type PersonRef = { personId: number } | { phone: string }

type TagBatchItem =
  | { index: number; status: 'changed' | 'unchanged'; personId: number; phoneE164: string }
  | { index: number; status: 'failed'; error: Text }

export type TagBatchResult = { changed: number; unchanged: number; failed: number; results: TagBatchItem[] }

/** The team's people among the ids and phones, each item's person or why it has none. */
async function resolvePeople(scope: TenantScope, refs: readonly PersonRef[]) {
  const tenant = await scope.db
    .select({ intl: tenants.allowInternational })
    .from(tenants)
    .where(eq(tenants.id, scope.tenantId))
    .get()
  const wanted: Array<
    { index: number; by: 'id'; id: number } | { index: number; by: 'phone'; e164: string }
  > = []
  const refused: TagBatchItem[] = []
  for (const [index, ref] of refs.entries()) {
    if ('personId' in ref) {
      wanted.push({ index, by: 'id', id: ref.personId })
      continue
    }
    const phone = normalizeBrPhone(ref.phone, { allowInternational: tenant?.intl ?? false })
    if (phone.ok) wanted.push({ index, by: 'phone', e164: phone.e164 })
    else refused.push({ index, status: 'failed', error: phone.text })
  }
  const ids = wanted.flatMap((w) => (w.by === 'id' ? [w.id] : []))
  const phones = wanted.flatMap((w) => (w.by === 'phone' ? [w.e164] : []))
  // one JSON parameter each: D1 binds at most 100 parameters per statement
  const { results } = await scope.db.$client
    .prepare(
      `SELECT id, phone_e164 AS phone FROM people
     WHERE tenant_id = ?1 AND (id IN (SELECT value FROM json_each(?2)) OR phone_e164 IN (SELECT value FROM json_each(?3)))`,
    )
    .bind(scope.tenantId, JSON.stringify(ids), JSON.stringify(phones))
    .all<{ id: number; phone: string }>()
  const byId = new Map(results.map((r) => [r.id, r.phone]))
  const byPhone = new Map(results.map((r) => [r.phone, r.id]))
  const resolved: Array<{ index: number; personId: number; phoneE164: string }> = []
  for (const w of wanted) {
    const person =
      w.by === 'id'
        ? byId.has(w.id)
          ? { personId: w.id, phoneE164: byId.get(w.id) as string }
          : undefined
        : byPhone.has(w.e164)
          ? { personId: byPhone.get(w.e164) as number, phoneE164: w.e164 }
          : undefined
    if (person) resolved.push({ index: w.index, ...person })
    else
      refused.push({
        index: w.index,
        status: 'failed',
        error: text(w.by === 'id' ? 'api.tags.personNotFound' : 'api.tags.phoneNotFound'),
      })
  }
  return { resolved, refused }
}

/**
 * Gives (`add`) or takes (`remove`) one of the team's tags to/from the people named, in one statement.
 * Each item says whether it changed the person, already was so, or failed (a refused phone, no such
 * person in the team). A person named twice changes once.
 */
export async function tagPeople(
  scope: TenantScope,
  tagId: number,
  op: 'add' | 'remove',
  refs: readonly PersonRef[],
): Promise<TagBatchResult> {
  const tag = await getTag(scope, tagId)
  const { resolved, refused } = await resolvePeople(scope, refs)
  const personIds = JSON.stringify([...new Set(resolved.map((r) => r.personId))])
  const db = scope.db.$client
  const statement =
    op === 'add'
      ? db
          .prepare(
            `INSERT INTO person_tags (tenant_id, person_id, tag_id, created_at)
             SELECT ?1, p.id, t.id, ?4 FROM json_each(?3) AS j
               JOIN people p ON p.tenant_id = ?1 AND p.id = j.value
               JOIN tags t ON t.tenant_id = ?1 AND t.id = ?2
             WHERE true
             ON CONFLICT (person_id, tag_id) DO NOTHING
             RETURNING person_id`,
          )
          .bind(scope.tenantId, tag.id, personIds, scope.clock())
      : db
          .prepare(
            `DELETE FROM person_tags WHERE tenant_id = ?1 AND tag_id = ?2
               AND person_id IN (SELECT value FROM json_each(?3))
             RETURNING person_id`,
          )
          .bind(scope.tenantId, tag.id, personIds)
  const { results: changedRows } = resolved.length
    ? await statement.all<{ person_id: number }>()
    : { results: [] }
  const fresh = new Set(changedRows.map((r) => r.person_id))
  const items: TagBatchItem[] = [...refused]
  for (const r of resolved) {
    const changed = fresh.delete(r.personId)
    items.push({ ...r, status: changed ? 'changed' : 'unchanged' })
  }
  items.sort((a, b) => a.index - b.index)
  const changed = items.filter((i) => i.status === 'changed').length
  if (changed > 0)
    await audit(scope, op === 'add' ? 'tags.bulkAdd' : 'tags.bulkRemove', String(tag.id), {
      people: changed,
      via: 'api',
    })
  return {
    changed,
    unchanged: items.filter((i) => i.status === 'unchanged').length,
    failed: refused.length,
    results: items,
  }
}
