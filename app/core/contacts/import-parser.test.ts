import { describe, expect, it } from 'vitest'
import type { CsvFormat } from './csv-sniff'
import { IMPORT_LIMITS } from './import-limits'
import { parseImportBatch } from './import-batch'
import { createImportParser, type ImportParserOptions, type ParsedRow } from './import-parser'

const utf8 = (s: string) => new TextEncoder().encode(s)
const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0))
const FMT: CsvFormat = { encoding: 'utf-8', bomLength: 0, delimiter: ';', newline: '\n' }

function parseOnce(
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
function parseResumed(bytes: Uint8Array, format: CsvFormat, chunk: number, maxRows: number) {
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

const fields = (rows: ParsedRow[]) => rows.map((r) => (r.ok ? [r.line, ...r.fields] : [r.line, r.reason]))

describe('ImportParser', () => {
  it('should parse quoted fields, embedded delimiters and line breaks with row numbers', () => {
    const csv =
      'nome;telefone\r\n"Silva; Ana";11987654321\r\n"Rua A\r\nApto 2";21987654321\r\nJosé;31987654321'
    const { rows, state } = parseOnce(utf8(csv))
    expect(fields(rows)).toEqual([
      [1, 'nome', 'telefone'],
      [2, 'Silva; Ana', '11987654321'],
      [3, 'Rua A\r\nApto 2', '21987654321'],
      [4, 'José', '31987654321'],
    ])
    expect(state).toEqual({
      nextByteOffset: utf8(csv).length,
      nextLineNumber: 5,
      done: true,
      budgetReached: false,
      limitReached: null,
    })
  })

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CR', '\r'],
  ])('should handle %s line ends, including at chunk boundaries', (_, nl) => {
    const csv = ['a;b', 'c;d', '', 'e;f'].join(nl) + nl
    for (const chunk of [1, 2, 3, 100]) {
      expect(fields(parseOnce(utf8(csv), FMT, chunk).rows)).toEqual([
        [1, 'a', 'b'],
        [2, 'c', 'd'],
        [4, 'e', 'f'],
      ])
    }
  })

  it('should skip blank lines and rows of empty cells but count them in row numbers', () => {
    const { rows } = parseOnce(utf8('h1;h2\n\n;;;\n  ;  \nx;y\n\n\n'))
    expect(fields(rows)).toEqual([
      [1, 'h1', 'h2'],
      [5, 'x', 'y'],
    ])
  })

  it('should keep trailing empty columns', () => {
    expect(fields(parseOnce(utf8('a;b;;;\n')).rows)).toEqual([[1, 'a', 'b', '', '', '']])
  })

  it('should keep formulas and HTML as typed (exports and rendering escape them)', () => {
    const csv = '=HYPERLINK("http://x";"clique");11987654321\n<script>alert(1)</script>;+5511987654321\n'
    expect(fields(parseOnce(utf8(csv)).rows)).toEqual([
      [1, '=HYPERLINK("http://x"', 'clique)', '11987654321'],
      [2, '<script>alert(1)</script>', '+5511987654321'],
    ])
    const quoted = '"=HYPERLINK(""http://x"";""clique"")";11987654321\n'
    expect(fields(parseOnce(utf8(quoted)).rows)).toEqual([
      [1, '=HYPERLINK("http://x";"clique")', '11987654321'],
    ])
  })

  it('should reject a line with an unclosed quote and go on with the next lines', () => {
    const csv = 'a;1\n"Ana;2\nBia;3\nCaio;4\n'
    const { rows } = parseOnce(utf8(csv), FMT, 1000, { limits: { maxLinesPerRecord: 2 } })
    expect(fields(rows)).toEqual([
      [1, 'a', '1'],
      [2, 'unbalanced_quotes'],
      [3, 'Bia', '3'],
      [4, 'Caio', '4'],
    ])
    const bad = rows[1]
    expect(bad?.ok === false && bad.raw).toBe('"Ana;2')
    expect(bad?.ok === false && bad.message).toContain('Aspas')
  })

  it('should reject an unclosed quote on a truncated last line', () => {
    const { rows, state } = parseOnce(utf8('a;1\n"Ana;119876'))
    expect(fields(rows)).toEqual([
      [1, 'a', '1'],
      [2, 'unbalanced_quotes'],
    ])
    expect(state.done).toBe(true)
  })

  it('should resync after an unclosed quote found at the end of the file', () => {
    const { rows } = parseOnce(utf8('"Ana;1\nBia;2\nCaio;3'))
    expect(fields(rows)).toEqual([
      [1, 'unbalanced_quotes'],
      [2, 'Bia', '2'],
      [3, 'Caio', '3'],
    ])
  })

  it('should keep a truncated last row without line break', () => {
    expect(fields(parseOnce(utf8('n;t\nAna;119876')).rows)).toEqual([
      [1, 'n', 't'],
      [2, 'Ana', '119876'],
    ])
  })

  it('should reject a 2 MB line as too long without keeping it and parse the next lines', () => {
    const long = 'x'.repeat(2 * 1024 * 1024)
    const bytes = utf8(`a;1\n${long};2\nb;3\n`)
    const { rows, state } = parseOnce(bytes, FMT, 64 * 1024)
    expect(fields(rows)).toEqual([
      [1, 'a', '1'],
      [2, 'line_too_long'],
      [3, 'b', '3'],
    ])
    const bad = rows[1]
    expect(bad?.ok === false && bad.raw.length).toBe(IMPORT_LIMITS.maxRawLength)
    expect(bad?.ok === false && bad.message).toContain('Linha muito longa')
    expect(state.nextByteOffset).toBe(bytes.length)
  })

  it('should reject a long line made of an unclosed quote without a line break', () => {
    const bytes = utf8(`"${'y'.repeat(100_000)}\nok;1\n`)
    expect(fields(parseOnce(bytes, FMT, 4096).rows)).toEqual([
      [1, 'line_too_long'],
      [2, 'ok', '1'],
    ])
  })

  it('should reject a row with 10,000 columns', () => {
    const bytes = utf8(`a;b\n${Array.from({ length: 10_000 }, (_, i) => i).join(';')}\nc;d\n`)
    const { rows } = parseOnce(bytes)
    expect(fields(rows)).toEqual([
      [1, 'a', 'b'],
      [2, 'too_many_columns'],
      [3, 'c', 'd'],
    ])
    expect(rows[1]?.ok === false && rows[1].message).toContain('colunas demais')
  })

  it('should skip the UTF-8 BOM only at the start of the file', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('nome;tel\nAna;1\n')])
    const format = { ...FMT, bomLength: 3 }
    expect(fields(parseOnce(bytes, format, 1).rows)).toEqual([
      [1, 'nome', 'tel'],
      [2, 'Ana', '1'],
    ])
  })

  it('should decode windows-1252 accents', () => {
    const format: CsvFormat = { ...FMT, encoding: 'windows-1252' }
    expect(fields(parseOnce(latin1('Concei\u00e7\u00e3o;Ant\u00f4nia\n'), format, 3).rows)).toEqual([
      [1, 'Conceição', 'Antônia'],
    ])
  })

  it('should keep accents intact when a UTF-8 character is split across chunks', () => {
    const csv = 'João;Conceição;😀\nAntônia;Estêvão;ç\n'
    for (let chunk = 1; chunk <= 7; chunk++) {
      expect(fields(parseOnce(utf8(csv), FMT, chunk).rows)).toEqual([
        [1, 'João', 'Conceição', '😀'],
        [2, 'Antônia', 'Estêvão', 'ç'],
      ])
    }
  })

  it('should decode a Windows-1252 row inside a UTF-8 file as Windows-1252', () => {
    const bytes = new Uint8Array([...utf8('João;1\n'), ...latin1('Concei\u00e7\u00e3o;2\n')])
    expect(fields(parseOnce(bytes).rows)).toEqual([
      [1, 'João', '1'],
      [2, 'Conceição', '2'],
    ])
  })

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

  it('should stop with a pt-BR message past the row limit', () => {
    const { rows, state } = parseOnce(utf8('h\n1\n2\n3\n4\n'), FMT, 3, { maxLineNumber: 3 })
    expect(fields(rows)).toEqual([
      [1, 'h'],
      [2, '1'],
      [3, '2'],
    ])
    expect(state.limitReached?.message).toContain('500.000')
    expect(state).toMatchObject({ done: false, budgetReached: false, nextLineNumber: 4 })
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
