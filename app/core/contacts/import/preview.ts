// The mapping preview's rows (the first records shown before an import, and the column detection
// behind them): papaparse over the decoded sample (decision 027). The import itself goes through the
// byte parser (parser.ts), which keeps an exact resumable byte cursor; both read well-formed files alike.
import Papa from 'papaparse'
import type { SampleRow } from './columns'
import { isBlank } from './csv-record'
import { type CsvFormat, createChunkDecoder } from './csv-sniff'

/** Records read from a sample for the preview and the column detection. */
export const SAMPLE_ROWS = 50

/**
 * The first `maxRows` non-blank records of a sample, numbered like the import numbers them (blank
 * lines count). `complete` says the sample is the whole rest of the file; otherwise the last record,
 * which the sample's end may have cut, is left out.
 */
export function previewRows(
  sample: Uint8Array,
  format: CsvFormat,
  opts: { complete: boolean; maxRows?: number },
): SampleRow[] {
  const maxRows = opts.maxRows ?? SAMPLE_ROWS
  // stream mode holds back a UTF-8 character cut by the sample's end
  const text = createChunkDecoder(format.encoding).decode(sample.subarray(format.bomLength), {
    stream: !opts.complete,
  })
  // newline left to papaparse's guess: the stored format does not keep it
  const { data } = Papa.parse<string[]>(text, { delimiter: format.delimiter })
  const records = opts.complete ? data : data.slice(0, -1)
  const rows: SampleRow[] = []
  for (let i = 0; i < records.length && rows.length < maxRows; i++) {
    const fields = records[i]!
    if (!isBlank(fields)) rows.push({ line: i + 1, fields })
  }
  return rows
}
