// Compiles a segment definition to ONE parameterised WHERE over `people` for one team (decision 037).
// Every value travels as a bound parameter (drizzle's sql template); nothing from the user is spliced
// into the SQL text. Deleted lists and tags are left out by the caller (`live`): "any of" keeps the
// living ones (none left: nobody), "all of" asks for the living ones (none left: nobody), "none of"
// excludes the living ones. A deleted campaign's messages are gone with it (ON DELETE CASCADE).
import { inArray, type SQL, sql } from 'drizzle-orm'
import { campaignMessages, contacts, people, personTags } from '../../../../db/schema'
import { ownedBy } from '../../db/tenant.server'
import type { SegmentDefinition } from './definition'
import { regionDdds } from './region'

const DAY_MS = 86_400_000
/** São Paulo has had no daylight saving time since 2019: days start at 03:00 UTC. */
const dayStart = (d: string) => Date.parse(`${d}T00:00:00-03:00`)

export type LiveReferences = { lists: string[]; tags: number[] }

const nobody = sql`0`

function tagCondition(mode: 'any' | 'all' | 'none', ids: number[]): SQL | undefined {
  if (ids.length === 0) return mode === 'none' ? undefined : nobody
  const has = sql`SELECT 1 FROM ${personTags} WHERE ${personTags.personId} = ${people.id} AND ${inArray(personTags.tagId, ids)}`
  if (mode === 'any') return sql`EXISTS (${has})`
  if (mode === 'none') return sql`NOT EXISTS (${has})`
  return sql`(SELECT count(*) FROM ${personTags} WHERE ${personTags.personId} = ${people.id} AND ${inArray(personTags.tagId, ids)}) = ${ids.length}`
}

function fieldCondition(f: NonNullable<SegmentDefinition['field']>): SQL {
  const value = sql`(${people.fields} ->> ${`$."${f.key}"`})`
  if (f.op === 'empty') return sql`coalesce(trim(${value}), '') = ''`
  if (f.op === 'equals') return sql`lower(trim(${value})) = lower(${f.value.trim()})`
  return sql`instr(lower(${value}), lower(${f.value.trim()})) > 0`
}

function engagementConditions(
  e: NonNullable<SegmentDefinition['engagement']>,
  tenantId: string,
  now: number,
): SQL[] {
  const ofPerson = (extra: SQL) =>
    sql`SELECT 1 FROM ${campaignMessages} WHERE ${campaignMessages.tenantId} = ${tenantId} AND ${campaignMessages.phoneE164} = ${people.phoneE164}${e.campaignId ? sql` AND ${campaignMessages.campaignId} = ${e.campaignId}` : sql``} AND ${extra}`
  const out: SQL[] = []
  if (e.receivedDays !== undefined)
    out.push(sql`EXISTS (${ofPerson(sql`${campaignMessages.sentAt} >= ${now - e.receivedDays * DAY_MS}`)})`)
  if (e.neverReplied) out.push(sql`NOT EXISTS (${ofPerson(sql`${campaignMessages.repliedAt} IS NOT NULL`)})`)
  return out
}

/** The WHERE (tenant first) selecting the definition's people. */
export function compileSegment(
  def: SegmentDefinition,
  scope: { tenantId: string },
  live: LiveReferences,
  now: number,
): SQL {
  const conds: (SQL | undefined)[] = []
  if (def.lists)
    conds.push(
      live.lists.length === 0
        ? nobody
        : sql`EXISTS (SELECT 1 FROM ${contacts} WHERE ${contacts.tenantId} = ${scope.tenantId} AND ${contacts.phoneE164} = ${people.phoneE164} AND ${inArray(contacts.listId, live.lists)})`,
    )
  if (def.tags) conds.push(tagCondition(def.tags.mode, live.tags))
  if (def.region) {
    const ddds = regionDdds(def.region.ufs, def.region.capital)
    conds.push(
      ddds.length === 0
        ? nobody
        : sql`(${people.phoneE164} LIKE '+55%' AND substr(${people.phoneE164}, 4, 2) IN (${sql.join(
            ddds.map((d) => sql`${d}`),
            sql`, `,
          )}))`,
    )
  }
  if (def.field) conds.push(fieldCondition(def.field))
  if (def.consent)
    conds.push(sql`(${people.consentAt} IS NOT NULL OR coalesce(${people.consentSource}, '') <> '')`)
  if (def.createdFrom) conds.push(sql`${people.createdAt} >= ${dayStart(def.createdFrom)}`)
  if (def.createdTo) conds.push(sql`${people.createdAt} < ${dayStart(def.createdTo) + DAY_MS}`)
  if (def.engagement) conds.push(...engagementConditions(def.engagement, scope.tenantId, now))
  return ownedBy(scope, people, ...conds) as SQL
}
