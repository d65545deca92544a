// Streaming, resumable CSV record parser for imports.
// Record boundaries are found on the raw bytes (quotes, delimiters and line breaks are ASCII, which never
// occur inside a UTF-8 multi-byte sequence or mean anything else in Windows-1252), so the byte cursor is
// exact and a character split across chunks is never decoded in halves. Each complete record is then
// decoded and split into fields. Over-long lines, too many columns and unbalanced quotes become rejected
// rows instead of errors, and memory stays bounded by IMPORT_LIMITS.maxLineBytes. The row types,
// options and record decoding are in rows.ts.
import { isBlank, splitRecord } from './csv-record'
import { decodeWindows1252 } from './csv-sniff'
import { IMPORT_LIMITS } from './limits'
import {
  decodeUtf8Record,
  type ImportParserOptions,
  type ImportParserState,
  type ParsedRow,
  ROW_MESSAGES,
  ROW_TEXTS,
  type RowRejectReason,
} from './rows'

export type {
  ImportParserOptions,
  ImportParserState,
  ParsedRow,
  RowRejectReason,
} from './rows'

const LF = 10
const CR = 13
const QUOTE = 34
const EMPTY = new Uint8Array(0)

/** Streaming record parser; see createImportParser. */
export class ImportParser {
  private readonly delim: number
  private readonly delimiter: string
  private readonly decoder: (b: Uint8Array) => string
  private readonly opts: Required<Omit<ImportParserOptions, 'format' | 'limits'>>
  private readonly lim: {
    maxLineBytes: number
    maxColumns: number
    maxLinesPerRecord: number
    maxRawLength: number
  }
  private buf: Uint8Array = EMPTY
  /** Absolute offset of buf[0]. */
  private bufOffset: number
  private bomToSkip: number
  // scan state of the record that starts at buf[0]
  private pos = 0
  private inQuotes = false
  private quotePending = false
  private atFieldStart = true
  private hasQuote = false
  private delims = 0
  private lines = 0
  private skipping = false
  private pendingResync = false
  private line: number
  private emitted = 0
  private consumed = 0
  private stopped = false
  private eof = false

  constructor(options: ImportParserOptions) {
    const { format } = options
    this.delimiter = format.delimiter
    this.delim = format.delimiter.charCodeAt(0)
    this.decoder = format.encoding === 'windows-1252' ? decodeWindows1252 : decodeUtf8Record
    this.opts = {
      startByteOffset: options.startByteOffset ?? 0,
      startLineNumber: options.startLineNumber ?? 1,
      maxRows: options.maxRows ?? Number.POSITIVE_INFINITY,
      maxBytes: options.maxBytes ?? Number.POSITIVE_INFINITY,
      totalBytes: options.totalBytes ?? Number.POSITIVE_INFINITY,
    }
    this.lim = {
      maxLineBytes: options.limits?.maxLineBytes ?? IMPORT_LIMITS.maxLineBytes,
      maxColumns: options.limits?.maxColumns ?? IMPORT_LIMITS.maxColumns,
      maxLinesPerRecord: options.limits?.maxLinesPerRecord ?? IMPORT_LIMITS.maxLinesPerRecord,
      maxRawLength: options.limits?.maxRawLength ?? IMPORT_LIMITS.maxRawLength,
    }
    this.bufOffset = this.opts.startByteOffset
    this.bomToSkip = Math.max(0, format.bomLength - this.opts.startByteOffset)
    this.line = this.opts.startLineNumber
  }

  /** True once a budget stopped parsing: stop reading and save `state`. */
  get stoppedEarly(): boolean {
    return this.stopped
  }

  get state(): ImportParserState {
    return {
      nextByteOffset: this.bufOffset,
      nextLineNumber: this.line,
      done: (this.eof && !this.stopped && this.buf.length === 0) || this.bufOffset >= this.opts.totalBytes,
      budgetReached: this.stopped,
    }
  }

