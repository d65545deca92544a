// A campaign's audience resolved to ONE parameterised WHERE over the team's `people` (decision 039):
// (in any chosen list OR in any chosen segment) AND NOT in each exclusion. One person per phone per team
// (decision 036), so a person in several chosen lists or segments is selected once. Lists, segments
// and campaigns that are gone (or another team's) are reported and the rest still applies: a deleted
// chosen list or segment adds nobody, a deleted exclusion excludes nobody.
import { and, asc, count, eq, inArray, type SQL, sql } from 'drizzle-orm'
import {
  campaignMessages,
  contactLists,
  contacts,
  people,
  segments,
  suppressions,
} from '../../../../db/schema'
import { compileSegment } from '../../contacts/segments/compile'
import { parseDefinition, type SegmentDefinition } from '../../contacts/segments/definition'
import { liveReferences } from '../../contacts/segments/segments.server'
import type { Db } from '../../db/client.server'
import { ownedBy, type TenantScope } from '../../db/tenant.server'
import type { AudienceSegmentSnapshot, CampaignAudience } from './spec'

const DAY_MS = 86_400_000
/** D1 binds at most 100 parameters per statement; the counts add a few of their own. */
const AUDIENCE_MAX_PARAMS = 90

export type AudienceScope = Pick<TenantScope, 'tenantId' | 'clock'> & { db: Db }

/** One chosen source or exclusion, with its condition over `people`. */
type AudiencePart = {
  kind: 'list' | 'segment' | 'messaged'
  id: string
  name: string | null
  cond: SQL
  /** A segment naming deleted lists, tags or a deleted campaign (it still applies for the rest). */
  segmentMissing?: { lists: number; tags: number; campaign: boolean }
}

export type ResolvedAudience = {
  include: AudiencePart[]
  exclude: AudiencePart[]
  /** The people in any chosen list or segment (tenant first). */
  chosen: SQL
  /** The final WHERE: chosen, minus every exclusion. */
  where: SQL
  /** Chosen lists and segments that are not the team's (deleted, or never were). */
  missing: { lists: string[]; segments: number[] }
  /** Chosen lists (to send to) still importing: not ready to send. */
  notReady: string[]
  /** Each segment used, as defined now (frozen into the campaign at release). */
  snapshot: AudienceSegmentSnapshot[]
}

const nobody = sql`0`
const SAMPLE = 3

function inLists(scope: AudienceScope, listIds: string[]): SQL {
  return sql`${people.phoneE164} IN (SELECT ${contacts.phoneE164} FROM ${contacts} WHERE ${contacts.tenantId} = ${scope.tenantId} AND ${inArray(contacts.listId, listIds)})`
}

function messagedWithin(scope: AudienceScope, days: number): SQL {
  return sql`${people.phoneE164} IN (SELECT ${campaignMessages.phoneE164} FROM ${campaignMessages} WHERE ${campaignMessages.tenantId} = ${scope.tenantId} AND ${campaignMessages.sentAt} >= ${scope.clock() - days * DAY_MS})`
}

type SegmentRow = { id: number; name: string; definition: Record<string, unknown> }

async function segmentPart(scope: AudienceScope, s: SegmentRow): Promise<AudiencePart> {
  const parsed = parseDefinition(s.definition)
  if (!parsed.ok) return { kind: 'segment', id: String(s.id), name: s.name, cond: nobody }
  const def: SegmentDefinition = parsed.definition
  const { live, missing } = await liveReferences(scope, def)
  const cond = compileSegment(def, scope, live, scope.clock())
  const gone = missing.lists > 0 || missing.tags > 0 || missing.campaign
  return {
    kind: 'segment',
    id: String(s.id),
    name: s.name,
    cond,
    ...(gone ? { segmentMissing: missing } : {}),
  }
}

