// The original upload in R2 and what we learn from its first bytes: format (sniffCsv), the first
// records and the column detection. Used by the upload, the mapping step and the queue consumer.
import { textString } from '../../../i18n/text'
import { type ColumnDetection, type ColumnMapping, detectColumns, type SampleRow } from './columns'
import type { CsvDelimiter, CsvEncoding, CsvFormat } from './csv-sniff'
import { sniffCsv } from './csv-sniff'
import { createImportParser, type ParsedRow } from './parser'
import { SAMPLE_ROWS } from './preview'

/** Bytes read to sniff and inspect a file: at least 64 KB, and a little over the longest accepted line so an over-long first line is seen as such. */
export const SNIFF_BYTES = 72 * 1024

/** R2 key of an upload: no user file name, only the tenant and a random part. */
export function importKey(tenantId: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
  return `imports/${tenantId}/${hex}`
}

export type Inspection =
  | {
      ok: true
      format: CsvFormat
      /** Parsed records of the sample (ok and rejected), in file order. */
      rows: ParsedRow[]
      detection: ColumnDetection
      /** True when the sample is the whole file. */
      complete: boolean
    }
  /** `message`: the refusal as a text string (textString), for form errors and t(). */
  | { ok: false; message: string }

/**
 * Sniffs an upload's first bytes, parses its first records and detects the columns. The records go
 * through the import's own byte parser, so the upload checks (an unreadable first line, no rows) see
 * what the import will see; the mapping preview reads the stored file with papaparse (preview.ts).
 */
export function inspectSample(sample: Uint8Array, totalBytes: number): Inspection {
  const sniff = sniffCsv(sample)
  if (!sniff.ok) return { ok: false, message: textString(sniff.text) }
  const format = sniff.format
  const complete = sample.length >= totalBytes
  const parser = createImportParser({ format, maxRows: SAMPLE_ROWS, totalBytes })
  const rows = parser.push(sample)
  if (complete) rows.push(...parser.end())
  const okRows = rows.filter((r): r is ParsedRow & SampleRow & { ok: true } => r.ok)
  const detection = detectColumns(okRows.slice(0, SAMPLE_ROWS))
  return { ok: true, format, rows, detection, complete }
}

/** The list columns that describe a stored file's format. */
export type StoredFormat = { encoding: string | null; delimiter: string | null }

/**
 * Format for parsing from the list's cursor. The BOM is skipped by starting the cursor after it,
 * so the stored format never needs one.
 */
export function storedFormat(list: StoredFormat): CsvFormat {
  const encoding: CsvEncoding = list.encoding === 'windows-1252' ? 'windows-1252' : 'utf-8'
  const delimiter = ([';', ',', '\t', '|'] as const).find((d) => d === list.delimiter) ?? ';'
  return { encoding, bomLength: 0, delimiter: delimiter as CsvDelimiter, newline: '\n' }
}

/** Reads the mapping stored on a list (JSON), or null when it is missing or malformed. */
export function storedMapping(raw: unknown): ColumnMapping | null {
  if (!raw || typeof raw !== 'object') return null
  const m = raw as ColumnMapping
  if (typeof m.hasHeader !== 'boolean' || !Array.isArray(m.extras)) return null
  if (m.phone !== null && typeof m.phone !== 'number') return null
  return m
}

/** Reads the first bytes of an R2 object from `offset` (for the mapping preview). */
export async function readHead(
  bucket: R2Bucket,
  key: string,
  offset = 0,
  bytes = SNIFF_BYTES,
): Promise<Uint8Array | null> {
  const obj = await bucket.get(key, { range: { offset, length: bytes } })
  if (!obj) return null
  return new Uint8Array(await obj.arrayBuffer())
}
