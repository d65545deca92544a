// Brazilian phone normalisation to E.164 (+55DDXXXXXXXXX).
// The Brazilian path is a hand-written fast path (no regex or libphonenumber call per row) whose rules
// mirror libphonenumber-js "max" metadata for BR: brazil.test.ts cross-checks every DDD against it.
// Non-Brazilian numbers (only with allowInternational) go through libphonenumber-js/max. A refusal is a
// code (`phone.<reason>`, decision 025) with its pt-BR text as `message`.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max'
import { ptText } from '../../i18n'
import { type Text, text } from '../../i18n/text'

export type PhoneKind = 'mobile' | 'landline'

export type PhoneNote =
  | 'added_ninth_digit'
  | 'removed_carrier_code'
  | 'removed_trunk_zero'
  | 'had_country_code'
  | 'international'

export type PhoneRejectReason =
  | 'empty'
  | 'invalid_characters'
  | 'scientific_notation'
  | 'multiple_numbers'
  | 'missing_ddd'
  | 'invalid_ddd'
  | 'too_short'
  | 'too_long'
  | 'service_number'
  | 'invalid_number'
  | 'not_brazilian'

export type PhoneResult =
  | { ok: true; e164: string; kind: PhoneKind; notes: PhoneNote[] }
  | { ok: false; reason: PhoneRejectReason; text: Text; message: string }

export type NormalizePhoneOptions = { allowInternational?: boolean }

/** Every Brazilian area code (DDD) in use (ANATEL; same set as libphonenumber's BR metadata). */
export const BRAZILIAN_DDDS: readonly number[] = [
  11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 24, 27, 28, 31, 32, 33, 34, 35, 37, 38, 41, 42, 43, 44, 45, 46,
  47, 48, 49, 51, 53, 54, 55, 61, 62, 63, 64, 65, 66, 67, 68, 69, 71, 73, 74, 75, 77, 79, 81, 82, 83, 84, 85,
  86, 87, 88, 89, 91, 92, 93, 94, 95, 96, 97, 98, 99,
]

/** Long-distance carrier selection codes (CSP) seen after the trunk 0: 0 + CSP + DDD + number. */
const CARRIER_CODES: readonly number[] = [12, 14, 15, 21, 23, 25, 31, 41, 43, 55, 65, 99]

const VALID_DDD = new Uint8Array(100)
for (const d of BRAZILIAN_DDDS) VALID_DDD[d] = 1
const VALID_CARRIER = new Uint8Array(100)
for (const c of CARRIER_CODES) VALID_CARRIER[c] = 1

const PHONE_REJECT_REASONS: readonly PhoneRejectReason[] = [
  'empty',
  'invalid_characters',
  'scientific_notation',
  'multiple_numbers',
  'missing_ddd',
  'invalid_ddd',
  'too_short',
  'too_long',
  'service_number',
  'invalid_number',
  'not_brazilian',
]

/** One refusal per reason, built once (the import path rejects many rows). */
const REJECTS = Object.fromEntries(
  PHONE_REJECT_REASONS.map((reason) => {
    const t = text(`phone.${reason}`)
    return [reason, { ok: false, reason, text: t, message: ptText(t) }]
  }),
) as Record<PhoneRejectReason, PhoneResult & { ok: false }>

const reject = (reason: PhoneRejectReason): PhoneResult => REJECTS[reason]

const FLOAT_SUFFIX = /^\+?\d{10,15}\.0$/

// Ignorable separators by code point: spaces, dots, dashes, parentheses, brackets, underscore.
const SEPARATOR = new Uint8Array(128)
for (const ch of ' .-()[]_\t') SEPARATOR[ch.charCodeAt(0)] = 1

type Scan = { digits: string; plus: boolean; bad: boolean; xx: boolean; sci: boolean; numbers: number }

