// Column mapping for imports: detects whether the first row is a header (Portuguese or English names,
// any case or accents), maps name/phone/email/company columns by header or, without a header, by
// content, turns every other column into an {{variable}} extra, and says when the user must confirm.

import { ptText } from '../../../i18n'
import { type Text, text } from '../../../i18n/text'
import { normalizeBrPhone } from '../../phone/brazil'
import { headerRole, phonePriority } from './column-aliases'

type ExtraColumn = { index: number; key: string; label: string }

export type ColumnMapping = {
  hasHeader: boolean
  /** Row number of the header record (rows up to it are not contacts); null without header. */
  headerLine: number | null
  name?: number
  phone: number | null
  email?: number
  company?: number
  extras: ExtraColumn[]
}

type MappingIssueCode = 'no_phone_column' | 'multiple_phone_columns' | 'empty_file'

type MappingIssue = { code: MappingIssueCode; text: Text; message: string }

export type ColumnDetection = {
  mapping: ColumnMapping
  /** True when the UI must show the mapping step before importing. */
  needsUserMapping: boolean
  issues: MappingIssue[]
  /** Columns that could hold the phone, best first. */
  phoneCandidates: number[]
  /** One label per column: the header text, or "Coluna N" without header. */
  labels: string[]
}

export type SampleRow = { line: number; fields: string[] }

/** A mapping issue: its code, text (`import.mapping.<code>`) and pt-BR message. */
const issue = (code: MappingIssueCode): MappingIssue => {
  const t = text(`import.mapping.${code}`)
  return { code, text: t, message: ptText(t) }
}

const RESERVED_KEYS = ['nome', 'telefone', 'email', 'empresa']

/** Turns a header into a {{variable}} key: lowercase, no accents, snake_case ("Data Nascimento" -> data_nascimento). */
export function slugifyKey(label: string): string {
  return label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
}

