// ImportParser across invocations: row and byte budgets, no row limit, stopping, resuming from cursors
// with the same rows as one pass, and parseImportBatch over streams and iterables.
import { describe, expect, it } from 'vitest'
import { FMT, fields, latin1, parseOnce, parseResumed, utf8 } from '../../../../tests/fixtures/import-parser'
import { parseImportBatch } from './batch'
import type { CsvFormat } from './csv-sniff'
import { createImportParser, type ParsedRow } from './parser'

describe('ImportParser', () => {
  it('should report done when a budget stops exactly at the known end of the file', () => {
    const bytes = utf8('a;1\nb;2\n')
    const { state } = parseOnce(bytes, FMT, 100, { maxRows: 2, totalBytes: bytes.length })
    expect(state).toMatchObject({ nextByteOffset: 8, budgetReached: true, done: true })
    expect(parseOnce(bytes, FMT, 100, { maxRows: 1, totalBytes: bytes.length }).state.done).toBe(false)
  })

  it('should stop at a byte budget on a record boundary', () => {
    const bytes = utf8('a;1\nb;2\nc;3\n')
    const { rows, state } = parseOnce(bytes, FMT, 1, { maxBytes: 5 })
    expect(fields(rows)).toEqual([
      [1, 'a', '1'],
      [2, 'b', '2'],
    ])
    expect(state).toMatchObject({ nextByteOffset: 8, nextLineNumber: 3, budgetReached: true, done: false })
  })

  it('should keep parsing past any row count (no row limit: a 600,000-row file is read whole)', () => {
    // resuming a big file at row 600,000: every row is still a row, and the file ends done
    const bytes = utf8('1\n2\n3\n')
    const { rows, state } = parseOnce(bytes, FMT, 2, {
      startLineNumber: 600_000,
      startByteOffset: 0,
      totalBytes: bytes.length,
    })
    expect(fields(rows)).toEqual([
      [600_000, '1'],
      [600_001, '2'],
      [600_002, '3'],
    ])
    expect(state).toEqual({ nextByteOffset: 6, nextLineNumber: 600_003, done: true, budgetReached: false })
  })

  it('should ignore pushes after it stopped and report done only after end()', () => {
    const p = createImportParser({ format: FMT, maxRows: 1 })
    expect(p.push(utf8('a\nb\n'))).toHaveLength(1)
    expect(p.push(utf8('c\n'))).toEqual([])
    expect(p.end()).toEqual([])
    const q = createImportParser({ format: FMT })
    q.push(utf8('a\n'))
    expect(q.state.done).toBe(false)
    q.end()
    expect(q.state.done).toBe(true)
  })

  it('should give exactly the same rows resuming from cursors as in one pass, for any chunk size', () => {
    const pieces = [
      'nome;telefone;obs\r\n',
      '"Silva; João";11987654321;"diz ""oi"""\r\n',
      '\r\n',
      'Conceição;(21) 98765-4321;"linha 1\nlinha 2"\r\n',
      '"aberta;1\r\n',
      'Antônia;31 3234-5678;\r\n',
      `${'z'.repeat(300)};1\r\n`,
      ';;\r\n',
      `${Array.from({ length: 30 }, () => 'c').join(';')}\r\n`,
      'Estêvão 😀;+55 11 98765-4321;fim',
    ]
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(pieces.join(''))])
    const format: CsvFormat = { ...FMT, bomLength: 3, newline: '\r\n' }
    const limits = { maxLineBytes: 200, maxColumns: 20, maxLinesPerRecord: 3 }
    const reference = (() => {
      const p = createImportParser({ format, limits })
      return [...p.push(bytes), ...p.end()]
    })()
    expect(reference.map((r) => r.line)).toEqual([1, 2, 4, 5, 6, 7, 9, 10])
    expect(reference.filter((r) => !r.ok).map((r) => !r.ok && r.reason)).toEqual([
      'unbalanced_quotes',
      'line_too_long',
      'too_many_columns',
    ])
    for (const chunk of [1, 2, 3, 5, 7, 16, 64, 1000]) {
      for (const maxRows of [1, 2, 3, 100]) {
        let offset = 0
        let line = 1
        const rows: ParsedRow[] = []
        for (let guard = 0; guard < 100; guard++) {
          const p = createImportParser({
            format,
            startByteOffset: offset,
            startLineNumber: line,
            maxRows,
            limits,
          })
          for (let o = offset; o < bytes.length && !p.stoppedEarly; o += chunk) {
            rows.push(...p.push(bytes.subarray(o, Math.min(o + chunk, bytes.length))))
          }
          if (!p.stoppedEarly) rows.push(...p.end())
          if (p.state.done) break
          offset = p.state.nextByteOffset
          line = p.state.nextLineNumber
        }
        expect(rows, `chunk ${chunk} maxRows ${maxRows}`).toEqual(reference)
      }
    }
  })

  it('should resume a windows-1252 file with the same rows', () => {
    const bytes = latin1('Nome;Tel\r\nJo\u00e3o;1\r\nS\u00e3o;2\r\n"Ant\u00f4nia\r\nX";3\r\n')
    const format: CsvFormat = { ...FMT, encoding: 'windows-1252' }
    expect(parseResumed(bytes, format, 4, 1)).toEqual(parseOnce(bytes, format).rows)
  })
})

describe('parseImportBatch', () => {
  it('should read a ReadableStream up to the budget, cancel it and return the cursor', async () => {
    let cancelled = false
    const chunks = [utf8('a;1\nb;'), utf8('2\nc;3\n'), utf8('d;4\n')]
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const c = chunks.shift()
        if (c) controller.enqueue(c)
        else controller.close()
      },
      cancel() {
        cancelled = true
      },
    })
    const batch = await parseImportBatch(stream, { format: FMT, maxRows: 2 })
    expect(fields(batch.rows)).toEqual([
      [1, 'a', '1'],
      [2, 'b', '2'],
    ])
    expect(batch).toMatchObject({ nextByteOffset: 8, nextLineNumber: 3, done: false, budgetReached: true })
    expect(cancelled).toBe(true)
  })

  it('should finish an iterable source and mark it done', async () => {
    const batch = await parseImportBatch([utf8('c;3\n'), utf8('d;4')], {
      format: FMT,
      startByteOffset: 8,
      startLineNumber: 3,
    })
    expect(fields(batch.rows)).toEqual([
      [3, 'c', '3'],
      [4, 'd', '4'],
    ])
    expect(batch).toMatchObject({ nextByteOffset: 15, nextLineNumber: 5, done: true })
  })
})