// One pass over the raw text: keeps digits, notes a leading '+', the "0xx" placeholder, spreadsheet
// scientific notation, and how many 8+ digit groups are separated by , ; / | (several numbers in a cell).
function scan(raw: string): Scan {
  let digits = ''
  let plus = false
  let bad = false
  let xx = false
  let sci = false
  let numbers = 0
  let segment = 0
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i)
    if (c >= 48 && c <= 57) {
      // copy the whole run of digits at once (fewer string joins than one per character)
      let j = i + 1
      while (j < raw.length) {
        const cj = raw.charCodeAt(j)
        if (cj < 48 || cj > 57) break
        j++
      }
      digits = digits.length === 0 ? raw.slice(i, j) : digits + raw.slice(i, j)
      segment += j - i
      i = j - 1
    } else if (c === 43 /* + */) {
      if (digits.length === 0 && !plus) plus = true
      else bad = true
    } else if ((c === 69 || c === 101) /* E e */ && digits.length > 0) {
      const next = raw.charCodeAt(i + 1)
      if (next === 43 || (next >= 48 && next <= 57)) {
        sci = true
        break
      }
      bad = true
    } else if ((c === 120 || c === 88) /* x X */ && digits === '0' && !xx) {
      const next = raw.charCodeAt(i + 1)
      if (next === 120 || next === 88) {
        xx = true
        i++
      } else bad = true
    } else if (c === 44 || c === 59 || c === 47 || c === 124 /* , ; / | */) {
      if (segment >= 8) numbers++
      segment = 0
    } else if (c < 128 ? SEPARATOR[c] !== 1 : c !== 0xa0 && c !== 0x2010 && c !== 0x2011 && c !== 0x2013) {
      bad = true
    }
  }
  if (segment >= 8) numbers++
  return { digits, plus, bad, xx, sci, numbers }
}

/**
 * A spreadsheet's text wrappers around a number: ="+5511987654321" (how Disparo's exports write phones,
 * so a downloaded list imports again) and the apostrophe that marks a typed cell as text.
 */
function unwrapSpreadsheetText(text: string): string {
  if (text.startsWith('="') && text.endsWith('"') && text.length >= 3) return text.slice(2, -1).trim()
  if (text.startsWith("'")) return text.slice(1).trim()
  return text
}

/** Normalises a Brazilian phone written in any common form to E.164 (+55 DDD number), or says why not. */
export function normalizeBrPhone(raw: string, opts: NormalizePhoneOptions = {}): PhoneResult {
  const text = unwrapSpreadsheetText(raw.trim())
  if (text.length === 0) return reject('empty')
  if (text.length > 64) return reject('too_long')
  const s = scan(text)
  if (s.sci) return reject('scientific_notation')
  if (s.digits.length === 0) return reject(s.bad ? 'invalid_characters' : 'empty')
  if (s.bad) return reject('invalid_characters')
  if (s.digits.length < 8) return reject('too_short')
  // Strip a trailing ".0" that spreadsheets add to numbers stored as floats.
  let digits = s.digits
  if (text.endsWith('.0') && FLOAT_SUFFIX.test(text)) digits = digits.slice(0, -1)
  if (s.numbers >= 2) return reject('multiple_numbers')
  if (digits.length > 17) return reject('too_long')

  const notes: PhoneNote[] = []
  if (s.plus) {
    if (digits.startsWith('55')) {
      notes.push('had_country_code')
      digits = digits.slice(2)
      if (digits.startsWith('0') && (digits.length === 11 || digits.length === 12)) digits = digits.slice(1)
      return national(digits, notes, false, opts, s.digits)
    }
    return international(digits, opts)
  }
  if (s.xx) {
    // "0xx11 9876-5432": trunk 0 + carrier placeholder already consumed
    notes.push('removed_carrier_code')
    return national(digits.slice(1), notes, false, opts, s.digits)
  }
  if (digits.startsWith('00')) {
    // International prefix: 00 + country, or 00 + carrier + country
    const rest = digits.slice(2)
    if (rest.startsWith('55') && (rest.length === 12 || rest.length === 13)) {
      notes.push('had_country_code')
      return national(rest.slice(2), notes, false, opts, s.digits)
    }
    const afterCarrier = rest.slice(2)
    if (VALID_CARRIER[Number(rest.slice(0, 2))] === 1 && afterCarrier.startsWith('55')) {
      notes.push('removed_carrier_code', 'had_country_code')
      return national(afterCarrier.slice(2), notes, false, opts, s.digits)
    }
    return international(rest, opts)
  }
  return national(digits, notes, true, opts, s.digits)
}

