// Row -> contact: applies a column mapping to parsed records, normalises the phone, cleans the name,
// lightly checks the e-mail, collects extras, and drops in-file duplicates (first occurrence wins).

import { ptText } from '../../../i18n'
import { type Text, text } from '../../../i18n/text'
import { normalizeBrPhone, type PhoneKind, type PhoneNote, type PhoneRejectReason } from '../../phone/brazil'
import { toCsvLine } from '../csv-export'
import { splitTags } from '../tags'
import type { ColumnMapping } from './columns'
import { IMPORT_LIMITS } from './limits'
import type { ParsedRow, RowRejectReason } from './rows'

type ContactNote = PhoneNote | 'name_truncated' | 'value_truncated' | 'invalid_email_dropped'

export type ImportedContact = {
  name: string
  phoneE164: string
  phoneKind: PhoneKind
  email?: string
  company?: string
  /** Other columns by {{variable}} key; empty cells are left out. */
  extra: Record<string, string>
  /** From a column named `tags` or `etiquetas` (comma or semicolon separated), not kept as an extra. */
  tags?: string[]
  notes: ContactNote[]
}

/** Extra-column keys whose cells are the person's tags (decision 036). */
const TAG_COLUMNS = new Set(['tags', 'etiquetas'])

type ContactRejectReason = PhoneRejectReason | 'no_phone_column'

export type ContactResult =
  | { ok: true; contact: ImportedContact }
  | { ok: false; reason: ContactRejectReason; text: Text; message: string }

/** Every reason a row can end in the rejects report. */
type RejectReason = ContactRejectReason | RowRejectReason | 'duplicate'

/** A refused row: why (`text`, stored as code + params; `message` is its pt-BR) and its original content. */
export type RejectedRow = { line: number; reason: RejectReason; text: Text; message: string; raw: string }

const NO_PHONE_COLUMN = text('import.reject.no_phone_column')

/** The reject of a phone already in the list (an earlier row or an earlier import). */
export const ALREADY_IN_LIST_TEXT = text('import.reject.alreadyInList')

export type ToContactOptions = { allowInternational?: boolean }

const WHITESPACE_RUN = /\s+/g
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

const MESSY_SPACE = /\s\s|[\t\n\r\u00a0]/

// Trims and collapses runs of whitespace (line breaks inside quoted cells become one space).
function clean(v: string | undefined): string {
  if (v === undefined || v.length === 0) return ''
  return MESSY_SPACE.test(v) ? v.replace(WHITESPACE_RUN, ' ').trim() : v.trim()
}

/** True for a plausible e-mail (something@domain.tld, no spaces, at most 254 characters). */
export function isPlausibleEmail(v: string): boolean {
  return v.length <= 254 && EMAIL.test(v)
}

/** Maps one parsed record to a contact; the phone must normalise, names are cut at 200 characters. */
export function toContact(
  fields: string[],
  mapping: ColumnMapping,
  opts: ToContactOptions = {},
): ContactResult {
  if (mapping.phone === null) {
    return { ok: false, reason: 'no_phone_column', text: NO_PHONE_COLUMN, message: ptText(NO_PHONE_COLUMN) }
  }
  const phone = normalizeBrPhone(fields[mapping.phone] ?? '', opts)
  if (!phone.ok) return phone
  const notes: ContactNote[] = phone.notes
  let name = mapping.name === undefined ? '' : clean(fields[mapping.name])
  if (name.length > IMPORT_LIMITS.maxNameLength) {
    name = name.slice(0, IMPORT_LIMITS.maxNameLength).trimEnd()
    notes.push('name_truncated')
  }
  const contact: ImportedContact = { name, phoneE164: phone.e164, phoneKind: phone.kind, extra: {}, notes }
  if (mapping.email !== undefined) {
    const email = clean(fields[mapping.email]).toLowerCase()
    if (email !== '') {
      if (isPlausibleEmail(email)) contact.email = email
      else notes.push('invalid_email_dropped')
    }
  }
  if (mapping.company !== undefined) {
    const company = clean(fields[mapping.company])
    if (company !== '') contact.company = cap(company, notes)
  }
  const extras = mapping.extras
  for (let i = 0; i < extras.length; i++) {
    const ex = extras[i]!
    const v = fields[ex.index]?.trim()
    if (!v) continue
    if (TAG_COLUMNS.has(ex.key)) {
      const { tags, truncated } = splitTags(v)
      if (tags.length > 0) contact.tags = [...(contact.tags ?? []), ...tags]
      if (truncated && !notes.includes('value_truncated')) notes.push('value_truncated')
    } else contact.extra[ex.key] = cap(v, notes)
  }
  return { ok: true, contact }
}

