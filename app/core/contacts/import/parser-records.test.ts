// ImportParser on whole files: quoted fields and line breaks, line ends at chunk boundaries, blank rows,
// rejected rows (unbalanced quotes, over-long lines, too many columns) and the encodings.
import { describe, expect, it } from 'vitest'
import { FMT, fields, latin1, parseOnce, utf8 } from '../../../../tests/fixtures/import-parser'
import type { CsvFormat } from './csv-sniff'
import { IMPORT_LIMITS } from './limits'

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
})
