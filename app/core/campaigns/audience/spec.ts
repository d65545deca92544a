// A campaign's audience (decision 039): lists and/or saved segments, minus other lists, segments and
// people messaged in the last N days. Pure: the composer's fields <-> the stored shape.
import type { CampaignAudience } from '../../../../db/tables/audience-types'

export type { AudienceSegmentSnapshot, CampaignAudience } from '../../../../db/tables/audience-types'

const MAX_AUDIENCE_LISTS = 20
const MAX_AUDIENCE_SEGMENTS = 10
const MAX_MESSAGED_DAYS = 365

/** The composer's audience fields (checkbox groups and the days box), as the form posts them. */
export type AudienceFields = {
  listId?: string
  audienceLists?: string[]
  audienceSegments?: string[]
  excludeLists?: string[]
  excludeSegments?: string[]
  excludeMessagedDays?: number
}

const ids = (v: readonly (string | undefined)[] | undefined) => [
  ...new Set((v ?? []).map((s) => (s ?? '').trim()).filter(Boolean)),
]
const numericIds = (v: readonly (string | undefined)[] | undefined) =>
  ids(v)
    .map(Number)
    .filter((n) => Number.isSafeInteger(n) && n > 0)

/**
 * The stored audience of the form's fields, or null when it is the plain "one list, no exclusions"
 * (the campaign then goes to `listId` exactly as before decision 039).
 */
export function audienceOf(v: AudienceFields): CampaignAudience | null {
  const lists = ids([v.listId, ...(v.audienceLists ?? [])])
  const segments = numericIds(v.audienceSegments)
  const exclude = {
    lists: ids(v.excludeLists),
    segments: numericIds(v.excludeSegments),
    messagedWithinDays: v.excludeMessagedDays ?? null,
  }
  const plain =
    lists.length <= 1 &&
    segments.length === 0 &&
    exclude.lists.length === 0 &&
    exclude.segments.length === 0 &&
    exclude.messagedWithinDays === null
  return plain ? null : { lists, segments, exclude }
}

/** The form's fields of a stored audience (the first list goes in the list select). */
export function audienceFields(listId: string | null, a: CampaignAudience | null): AudienceFields {
  const lists = a ? a.lists : listId ? [listId] : []
  const primary = listId && lists.includes(listId) ? listId : (lists[0] ?? '')
  return {
    listId: primary,
    audienceLists: lists.filter((l) => l !== primary),
    audienceSegments: (a?.segments ?? []).map(String),
    excludeLists: a?.exclude.lists ?? [],
    excludeSegments: (a?.exclude.segments ?? []).map(String),
    excludeMessagedDays: a?.exclude.messagedWithinDays ?? undefined,
  }
}

/** Problems of the audience fields alone (message codes by field). */
export function audienceFieldProblems(v: AudienceFields): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = []
  const d = v.excludeMessagedDays
  if (d !== undefined && (!Number.isInteger(d) || d < 1 || d > MAX_MESSAGED_DAYS))
    out.push({ field: 'excludeMessagedDays', message: 'audience.errors.days' })
  if (ids([v.listId, ...(v.audienceLists ?? [])]).length > MAX_AUDIENCE_LISTS)
    out.push({ field: 'audienceLists', message: 'audience.errors.tooMany' })
  if (ids(v.excludeLists).length > MAX_AUDIENCE_LISTS)
    out.push({ field: 'excludeLists', message: 'audience.errors.tooMany' })
  if (numericIds(v.audienceSegments).length > MAX_AUDIENCE_SEGMENTS)
    out.push({ field: 'audienceSegments', message: 'audience.errors.tooMany' })
  if (numericIds(v.excludeSegments).length > MAX_AUDIENCE_SEGMENTS)
    out.push({ field: 'excludeSegments', message: 'audience.errors.tooMany' })
  return out
}

/** Someone to send to was chosen: a list or a segment. */
export function hasAudience(v: AudienceFields): boolean {
  return ids([v.listId, ...(v.audienceLists ?? [])]).length > 0 || numericIds(v.audienceSegments).length > 0
}
