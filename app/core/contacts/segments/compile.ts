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

// Conditions on other tables are written as `IN (SELECT …)` over the selective side (the tag's, the
// list's or the team's campaign messages), which SQLite runs once into a temporary index, rather than an
// EXISTS run per person: over 1,000,000 people the EXISTS form cost up to 30× a plain count
// (bench:segments). Every column compared is NOT NULL, so NOT IN has no NULL trap.
function tagCondition(mode: 'any' | 'all' | 'none', ids: number[]): SQL | undefined {
  if (ids.length === 0) return mode === 'none' ? undefined : nobody
  const tagged = sql`SELECT ${personTags.personId} FROM ${personTags} WHERE ${inArray(personTags.tagId, ids)}`
  if (mode === 'any') return sql`${people.id} IN (${tagged})`
  if (mode === 'none') return sql`${people.id} NOT IN (${tagged})`
  return sql`${people.id} IN (${tagged} GROUP BY ${personTags.personId} HAVING count(*) = ${ids.length})`
}

/** Characters a JSON text writes escaped: a value with none of them appears in the raw text as it is. */
function escapedInJson(v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i)
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return true
  }
  return false
}
const likeEscape = (v: string) => v.replace(/[\\%_]/g, (c) => `\\${c}`)

function fieldCondition(f: NonNullable<SegmentDefinition['field']>): SQL {
  const value = sql`(${people.fields} ->> ${`$."${f.key}"`})`
  if (f.op === 'empty') return sql`coalesce(trim(${value}), '') = ''`
  const wanted = f.value.trim()
  const exact =
    f.op === 'equals'
      ? sql`lower(trim(${value})) = lower(${wanted})`
      : sql`instr(lower(${value}), lower(${wanted})) > 0`
  // A cheap necessary condition first: the value (ASCII case folded, like lower()) somewhere in the raw
  // JSON text, so the JSON is parsed only for the rows that may match.
  if (wanted === '' || escapedInJson(wanted)) return exact
  return sql`(${people.fields} LIKE ${`%${likeEscape(wanted)}%`} ESCAPE '\\' AND ${exact})`
}

function engagementConditions(
  e: NonNullable<SegmentDefinition['engagement']>,
  tenantId: string,
  now: number,
): SQL[] {
  const phones = (extra: SQL) =>
    sql`SELECT ${campaignMessages.phoneE164} FROM ${campaignMessages} WHERE ${campaignMessages.tenantId} = ${tenantId}${e.campaignId ? sql` AND ${campaignMessages.campaignId} = ${e.campaignId}` : sql``} AND ${extra}`
  const out: SQL[] = []
  if (e.receivedDays !== undefined)
    out.push(
      sql`${people.phoneE164} IN (${phones(sql`${campaignMessages.sentAt} >= ${now - e.receivedDays * DAY_MS}`)})`,
    )
  if (e.neverReplied)
    out.push(sql`${people.phoneE164} NOT IN (${phones(sql`${campaignMessages.repliedAt} IS NOT NULL`)})`)
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

/**
 * The team's share of the people table (one part in SCAN_SHARE_DIVISOR) below which its people are reached through the team's index
 * (decision 037). Above it, reading the table in rowid order costs less wherever a condition reads the
 * row itself: a lookup from the index into the table costs ~30× a step of the table's own scan
 * (bench:segments). The index still answers lists, tags, region and engagement without the row.
 */
const SCAN_SHARE_DIVISOR = 32

/** One row `{ n, top }`: the team's people counted up to the share that decides (never more), and the table's highest id. */
export function teamShareStatement(tenantId: string): SQL {
  const top = sql`(SELECT coalesce(max(${people.id}), 0) FROM ${people})`
  return sql`SELECT (SELECT count(*) FROM (SELECT 1 FROM ${people} WHERE ${people.tenantId} = ${tenantId} LIMIT ${top} / ${sql.raw(String(SCAN_SHARE_DIVISOR))} + 1)) AS n, ${top} AS top`
}

export type AccessPaths = { count: 'index' | 'table'; page: 'index' | 'table' }

/**
 * How the count and the first page read people. A large team's first page reads the table in id order
 * and stops at its tenth person (through the index it sorts every match); its count reads the table
 * only when a condition needs the row (an extra field, consent, the creation date).
 */
export function accessPaths(
  def: SegmentDefinition,
  share: { n: number; top: number | null } | undefined,
): AccessPaths {
  const large = Boolean(share?.top) && share!.n * SCAN_SHARE_DIVISOR >= share!.top!
  const readsRow = Boolean(def.field || def.consent || def.createdFrom || def.createdTo)
  return { count: large && readsRow ? 'table' : 'index', page: large ? 'table' : 'index' }
}

/** The sample shown while a segment is built: its first people, oldest first. */
export const PAGE_SIZE = 10

/** The count and the first page (oldest first) of a compiled WHERE, on the chosen paths. */
export function segmentStatements(where: SQL, paths: AccessPaths) {
  const from = (path: 'index' | 'table') => (path === 'table' ? sql`${people} NOT INDEXED` : sql`${people}`)
  return {
    count: sql`SELECT count(*) AS n FROM ${from(paths.count)} WHERE ${where}`,
    page: sql`SELECT ${people.id} AS id, ${people.name} AS name, ${people.phoneE164} AS phoneE164 FROM ${from(paths.page)} WHERE ${where} ORDER BY ${people.id} LIMIT ${PAGE_SIZE}`,
  }
}
