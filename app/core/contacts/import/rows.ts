// The import parser's contract: the rows it emits (accepted, or rejected with a text and its pt-BR), its
// options and resumable state, and how a record's bytes are decoded to text.

import { ptText } from '../../../i18n'
import { type Text, text } from '../../../i18n/text'
import type { CsvFormat } from './csv-sniff'
import { decodeWindows1252 } from './csv-sniff'
import { IMPORT_LIMITS } from './limits'

export type RowRejectReason = 'line_too_long' | 'too_many_columns' | 'unbalanced_quotes'

/** A record: `line` is its spreadsheet row number (record ordinal, 1-based, blank lines counted). */
export type ParsedRow =
  | { ok: true; line: number; fields: string[] }
  | { ok: false; line: number; reason: RowRejectReason; text: Text; message: string; raw: string }

/** Each reason as a text (code + the limit it names). */
export const ROW_TEXTS: Record<RowRejectReason, Text> = {
  line_too_long: text('import.row.line_too_long', { kb: IMPORT_LIMITS.maxLineBytes / 1024 }),
  too_many_columns: text('import.row.too_many_columns', { max: IMPORT_LIMITS.maxColumns }),
  unbalanced_quotes: text('import.row.unbalanced_quotes'),
}

/** The pt-BR text of each reason. */
export const ROW_MESSAGES: Record<RowRejectReason, string> = {
  line_too_long: ptText(ROW_TEXTS.line_too_long),
  too_many_columns: ptText(ROW_TEXTS.too_many_columns),
  unbalanced_quotes: ptText(ROW_TEXTS.unbalanced_quotes),
}

export type ImportParserOptions = {
  format: CsvFormat
  /** Absolute byte offset the first pushed chunk starts at (0 for a new file). */
  startByteOffset?: number
  /** Row number of the record at startByteOffset (1 for a new file). */
  startLineNumber?: number
  /** Stop after emitting this many rows (soft budget, checked between records). */
  maxRows?: number
  /** Stop once this many bytes were consumed (soft budget, checked between records). */
  maxBytes?: number
  /** File size, when known: a budget stop exactly at the end then reports done. */
  totalBytes?: number
  /** Overrides of IMPORT_LIMITS (tests use small ones). */
  limits?: { maxLineBytes?: number; maxColumns?: number; maxLinesPerRecord?: number; maxRawLength?: number }
}

export type ImportParserState = {
  /** Where the next invocation must start reading (always a record boundary). */
  nextByteOffset: number
  nextLineNumber: number
  /** The whole file was consumed. */
  done: boolean
  /** A maxRows/maxBytes budget stopped this invocation; resume from nextByteOffset. */
  budgetReached: boolean
}

const utf8Fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

// UTF-8 files sometimes have rows pasted from a Windows-1252 export further down than the sniffed
// sample: a record that is not valid UTF-8 is decoded as Windows-1252 instead of showing U+FFFD.
export function decodeUtf8Record(bytes: Uint8Array): string {
  try {
    return utf8Fatal.decode(bytes)
  } catch {
    return decodeWindows1252(bytes)
  }
}