/** Cleans a header cell: trims spaces, a stray BOM and wrapping quotes. */
export function cleanLabel(raw: string): string {
  let s = raw.replace(/^\uFEFF/, '').trim()
  while (s.length >= 2 && /^["'].*["']$/.test(s)) s = s.slice(1, -1).trim()
  return s
}

const looksLikeEmail = (v: string) => {
  const at = v.indexOf('@')
  return at > 0 && v.indexOf('.', at) > at + 1
}
const LETTER = /\p{L}/u

// Share of non-empty cells in a column that pass a test (0 when the column is empty).
function columnScore(rows: SampleRow[], col: number, test: (v: string) => boolean): number {
  let filled = 0
  let hits = 0
  for (const r of rows) {
    const v = r.fields[col]?.trim()
    if (!v) continue
    filled++
    if (test(v)) hits++
  }
  return filled === 0 ? 0 : hits / filled
}

const isPhone = (v: string) => normalizeBrPhone(v).ok

function uniqueKey(base: string, used: Set<string>, index: number): string {
  const root = base === '' || /^\d/.test(base) ? `coluna_${index + 1}${base ? `_${base}` : ''}` : base
  let key = root
  for (let n = 2; used.has(key); n++) key = `${root}_${n}`
  used.add(key)
  return key
}

/** Builds the extras (every column not mapped to a field) with unique {{variable}} keys. */
function buildExtras(
  labels: string[],
  used: Array<number | undefined | null>,
  hasHeader: boolean,
): ExtraColumn[] {
  const taken = new Set(RESERVED_KEYS)
  const mapped = new Set(used.filter((v): v is number => typeof v === 'number'))
  const extras: ExtraColumn[] = []
  labels.forEach((label, index) => {
    if (mapped.has(index)) return
    const key = uniqueKey(hasHeader ? slugifyKey(label) : `coluna_${index + 1}`, taken, index)
    extras.push({ index, key, label })
  })
  return extras
}

/**
 * Detects header and column roles from the first records of a file (pass ~20-50 rows).
 * A first row with a known header name is a header; one holding a phone-like value is data.
 */
export function detectColumns(sample: SampleRow[]): ColumnDetection {
  const first = sample[0]
  if (!first) {
    return {
      mapping: { hasHeader: false, headerLine: null, phone: null, extras: [] },
      needsUserMapping: true,
      issues: [issue('empty_file')],
      phoneCandidates: [],
      labels: [],
    }
  }
  const width = Math.max(...sample.slice(0, 50).map((r) => r.fields.length))
  const headerLabels = first.fields.map(cleanLabel)
  const roles = headerLabels.map((l) => headerRole(slugifyKey(l)))
  const firstHasPhone = first.fields.some((v) => isPhone(v) || v.replace(/\D/g, '').length >= 8)
  const hasHeader = roles.some((r) => r !== null) || !firstHasPhone
  const data = hasHeader ? sample.slice(1) : sample
  const labels = Array.from({ length: width }, (_, i) =>
    hasHeader ? headerLabels[i] || `Coluna ${i + 1}` : `Coluna ${i + 1}`,
  )

  const phoneScores = labels.map((_, i) => columnScore(data, i, isPhone))
  const issues: MappingIssue[] = []
  let candidates: number[] = []
  if (hasHeader) {
    candidates = labels
      .map((_, i) => i)
      .filter((i) => roles[i] === 'phone')
      .sort((a, b) => {
        const pa = phonePriority(slugifyKey(labels[a]!))
        const pb = phonePriority(slugifyKey(labels[b]!))
        return pb - pa || phoneScores[b]! - phoneScores[a]! || a - b
      })
  }
  if (candidates.length === 0) {
    candidates = labels
      .map((_, i) => i)
      .filter((i) => phoneScores[i]! >= 0.5)
      .sort((a, b) => phoneScores[b]! - phoneScores[a]! || a - b)
  }
  const phone = candidates[0] ?? null
  if (phone === null) issues.push(issue('no_phone_column'))
  if (candidates.length > 1) {
    issues.push(issue('multiple_phone_columns'))
  }

  const pick = (test: (i: number) => boolean) => {
    for (let i = 0; i < width; i++) if (i !== phone && test(i)) return i
    return undefined
  }
  let name: number | undefined
  let email: number | undefined
  let company: number | undefined
  if (hasHeader) {
    name = pick((i) => roles[i] === 'name_full') ?? pick((i) => roles[i] === 'name_first')
    email = pick((i) => roles[i] === 'email')
    company = pick((i) => roles[i] === 'company')
  } else {
    email = pick((i) => columnScore(data, i, looksLikeEmail) >= 0.5)
    name = pick(
      (i) =>
        i !== email &&
        phoneScores[i]! < 0.5 &&
        columnScore(data, i, (v) => LETTER.test(v) && !v.includes('@') && !/^\d/.test(v)) >= 0.5,
    )
  }
  const mapping: ColumnMapping = {
    hasHeader,
    headerLine: hasHeader ? first.line : null,
    phone,
    extras: buildExtras(labels, [phone, name, email, company], hasHeader),
  }
  if (name !== undefined) mapping.name = name
  if (email !== undefined) mapping.email = email
  if (company !== undefined) mapping.company = company
  return { mapping, needsUserMapping: issues.length > 0, issues, phoneCandidates: candidates, labels }
}

export type UserMapping = {
  hasHeader: boolean
  headerLine: number | null
  phone: number
  name?: number
  email?: number
  company?: number
}

/** Validates a mapping chosen in the UI against the column labels and fills in the extras. */
export function applyUserMapping(
  labels: string[],
  user: UserMapping,
): { ok: true; mapping: ColumnMapping } | { ok: false; text: Text; message: string } {
  const fields: Array<['phone' | 'name' | 'email' | 'company', number | undefined]> = [
    ['phone', user.phone],
    ['name', user.name],
    ['email', user.email],
    ['company', user.company],
  ]
  const refuse = (t: Text) => ({ ok: false as const, text: t, message: ptText(t) })
  if (typeof user.phone !== 'number') return refuse(text('import.mapping.choosePhone'))
  const seen = new Set<number>()
  for (const [field, idx] of fields) {
    if (idx === undefined) continue
    const label = text(`import.field.${field}`)
    if (!Number.isInteger(idx) || idx < 0 || idx >= labels.length) {
      return refuse(text('import.mapping.columnMissing', { field: label }))
    }
    if (seen.has(idx)) return refuse(text('import.mapping.sameColumn', { field: label }))
    seen.add(idx)
  }
  const mapping: ColumnMapping = {
    hasHeader: user.hasHeader,
    headerLine: user.hasHeader ? user.headerLine : null,
    phone: user.phone,
    extras: buildExtras(labels, [user.phone, user.name, user.email, user.company], user.hasHeader),
  }
  if (user.name !== undefined) mapping.name = user.name
  if (user.email !== undefined) mapping.email = user.email
  if (user.company !== undefined) mapping.company = user.company
  return { ok: true, mapping }
}
