// The segment form's fields <-> a definition (decision 037). A plain HTML form (no JavaScript) posts
// these names; an empty field means "no such condition".
import { parseDefinition, type SegmentDefinition } from './definition'

export type SegmentFormValues = {
  name: string
  lists: string[]
  tagMode: string
  tags: string[]
  ufs: string[]
  capital: string
  fieldKey: string
  fieldOp: string
  fieldValue: string
  consent: boolean
  createdFrom: string
  createdTo: string
  receivedDays: string
  neverReplied: boolean
  campaignId: string
}

const str = (f: FormData, k: string) => String(f.get(k) ?? '').trim()
const all = (f: FormData, k: string) => f.getAll(k).map(String).filter(Boolean)

export function readSegmentForm(f: FormData): SegmentFormValues {
  return {
    name: str(f, 'name'),
    lists: all(f, 'lists'),
    tagMode: str(f, 'tagMode') || 'any',
    tags: all(f, 'tags'),
    ufs: all(f, 'ufs'),
    capital: str(f, 'capital') || 'any',
    fieldKey: str(f, 'fieldKey'),
    fieldOp: str(f, 'fieldOp') || 'equals',
    fieldValue: String(f.get('fieldValue') ?? ''),
    consent: f.get('consent') === 'on',
    createdFrom: str(f, 'createdFrom'),
    createdTo: str(f, 'createdTo'),
    receivedDays: str(f, 'receivedDays'),
    neverReplied: f.get('neverReplied') === 'on',
    campaignId: str(f, 'campaignId'),
  }
}

/** The raw definition the form's values describe (checked by parseDefinition). */
function rawDefinition(v: SegmentFormValues): Record<string, unknown> {
  const d: Record<string, unknown> = {}
  if (v.lists.length) d.lists = v.lists
  if (v.tags.length) d.tags = { mode: v.tagMode, ids: v.tags.map(Number) }
  if (v.ufs.length) d.region = { ufs: v.ufs, capital: v.capital }
  if (v.fieldKey) d.field = { key: v.fieldKey, op: v.fieldOp, value: v.fieldValue }
  if (v.consent) d.consent = true
  if (v.createdFrom) d.createdFrom = v.createdFrom
  if (v.createdTo) d.createdTo = v.createdTo
  if (v.receivedDays || v.neverReplied) {
    const e: Record<string, unknown> = {}
    if (v.receivedDays) e.receivedDays = /^\d+$/.test(v.receivedDays) ? Number(v.receivedDays) : Number.NaN
    if (v.neverReplied) e.neverReplied = true
    if (v.campaignId) e.campaignId = v.campaignId
    d.engagement = e
  }
  return d
}

export function formDefinition(v: SegmentFormValues) {
  return parseDefinition(rawDefinition(v))
}

/** The form's values for a stored definition. */
export function formValues(name: string, d: SegmentDefinition): SegmentFormValues {
  return {
    name,
    lists: d.lists ?? [],
    tagMode: d.tags?.mode ?? 'any',
    tags: (d.tags?.ids ?? []).map(String),
    ufs: d.region?.ufs ?? [],
    capital: d.region?.capital ?? 'any',
    fieldKey: d.field?.key ?? '',
    fieldOp: d.field?.op ?? 'equals',
    fieldValue: d.field?.value ?? '',
    consent: d.consent === true,
    createdFrom: d.createdFrom ?? '',
    createdTo: d.createdTo ?? '',
    receivedDays: d.engagement?.receivedDays !== undefined ? String(d.engagement.receivedDays) : '',
    neverReplied: d.engagement?.neverReplied === true,
    campaignId: d.engagement?.campaignId ?? '',
  }
}
