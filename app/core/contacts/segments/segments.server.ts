// Segments (decision 037): a definition's count and a sample of 10 people, and the team's saved
// segments. Deleted lists, tags and campaigns a definition names are reported (`missing`) and the
// rest of the definition still applies (compile.ts says how each condition treats them).
import { asc, inArray, sql } from 'drizzle-orm'
import { campaigns, contactLists, segments, tags } from '../../../../db/schema'
import { found, ownedBy, ownedRow, type TenantScope } from '../../db/tenant.server'
import { accessPaths, compileSegment, PAGE_SIZE, segmentStatements, teamShareStatement } from './compile'
import { parseDefinition, type SegmentDefinition } from './definition'

type Missing = { lists: number; tags: number; campaign: boolean }

/** The living lists and tags of the definition, and how many of each it names that are gone. */
export async function liveReferences(scope: Pick<TenantScope, 'db' | 'tenantId'>, def: SegmentDefinition) {
  const listIds = def.lists ?? []
  const tagIds = def.tags?.ids ?? []
  const campaignId = def.engagement?.campaignId
  const [lists, tagRows, campaign] = await Promise.all([
    listIds.length
      ? scope.db
          .select({ id: contactLists.id })
          .from(contactLists)
          .where(ownedBy(scope, contactLists, inArray(contactLists.id, listIds)))
      : [],
    tagIds.length
      ? scope.db
          .select({ id: tags.id })
          .from(tags)
          .where(ownedBy(scope, tags, inArray(tags.id, tagIds)))
      : [],
    campaignId
      ? scope.db
          .select({ id: campaigns.id })
          .from(campaigns)
          .where(ownedRow(scope, campaigns, campaignId))
          .get()
      : undefined,
  ])
  const live = { lists: lists.map((r) => r.id), tags: tagRows.map((r) => r.id) }
  const missing: Missing = {
    lists: new Set(listIds).size - live.lists.length,
    tags: new Set(tagIds).size - live.tags.length,
    campaign: Boolean(campaignId) && !campaign,
  }
  return { live, missing }
}

export type SegmentPreview = {
  count: number
  sample: Array<{ id: number; name: string; phoneE164: string }>
  missing: Missing
}

/** How many of the team's people the definition selects, and the first 10 of them (oldest first). */
export async function previewSegment(scope: TenantScope, def: SegmentDefinition): Promise<SegmentPreview> {
  const [{ live, missing }, share] = await Promise.all([
    liveReferences(scope, def),
    scope.db.get<{ n: number; top: number | null }>(teamShareStatement(scope.tenantId)),
  ])
  const where = compileSegment(def, scope, live, scope.clock())
  const statements = segmentStatements(where, accessPaths(def, share))
  // The page first: when it holds fewer than a page, it is the whole count, and the conditions are not
  // read over the team a second time (a segment matching few people reads the whole team to find them).
  const sample = await scope.db.all<SegmentPreview['sample'][number]>(statements.page)
  const count =
    sample.length < PAGE_SIZE
      ? sample.length
      : ((await scope.db.get<{ n: number }>(statements.count))?.n ?? 0)
  return { count, sample, missing }
}

const NAME_MAX = 80

export type SaveResult = { ok: true; id: number } | { ok: false; code: string }

function checkName(raw: string): { ok: true; name: string } | { ok: false; code: string } {
  const name = raw.trim().replace(/\s+/g, ' ')
  if (!name) return { ok: false, code: 'segments.error.nameEmpty' }
  if (name.length > NAME_MAX) return { ok: false, code: 'segments.error.nameLong' }
  return { ok: true, name }
}

/** Creates (no id) or replaces (id) a saved segment after checking its name and definition. */
export async function saveSegment(
  scope: TenantScope,
  input: { id?: number; name: string; definition: unknown },
): Promise<SaveResult> {
  const name = checkName(input.name)
  if (!name.ok) return name
  const def = parseDefinition(input.definition)
  if (!def.ok) return def
  const now = scope.clock()
  if (input.id !== undefined) {
    await getSegment(scope, input.id)
    await scope.db
      .update(segments)
      .set({ name: name.name, definition: def.definition, updatedBy: scope.userId, updatedAt: now })
      .where(ownedRow(scope, segments, input.id))
    return { ok: true, id: input.id }
  }
  const row = await scope.db
    .insert(segments)
    .values({
      tenantId: scope.tenantId,
      name: name.name,
      definition: def.definition,
      createdBy: scope.userId,
      updatedBy: scope.userId,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: segments.id })
    .get()
  return { ok: true, id: row.id }
}

/** One saved segment of the team (NotFoundError otherwise), its definition parsed. */
export async function getSegment(scope: TenantScope, id: number) {
  const row = found(
    await scope.db
      .select()
      .from(segments)
      .where(ownedRow(scope, segments, id))
      .get(),
    'segment',
  )
  const def = parseDefinition(row.definition)
  return { ...row, definition: def.ok ? def.definition : {} }
}

/** The team's saved segments by name. */
export async function listSegments(scope: TenantScope) {
  return scope.db
    .select({ id: segments.id, name: segments.name, updatedAt: segments.updatedAt })
    .from(segments)
    .where(ownedBy(scope, segments))
    .orderBy(sql`${segments.name} COLLATE NOCASE`)
}

/** Deletes a saved segment (NotFoundError when not the team's). */
export async function deleteSegment(scope: TenantScope, id: number) {
  const row = await getSegment(scope, id)
  await scope.db.delete(segments).where(ownedRow(scope, segments, id))
  return row.name
}

/** What the form offers: the team's lists, tags and campaigns (newest 200 campaigns) by name. */
export async function segmentOptions(scope: TenantScope) {
  const [lists, tagRows, campaignRows] = await scope.db.batch([
    scope.db
      .select({ id: contactLists.id, name: contactLists.name })
      .from(contactLists)
      .where(ownedBy(scope, contactLists))
      .orderBy(asc(contactLists.name)),
    scope.db
      .select({ id: tags.id, name: tags.name })
      .from(tags)
      .where(ownedBy(scope, tags))
      .orderBy(asc(tags.nameKey)),
    scope.db
      .select({ id: campaigns.id, name: campaigns.name })
      .from(campaigns)
      .where(ownedBy(scope, campaigns))
      .orderBy(sql`${campaigns.createdAt} DESC`)
      .limit(200),
  ])
  return { lists, tags: tagRows, campaigns: campaignRows }
}
