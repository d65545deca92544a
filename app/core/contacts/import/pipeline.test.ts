// End-to-end (in memory) over the benchmark fixture: sniff -> detect columns -> resumable parse ->
// validate, checking the generator's expected counts in both encodings and many chunk sizes.
import { describe, expect, it } from 'vitest'
import {
  createRandom,
  generateContactsCsv,
  generateContactsCsvWithStats,
} from '../../../../tests/bench/fixtures/generate-contacts-csv'
import { detectColumns, type SampleRow } from './columns'
import { PhoneDeduper, validateRows } from './contact-rows'
import { sniffCsv } from './csv-sniff'
import { createImportParser, type ParsedRow } from './parser'

function importAll(bytes: Uint8Array, chunk: number, maxRows: number) {
  const sniff = sniffCsv(bytes.subarray(0, 64 * 1024))
  if (!sniff.ok) throw new Error(sniff.message)
  const { format } = sniff
  let offset = 0
  let line = 1
  let detection: ReturnType<typeof detectColumns> | null = null
  const deduper = new PhoneDeduper()
  const totals = { contacts: 0, rejects: 0, duplicates: 0, landlines: 0, invocations: 0 }
  const names: string[] = []
  for (;;) {
    totals.invocations++
    const p = createImportParser({ format, startByteOffset: offset, startLineNumber: line, maxRows })
    const rows: ParsedRow[] = []
    for (let o = offset; o < bytes.length && !p.stoppedEarly; o += chunk) {
      rows.push(...p.push(bytes.subarray(o, Math.min(o + chunk, bytes.length))))
    }
    if (!p.stoppedEarly) rows.push(...p.end())
    if (!detection)
      detection = detectColumns(rows.filter((r): r is SampleRow & ParsedRow => r.ok).slice(0, 50))
    const v = validateRows(rows, detection.mapping, { delimiter: format.delimiter, deduper })
    totals.contacts += v.contacts.length
    totals.rejects += v.rejects.length
    totals.duplicates += v.duplicates
    for (const c of v.contacts) {
      if (c.contact.phoneKind === 'landline') totals.landlines++
      if (names.length < 2000) names.push(c.contact.name)
    }
    if (p.state.done) break
    offset = p.state.nextByteOffset
    line = p.state.nextLineNumber
  }
  return { format, detection, totals, names }
}

describe('generated Brazilian export', () => {
  it('should be deterministic for a seed and differ between seeds', () => {
    const a = generateContactsCsv({ rows: 200, seed: 1 })
    expect(generateContactsCsv({ rows: 200, seed: 1 })).toEqual(a)
    expect(generateContactsCsv({ rows: 200, seed: 2 })).not.toEqual(a)
    const r = createRandom(5)
    const values = Array.from({ length: 1000 }, r)
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...values)).toBeLessThan(1)
  })

  it.each(['windows-1252', 'utf-8'] as const)(
    'should import a %s file with the expected counts',
    (encoding) => {
      const { bytes, expected } = generateContactsCsvWithStats({ rows: 3000, seed: 11, encoding, bom: true })
      const { format, detection, totals, names } = importAll(bytes, 4096, 700)
      expect(format).toEqual({
        encoding,
        bomLength: encoding === 'utf-8' ? 3 : 0,
        delimiter: ';',
        newline: '\r\n',
      })
      expect(detection?.mapping).toMatchObject({ hasHeader: true, name: 0, phone: 1, email: 2, company: 3 })
      expect(detection?.mapping.extras.map((e) => e.key)).toEqual(['cidade', 'data_nascimento'])
      expect(totals.contacts).toBe(expected.valid)
      expect(totals.duplicates).toBe(expected.duplicates)
      expect(totals.rejects).toBe(expected.invalid + expected.duplicates)
      expect(totals.landlines).toBe(expected.landlines)
      expect(totals.invocations).toBeGreaterThan(3)
      expect(expected.invalid / expected.rows).toBeGreaterThan(0.05)
      expect(names.some((n) => /[ãçôéí]/.test(n))).toBe(true)
      expect(names.every((n) => !n.includes('\uFFFD'))).toBe(true)
    },
  )

  it('should give the same result for odd chunk sizes and budgets', () => {
    const bytes = generateContactsCsv({ rows: 400, seed: 3, encoding: 'utf-8' })
    const reference = importAll(bytes, bytes.length, 1_000_000).totals
    for (const [chunk, maxRows] of [
      [1, 97],
      [13, 50],
      [777, 1],
    ] as const) {
      const { totals } = importAll(bytes, chunk, maxRows)
      expect({ ...totals, invocations: 0 }).toEqual({ ...reference, invocations: 0 })
    }
  })
})