/** The audience's parts, final WHERE, missing references and segment snapshot. */
export async function resolveAudience(scope: AudienceScope, a: CampaignAudience): Promise<ResolvedAudience> {
  const listIds = [...new Set([...a.lists, ...a.exclude.lists])]
  const segmentIds = [...new Set([...a.segments, ...a.exclude.segments])]
  const [listRows, segmentRows] = await Promise.all([
    listIds.length
      ? scope.db
          .select({ id: contactLists.id, name: contactLists.name, status: contactLists.status })
          .from(contactLists)
          .where(ownedBy(scope, contactLists, inArray(contactLists.id, listIds)))
      : [],
    segmentIds.length
      ? scope.db
          .select({ id: segments.id, name: segments.name, definition: segments.definition })
          .from(segments)
          .where(ownedBy(scope, segments, inArray(segments.id, segmentIds)))
      : [],
  ])
  const lists = new Map(listRows.map((l) => [l.id, l.name]))
  const segs = new Map<number, AudiencePart>()
  for (const s of segmentRows) segs.set(s.id, await segmentPart(scope, s))
  const listPart = (id: string): AudiencePart[] =>
    lists.has(id) ? [{ kind: 'list', id, name: lists.get(id) ?? null, cond: inLists(scope, [id]) }] : []
  const segPart = (id: number): AudiencePart[] => {
    const p = segs.get(id)
    return p ? [p] : []
  }
  const include = [...a.lists.flatMap(listPart), ...a.segments.flatMap(segPart)]
  const exclude = [...a.exclude.lists.flatMap(listPart), ...a.exclude.segments.flatMap(segPart)]
  const days = a.exclude.messagedWithinDays
  if (days)
    exclude.push({ kind: 'messaged', id: String(days), name: null, cond: messagedWithin(scope, days) })
  // Living chosen lists in one IN; a segment's condition may be NULL for a row (a missing field): an
  // exclusion counts only when it is true, so NOT coalesce(…, 0).
  const livingLists = a.lists.filter((id) => lists.has(id))
  const sources = [
    ...(livingLists.length ? [inLists(scope, livingLists)] : []),
    ...a.segments.flatMap(segPart).map((p) => p.cond),
  ]
  const chosen = and(
    eq(people.tenantId, scope.tenantId),
    sources.length ? sql`(${sql.join(sources, sql` OR `)})` : nobody,
  ) as SQL
  const where = and(chosen, ...exclude.map((e) => sql`NOT coalesce((${e.cond}), 0)`)) as SQL
  const snapshot: AudienceSegmentSnapshot[] = [
    ...a.segments.map((id) => snapshotOf(id, 'include', segmentRows)),
    ...a.exclude.segments.map((id) => snapshotOf(id, 'exclude', segmentRows)),
  ]
  return {
    include,
    exclude,
    chosen,
    where,
    missing: {
      lists: listIds.filter((id) => !lists.has(id)),
      segments: segmentIds.filter((id) => !segs.has(id)),
    },
    notReady: listRows.filter((l) => l.status !== 'ready' && a.lists.includes(l.id)).map((l) => l.id),
    snapshot,
  }
}

function snapshotOf(
  id: number,
  role: 'include' | 'exclude',
  rows: readonly SegmentRow[],
): AudienceSegmentSnapshot {
  const row = rows.find((r) => r.id === id)
  return { id, role, name: row?.name ?? null, definition: row?.definition ?? null }
}

export type AudienceReport = {
  /** People in any chosen list or segment (each once). */
  chosen: number
  /** How many people each chosen list or segment has. */
  sources: Array<{ kind: 'list' | 'segment'; id: string; name: string | null; count: number }>
  /** Of the chosen, how many each exclusion leaves out (a person may be counted under several). */
  excluded: Array<{ kind: AudiencePart['kind']; id: string; name: string | null; count: number }>
  /** After the exclusions. */
  final: number
  /** Of the final: on the opt-out list (SAIR and the like) or otherwise suppressed: never sent to. */
  optedOut: number
  suppressed: number
  /** Who will really be sent to. */
  toSend: number
  missing: ResolvedAudience['missing']
  notReady: string[]
  segmentsMissing: Array<{ id: string; name: string | null; lists: number; tags: number; campaign: boolean }>
  /** The statement would bind more parameters than D1 allows: fewer lists or segments must be chosen. */
  tooComplex: boolean
  /** The first people (by id) who will really get it, for the message preview. */
  sample: Array<{ name: string; phone: string; fields: Record<string, string> }>
  /** Extra-field keys ({{variables}}) of the first 1,000 people of the audience. */
  variableKeys: string[]
}