  /** Feeds the next chunk of the file; returns the records it completed. */
  push(chunk: Uint8Array): ParsedRow[] {
    if (this.stopped || this.eof || chunk.length === 0) return []
    let data = chunk
    if (this.bomToSkip > 0) {
      const skip = Math.min(this.bomToSkip, data.length)
      this.bomToSkip -= skip
      this.bufOffset += skip
      data = data.subarray(skip)
    }
    if (this.buf.length === 0) {
      this.buf = data
    } else {
      const merged = new Uint8Array(this.buf.length + data.length)
      merged.set(this.buf, 0)
      merged.set(data, this.buf.length)
      this.buf = merged
    }
    const out: ParsedRow[] = []
    this.scan(out)
    return out
  }

  /** Signals the end of the file; flushes a last record that has no line break. */
  end(): ParsedRow[] {
    if (this.stopped || this.eof) return []
    this.eof = true
    const out: ParsedRow[] = []
    this.scan(out)
    return out
  }

  // Consumes as many complete records from buf as possible. Every decision depends only on the bytes,
  // never on where chunks were split, so resumed and one-pass parses give identical rows.
  private scan(out: ParsedRow[]): void {
    const delim = this.delim
    const maxLen = this.lim.maxLineBytes
    const maxLines = this.lim.maxLinesPerRecord
    while (!this.stopped) {
      if (this.skipping) {
        if (!this.skipToLineEnd()) return
        continue
      }
      if (this.pendingResync) {
        if (!this.resyncUnbalanced(out)) return
        continue
      }
      const buf = this.buf
      const n = buf.length
      // hot loop state kept in locals; saved back before any slow path
      let start = 0
      let i = this.pos
      let inQuotes = this.inQuotes
      let quotePending = this.quotePending
      let atFieldStart = this.atFieldStart
      let hasQuote = this.hasQuote
      let delims = this.delims
      let lines = this.lines
      let overflow = false
      while (i < n) {
        if (i - start > maxLen) {
          overflow = true
          break
        }
        const b = buf[i]!
        if (inQuotes) {
          if (quotePending) {
            quotePending = false
            if (b === QUOTE) {
              i++
              continue
            }
            inQuotes = false
            continue // reprocess b outside quotes
          }
          if (b === QUOTE) quotePending = true
          else if (b === CR || (b === LF && buf[i - 1] !== CR)) {
            if (++lines > maxLines) {
              overflow = true
              break
            }
          }
          i++
          continue
        }
        let recordEnd = -1
        let next = -1
        if (b === delim) {
          delims++
          atFieldStart = true
        } else if (b === LF) {
          recordEnd = i
          next = i + 1
        } else if (b === CR) {
          if (i + 1 < n) {
            recordEnd = i
            next = buf[i + 1] === LF ? i + 2 : i + 1
          } else if (this.eof) {
            recordEnd = i
            next = i + 1
          } else break // wait for the next chunk to know whether LF follows
        } else if (b === QUOTE && atFieldStart) {
          inQuotes = true
          hasQuote = true
          atFieldStart = false
        } else {
          atFieldStart = false
        }
        if (recordEnd === -1) {
          i++
          continue
        }
        if (recordEnd > start) this.emitRecord(out, buf.subarray(start, recordEnd), delims, hasQuote)
        this.line++
        this.consumed += next - start
        this.bufOffset += next - start
        start = next
        i = next
        atFieldStart = true
        hasQuote = false
        delims = 0
        lines = 0
        if (this.emitted >= this.opts.maxRows || this.consumed >= this.opts.maxBytes) {
          this.stopped = true
          this.buf = EMPTY
          return
        }
      }
      // save the partial record (from start) and its scan state
      this.buf = start === 0 ? buf : start >= n ? EMPTY : buf.subarray(start)
      this.pos = i - start
      this.inQuotes = inQuotes
      this.quotePending = quotePending
      this.atFieldStart = atFieldStart
      this.hasQuote = hasQuote
      this.delims = delims
      this.lines = lines
      if (overflow) {
        if (inQuotes) this.pendingResync = true
        else this.startSkipping(out)
        continue
      }
      if (!this.eof || this.buf.length === 0) return
      if (inQuotes && !quotePending) {
        this.pendingResync = true
        continue
      }
      // last record without a line break
      this.emitRecord(out, this.buf, delims, hasQuote)
      this.advance(this.buf.length)
    }
  }