function national(
  input: string,
  notes: PhoneNote[],
  mayHaveCountryCode: boolean,
  opts: NormalizePhoneOptions,
  allDigits: string,
): PhoneResult {
  let d = input
  if (isServiceNumber(d)) return reject('service_number')
  if (d.charCodeAt(0) === 48 /* 0 */) {
    d = d.slice(1)
    // 0 + carrier (2) + DDD (2) + subscriber (8 or 9)
    if ((d.length === 12 || d.length === 13) && VALID_CARRIER[Number(d.slice(0, 2))] === 1) {
      if (VALID_DDD[Number(d.slice(2, 4))] === 1) {
        notes.push('removed_carrier_code')
        d = d.slice(2)
      }
    }
    if (!notes.includes('removed_carrier_code')) notes.push('removed_trunk_zero')
  } else if (mayHaveCountryCode && (d.length === 12 || d.length === 13) && d.startsWith('55')) {
    notes.push('had_country_code')
    d = d.slice(2)
  }
  const n = d.length
  if (n < 8) return reject('too_short')
  if (n === 8 || n === 9) {
    // A bare subscriber number: 8 digits starting 2-9, or 9 digits starting with 9
    const first = d.charCodeAt(0) - 48
    if ((n === 8 && first >= 2) || (n === 9 && first === 9)) return reject('missing_ddd')
    return reject('too_short')
  }
  if (n > 11) {
    if (opts.allowInternational) {
      const intl = international(allDigits, opts)
      if (intl.ok) return intl
    }
    return reject('too_long')
  }
  const ddd = (d.charCodeAt(0) - 48) * 10 + (d.charCodeAt(1) - 48)
  if (VALID_DDD[ddd] !== 1) {
    if (opts.allowInternational && n === 11) {
      const intl = international(allDigits, opts)
      if (intl.ok) return intl
    }
    return reject('invalid_ddd')
  }
  const first = d.charCodeAt(2) - 48
  if (n === 11) {
    if (first !== 9) return reject('invalid_number')
    return { ok: true, e164: `+55${d}`, kind: 'mobile', notes }
  }
  // n === 10: DDD + 8 digits
  if (first >= 2 && first <= 5) return { ok: true, e164: `+55${d}`, kind: 'landline', notes }
  if (first >= 6) {
    notes.push('added_ninth_digit')
    return { ok: true, e164: `+55${d.slice(0, 2)}9${d.slice(2)}`, kind: 'mobile', notes }
  }
  return reject('invalid_number')
}

// 0800/0300/0500/0900 (with or without the 0) and 8-digit 300x/400x "capital" numbers.
function isServiceNumber(d: string): boolean {
  const n = d.charCodeAt(0) === 48 ? d.length - 1 : d.length
  const p = d.charCodeAt(0) === 48 ? d.slice(1, 4) : d.slice(0, 3)
  if ((n === 10 || n === 11) && (p === '800' || p === '300' || p === '303' || p === '500' || p === '900')) {
    return true
  }
  return d.length === 8 && (p === '300' || p === '400')
}

function international(digits: string, opts: NormalizePhoneOptions): PhoneResult {
  if (!opts.allowInternational) return reject('not_brazilian')
  if (digits.length < 8) return reject('too_short')
  if (digits.length > 15) return reject('too_long')
  const parsed = parsePhoneNumberFromString(`+${digits}`)
  if (!parsed?.isValid()) return reject('invalid_number')
  if (parsed.countryCallingCode === '55') return normalizeBrPhone(parsed.nationalNumber, opts)
  const type = parsed.getType()
  return {
    ok: true,
    e164: parsed.number,
    kind: type === 'FIXED_LINE' ? 'landline' : 'mobile',
    notes: ['international'],
  }
}
