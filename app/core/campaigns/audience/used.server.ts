// What the campaign page says about an audience of lists and segments (decision 039): the lists chosen
// and left out, "messaged in the last N days", and each segment used with its definition summarised —
// once released, the definition frozen with the audience (not the segment as edited since).
import { inArray } from 'drizzle-orm'
import { campaigns, contactLists, segments, tags } from '../../../../db/schema'
import { parseDefinition, type SegmentDefinition } from '../../contacts/segments/definition'
import { ownedBy, type TenantScope } from '../../db/tenant.server'
import type { AudienceSegmentSnapshot, CampaignAudience } from './spec'

/** One line of a summary: a message key (app/i18n/messages/audience.ts) and its values. */
type SummaryPart = { key: string; params: Record<string, string | number> }

export type AudienceUsed = {
  lists: string[]
  excludedLists: string[]
  messagedWithinDays: number | null
  frozenAt: number | null
  segments: Array<{ role: 'include' | 'exclude'; name: string | null; summary: SummaryPart[] }>
}

type Names = { lists: Map<string, string>; tags: Map<number, string>; campaigns: Map<string, string> }

/** A definition in words, names looked up in the team (a deleted one is said so). */
export function describeDefinition(def: SegmentDefinition, names: Names, deleted: string): SummaryPart[] {
  const out: SummaryPart[] = []
  const join = <K>(ids: readonly K[], map: Map<K, string>) =>
    ids.map((id) => map.get(id) ?? deleted).join(', ')
  if (def.lists) out.push({ key: 'audience.def.lists', params: { names: join(def.lists, names.lists) } })
  if (def.tags)
    out.push({ key: `audience.def.tags.${def.tags.mode}`, params: { names: join(def.tags.ids, names.tags) } })
  if (def.region) {
    out.push({ key: 'audience.def.region', params: { ufs: def.region.ufs.join(', ') } })
    if (def.region.capital !== 'any') out.push({ key: `audience.def.${def.region.capital}`, params: {} })
  }
  if (def.field)
    out.push({
      key: `audience.def.field.${def.field.op}`,
      params: { key: def.field.key, value: def.field.value },
    })
  if (def.consent) out.push({ key: 'audience.def.consent', params: {} })
  if (def.createdFrom) out.push({ key: 'audience.def.createdFrom', params: { day: def.createdFrom } })
  if (def.createdTo) out.push({ key: 'audience.def.createdTo', params: { day: def.createdTo } })
  if (def.engagement?.receivedDays)
    out.push({ key: 'audience.def.received', params: { days: def.engagement.receivedDays } })
  if (def.engagement?.neverReplied) out.push({ key: 'audience.def.neverReplied', params: {} })
  if (def.engagement?.campaignId)
    out.push({
      key: 'audience.def.campaign',
      params: { name: names.campaigns.get(def.engagement.campaignId) ?? deleted },
    })
  if (out.length === 0) out.push({ key: 'audience.def.everyone', params: {} })
  return out
}

/** The campaign's audience as the page shows it (null: the campaign goes to one list, as before). */
export async function audienceUsed(
  scope: TenantScope,
  campaign: {
    audience: CampaignAudience | null
    audienceSegments: AudienceSegmentSnapshot[] | null
    audienceFrozenAt: number | null
  },
  deleted: string,
): Promise<AudienceUsed | null> {
  const a = campaign.audience
  if (!a) return null
  const snapshot = campaign.audienceSegments ?? (await liveSnapshot(scope, a))
  const defs = snapshot.map((s) => {
    const parsed = s.definition ? parseDefinition(s.definition) : null
    return parsed?.ok ? parsed.definition : null
  })
  const listIds = [...a.lists, ...a.exclude.lists, ...defs.flatMap((d) => d?.lists ?? [])]
  const tagIds = defs.flatMap((d) => d?.tags?.ids ?? [])
  const campaignIds = defs.flatMap((d) => (d?.engagement?.campaignId ? [d.engagement.campaignId] : []))
  const [listRows, tagRows, campaignRows] = await Promise.all([
    listIds.length
      ? scope.db
          .select({ id: contactLists.id, name: contactLists.name })
          .from(contactLists)
          .where(ownedBy(scope, contactLists, inArray(contactLists.id, listIds)))
      : [],
    tagIds.length
      ? scope.db
          .select({ id: tags.id, name: tags.name })
          .from(tags)
          .where(ownedBy(scope, tags, inArray(tags.id, tagIds)))
      : [],
    campaignIds.length
      ? scope.db
          .select({ id: campaigns.id, name: campaigns.name })
          .from(campaigns)
          .where(ownedBy(scope, campaigns, inArray(campaigns.id, campaignIds)))
      : [],
  ])
  const names: Names = {
    lists: new Map(listRows.map((r) => [r.id, r.name])),
    tags: new Map(tagRows.map((r) => [r.id, r.name])),
    campaigns: new Map(campaignRows.map((r) => [r.id, r.name])),
  }
  return {
    lists: a.lists.map((id) => names.lists.get(id) ?? deleted),
    excludedLists: a.exclude.lists.map((id) => names.lists.get(id) ?? deleted),
    messagedWithinDays: a.exclude.messagedWithinDays,
    frozenAt: campaign.audienceFrozenAt,
    segments: snapshot.map((s, i) => {
      const def = defs[i]
      return { role: s.role, name: s.name, summary: def ? describeDefinition(def, names, deleted) : [] }
    }),
  }
}

/** Before release: the chosen segments as they are now. */
async function liveSnapshot(scope: TenantScope, a: CampaignAudience): Promise<AudienceSegmentSnapshot[]> {
  const ids = [...a.segments, ...a.exclude.segments]
  const rows = ids.length
    ? await scope.db
        .select({ id: segments.id, name: segments.name, definition: segments.definition })
        .from(segments)
        .where(ownedBy(scope, segments, inArray(segments.id, ids)))
    : []
  const of = (id: number, role: 'include' | 'exclude'): AudienceSegmentSnapshot => {
    const r = rows.find((x) => x.id === id)
    return { id, role, name: r?.name ?? null, definition: r?.definition ?? null }
  }
  return [...a.segments.map((id) => of(id, 'include')), ...a.exclude.segments.map((id) => of(id, 'exclude'))]
}