  private resetRecordState(): void {
    this.pos = 0
    this.inQuotes = false
    this.quotePending = false
    this.atFieldStart = true
    this.hasQuote = false
    this.delims = 0
    this.lines = 0
  }

  // Drops buf[0, next) (the record just handled), moves to the next row number, checks budgets.
  private advance(next: number): void {
    this.buf = next >= this.buf.length ? EMPTY : this.buf.subarray(next)
    this.bufOffset += next
    this.consumed += next
    this.line++
    this.resetRecordState()
    if (this.emitted >= this.opts.maxRows || this.consumed >= this.opts.maxBytes) {
      this.stopped = true
      this.buf = EMPTY
    }
  }

  // A quote opened at the start of a field did not close within limits: reject the record's first
  // physical line and parse again from the line after it. Returns false when more data is needed.
  private resyncUnbalanced(out: ParsedRow[]): boolean {
    const buf = this.buf
    let k = 0
    while (k < buf.length && buf[k] !== LF && buf[k] !== CR) k++
    if (k > this.lim.maxLineBytes) {
      this.pendingResync = false
      this.startSkipping(out)
      return true
    }
    if (k === buf.length && !this.eof) return false
    if (buf[k] === CR && k + 1 === buf.length && !this.eof) return false
    this.pendingResync = false
    this.emitReject(out, 'unbalanced_quotes', buf.subarray(0, k))
    this.advance(k === buf.length ? k : buf[k] === CR && buf[k + 1] === LF ? k + 2 : k + 1)
    return true
  }

  // The record is longer than maxLineBytes: reject it now and discard bytes up to the next line break.
  private startSkipping(out: ParsedRow[]): void {
    this.emitReject(out, 'line_too_long', this.buf.subarray(0, this.pos))
    this.skipping = true
    // bytes already scanned hold no line break outside quotes: skip from where the scan stopped
    const from = Math.min(this.pos, this.buf.length)
    this.buf = this.buf.subarray(from)
    this.bufOffset += from
    this.consumed += from
    this.resetRecordState()
  }

  // Discards bytes until a line break (quotes ignored). Returns false when more data is needed.
  private skipToLineEnd(): boolean {
    const buf = this.buf
    let k = 0
    while (k < buf.length && buf[k] !== LF && buf[k] !== CR) k++
    if (k === buf.length || (buf[k] === CR && k + 1 === buf.length && !this.eof)) {
      this.bufOffset += k
      this.consumed += k
      this.buf = buf.subarray(k)
      if (!this.eof) return false
      this.skipping = false
      this.advance(this.buf.length)
      return true
    }
    this.skipping = false
    this.advance(buf[k] === CR && buf[k + 1] === LF ? k + 2 : k + 1)
    return true
  }

  private emitReject(out: ParsedRow[], reason: RowRejectReason, bytes: Uint8Array): void {
    const raw = this.decoder(bytes.subarray(0, this.lim.maxRawLength))
    out.push({
      ok: false,
      line: this.line,
      reason,
      text: ROW_TEXTS[reason],
      message: ROW_MESSAGES[reason],
      raw,
    })
    this.emitted++
  }

  // Emits a complete record (blank ones are skipped). There is no row limit: the file size limit bounds
  // a file, and each invocation parses only its budget (decision 016).
  private emitRecord(out: ParsedRow[], bytes: Uint8Array, delims: number, hasQuote: boolean): void {
    if (bytes.length === 0) return // blank line
    if (delims + 1 > this.lim.maxColumns) {
      this.emitReject(out, 'too_many_columns', bytes)
      return
    }
    const text = this.decoder(bytes)
    const fields = hasQuote ? splitRecord(text, this.delimiter) : text.split(this.delimiter)
    if (isBlank(fields)) return // ";;;" rows left by spreadsheets
    out.push({ ok: true, line: this.line, fields })
    this.emitted++
  }
}

/** Creates a streaming parser: push() chunks in file order, end() at EOF, then read `state`. */
export function createImportParser(options: ImportParserOptions): ImportParser {
  return new ImportParser(options)
}
