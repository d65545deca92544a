// TEST-ONLY: fixtures of the import parser tests: byte encoders, a ';' UTF-8 format, one-pass and
// resumed parses (resuming from the returned cursor like the queue does), and a compact row view.
import { expect } from 'vitest'
import type { CsvFormat } from './csv-sniff'
import { type ImportParserOptions, type ParsedRow, createImportParser } from './import-parser'

export const utf8 = (s: string) => new TextEncoder().encode(s)
export const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0))
export const FMT: CsvFormat = { encoding: 'utf-8', bomLength: 0, delimiter: ';', newline: '\n' }

/** Parses the whole file in chunks of `chunk` bytes with one parser; returns the rows and final state. */
export function parseOnce(
  bytes: Uint8Array,
  format: CsvFormat = FMT,
  chunk = bytes.length || 1,
  extra: Partial<ImportParserOptions> = {},
) {
  const p = createImportParser({ format, ...extra })
  const rows: ParsedRow[] = []
  for (let o = 0; o < bytes.length && !p.stoppedEarly; o += chunk)
    rows.push(...p.push(bytes.subarray(o, o + chunk)))
  rows.push(...p.end())
  return { rows, state: p.state }
}

// Runs invocations with a row budget, resuming from the returned cursor each time, like the queue does.
export function parseResumed(bytes: Uint8Array, format: CsvFormat, chunk: number, maxRows: number) {
  let offset = 0
  let line = 1
  const rows: ParsedRow[] = []
  for (let guard = 0; guard < 10_000; guard++) {
    const p = createImportParser({ format, startByteOffset: offset, startLineNumber: line, maxRows })
    for (let o = offset; o < bytes.length && !p.stoppedEarly; o += chunk) {
      rows.push(...p.push(bytes.subarray(o, Math.min(o + chunk, bytes.length))))
    }
    if (!p.stoppedEarly) rows.push(...p.end())
    const s = p.state
    if (s.done) return rows
    expect(s.budgetReached).toBe(true)
    offset = s.nextByteOffset
    line = s.nextLineNumber
  }
  throw new Error('did not finish')
}

/** Rows as [line, ...fields] or [line, reason], for compact expectations. */
export const fields = (rows: ParsedRow[]) =>
  rows.map((r) => (r.ok ? [r.line, ...r.fields] : [r.line, r.reason]))