function suppressedCase(scope: AudienceScope, optOut: boolean) {
  return sql<number>`coalesce(sum(CASE WHEN ${people.phoneE164} IN (SELECT ${suppressions.phoneE164} FROM ${suppressions} WHERE ${suppressions.tenantId} = ${scope.tenantId} AND ${suppressions.reason} ${optOut ? sql`=` : sql`<>`} 'opt_out') THEN 1 ELSE 0 END), 0)`
}

/** The review's numbers: who is chosen, what each exclusion leaves out, and who gets the campaign. */
export async function audienceReport(scope: AudienceScope, a: CampaignAudience): Promise<AudienceReport> {
  const r = await resolveAudience(scope, a)
  const tenant = eq(people.tenantId, scope.tenantId)
  const countWhere = (where: SQL | undefined) => scope.db.select({ n: count() }).from(people).where(where)
  const finalQuery = scope.db
    .select({ n: count(), optedOut: suppressedCase(scope, true), suppressed: suppressedCase(scope, false) })
    .from(people)
    .where(r.where)
  const segmentsMissing = [...r.include, ...r.exclude].flatMap((p) =>
    p.segmentMissing ? [{ id: p.id, name: p.name, ...p.segmentMissing }] : [],
  )
  const empty = { missing: r.missing, notReady: r.notReady, segmentsMissing }
  if (finalQuery.toSQL().params.length > AUDIENCE_MAX_PARAMS)
    return {
      chosen: 0,
      sources: [],
      excluded: [],
      final: 0,
      optedOut: 0,
      suppressed: 0,
      toSend: 0,
      tooComplex: true,
      sample: [],
      variableKeys: [],
      ...empty,
    }
  const chosenWhere = r.chosen
  const notSuppressed = sql`${people.phoneE164} NOT IN (SELECT ${suppressions.phoneE164} FROM ${suppressions} WHERE ${suppressions.tenantId} = ${scope.tenantId})`
  const sampleQuery = scope.db
    .select({ name: people.name, phone: people.phoneE164, fields: people.fields })
    .from(people)
    .where(and(r.where, notSuppressed))
    .orderBy(asc(people.id))
    .limit(SAMPLE)
  const keysQuery = scope.db.all<{ key: string }>(
    sql`SELECT DISTINCT j.key AS key FROM (SELECT ${people.fields} AS fields FROM ${people} WHERE ${r.where}
        AND json_valid(${people.fields}) ORDER BY ${people.id} LIMIT 1000) AS p, json_each(p.fields) AS j LIMIT 200`,
  )
  const keys = await keysQuery
  const [[final], [chosen], sample, ...rest] = await scope.db.batch([
    finalQuery,
    countWhere(chosenWhere),
    sampleQuery,
    ...r.include.map((p) => countWhere(and(tenant, p.cond))),
    ...r.exclude.map((p) => countWhere(and(chosenWhere, sql`coalesce((${p.cond}), 0)`))),
  ] as unknown as [typeof finalQuery, ReturnType<typeof countWhere>, typeof sampleQuery])
  const n = (rows: unknown) => Number((rows as Array<{ n: number }>)[0]?.n ?? 0)
  const optedOut = Number(final?.optedOut ?? 0)
  const suppressed = Number(final?.suppressed ?? 0)
  const finalCount = Number(final?.n ?? 0)
  return {
    chosen: Number(chosen?.n ?? 0),
    sources: r.include.map((p, i) => ({
      kind: p.kind as 'list' | 'segment',
      id: p.id,
      name: p.name,
      count: n(rest[i]),
    })),
    excluded: r.exclude.map((p, i) => ({
      kind: p.kind,
      id: p.id,
      name: p.name,
      count: n(rest[r.include.length + i]),
    })),
    final: finalCount,
    optedOut,
    suppressed,
    toSend: Math.max(0, finalCount - optedOut - suppressed),
    tooComplex: false,
    sample: sample.map((p) => ({ ...p, fields: p.fields ?? {} })),
    variableKeys: keys.map((k) => k.key),
    ...empty,
  }
}