// Cuts a company/extra value at IMPORT_LIMITS.maxValueLength, noting it once.
function cap(v: string, notes: ContactNote[]): string {
  if (v.length <= IMPORT_LIMITS.maxValueLength) return v
  if (!notes.includes('value_truncated')) notes.push('value_truncated')
  return v.slice(0, IMPORT_LIMITS.maxValueLength)
}

/** In-file duplicate tracker: the first row with a phone wins; later ones are reported with its line. */
export class PhoneDeduper {
  // keyed by the E.164 digits as a number (at most 15 digits, exact in a double): cheaper than strings
  private readonly firstLine = new Map<number, number>()

  /** Returns the line that already holds this phone, or null (and remembers it) when it is new. */
  seen(phoneE164: string, line: number): number | null {
    const key = Number(phoneE164.slice(1))
    const prev = this.firstLine.get(key)
    if (prev !== undefined) return prev
    this.firstLine.set(key, line)
    return null
  }

  get size(): number {
    return this.firstLine.size
  }
}

export type ValidatedBatch = {
  contacts: Array<{ line: number; contact: ImportedContact }>
  rejects: RejectedRow[]
  /** Rows dropped because the phone already appeared earlier in the file (also in rejects). */
  duplicates: number
}

export type ValidateOptions = ToContactOptions & {
  delimiter: string
  /** Shared across batches of one invocation; cross-invocation duplicates are the database's job. */
  deduper?: PhoneDeduper
}

function duplicateOf(first: number): { text: Text; message: string } {
  const t = text('import.reject.duplicateInFile', { line: first })
  return { text: t, message: ptText(t) }
}

/** Turns parsed rows into contacts and rejects (header rows skipped, duplicates after the first rejected). */
export function validateRows(
  rows: ParsedRow[],
  mapping: ColumnMapping,
  opts: ValidateOptions,
): ValidatedBatch {
  const deduper = opts.deduper ?? new PhoneDeduper()
  const headerLine = mapping.hasHeader ? (mapping.headerLine ?? 1) : 0
  const out: ValidatedBatch = { contacts: [], rejects: [], duplicates: 0 }
  const raw = (fields: string[]) => toCsvLine(fields, opts.delimiter).slice(0, IMPORT_LIMITS.maxRawLength)
  for (const row of rows) {
    if (row.line <= headerLine) continue
    if (!row.ok) {
      out.rejects.push({
        line: row.line,
        reason: row.reason,
        text: row.text,
        message: row.message,
        raw: row.raw,
      })
      continue
    }
    const r = toContact(row.fields, mapping, opts)
    if (!r.ok) {
      out.rejects.push({
        line: row.line,
        reason: r.reason,
        text: r.text,
        message: r.message,
        raw: raw(row.fields),
      })
      continue
    }
    const first = deduper.seen(r.contact.phoneE164, row.line)
    if (first !== null) {
      out.duplicates++
      out.rejects.push({
        line: row.line,
        reason: 'duplicate',
        ...duplicateOf(first),
        raw: raw(row.fields),
      })
      continue
    }
    out.contacts.push({ line: row.line, contact: r.contact })
  }
  return out
}
