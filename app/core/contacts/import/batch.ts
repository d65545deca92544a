// One queue invocation's worth of parsing: reads a byte stream from a cursor until the row/byte budget,
// cancels the rest, and returns the rows with the cursor to resume from.
import { createImportParser } from './parser'
import type { ImportParserOptions, ImportParserState, ParsedRow } from './rows'

export type ImportBatch = ImportParserState & { rows: ParsedRow[] }

export type ByteSource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | Iterable<Uint8Array>

/**
 * Parses one invocation's worth of records from a byte source that starts at options.startByteOffset,
 * stopping at the maxRows/maxBytes budget (the stream is then cancelled). Resume with the returned
 * nextByteOffset and nextLineNumber.
 */
export async function parseImportBatch(
  source: ByteSource,
  options: ImportParserOptions,
): Promise<ImportBatch> {
  const parser = createImportParser(options)
  const rows: ParsedRow[] = []
  const take = (r: ParsedRow[]) => {
    for (const row of r) rows.push(row)
  }
  if (typeof (source as ReadableStream<Uint8Array>).getReader === 'function') {
    const reader = (source as ReadableStream<Uint8Array>).getReader()
    try {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        take(parser.push(value))
        if (parser.stoppedEarly) break
      }
    } finally {
      if (parser.stoppedEarly) await reader.cancel().catch(() => undefined)
      reader.releaseLock()
    }
  } else {
    for await (const chunk of source as AsyncIterable<Uint8Array>) {
      take(parser.push(chunk))
      if (parser.stoppedEarly) break
    }
  }
  if (!parser.stoppedEarly) take(parser.end())
  return { rows, ...parser.state }
}
