import { describe, expect, it } from 'vitest'
import { generateContactsCsv } from '../../../../tests/bench/fixtures/generate-contacts-csv'
import { FMT, latin1, parseOnce, utf8 } from '../../../../tests/fixtures/import-parser'
import type { CsvFormat } from './csv-sniff'
import { previewRows } from './preview'

const okRows = (bytes: Uint8Array, format: CsvFormat) =>
  parseOnce(bytes, format)
    .rows.flatMap((r) => (r.ok ? [{ line: r.line, fields: r.fields }] : []))
    .slice(0, 50)

describe('previewRows (papaparse)', () => {
  it('should read quoted fields, doubled quotes, line breaks in quotes and CRLF like the import', () => {
    const b = utf8('nome;telefone\r\n"Silva; Ana";"diz ""oi"""\r\n"a\r\nb";11987654321\r\n')
    expect(previewRows(b, FMT, { complete: true })).toEqual([
      { line: 1, fields: ['nome', 'telefone'] },
      { line: 2, fields: ['Silva; Ana', 'diz "oi"'] },
      { line: 3, fields: ['a\r\nb', '11987654321'] },
    ])
    expect(previewRows(b, FMT, { complete: true })).toEqual(okRows(b, FMT))
  })

  it('should skip blank and ";;;" rows but number lines like the import', () => {
    const b = utf8('nome;telefone\n\n;;\nAna;1198\n')
    expect(previewRows(b, FMT, { complete: true })).toEqual([
      { line: 1, fields: ['nome', 'telefone'] },
      { line: 4, fields: ['Ana', '1198'] },
    ])
    expect(previewRows(b, FMT, { complete: true })).toEqual(okRows(b, FMT))
  })

  it('should leave out the record a partial sample cut, and a UTF-8 character cut in half', () => {
    const b = utf8('nome;cidade\nAna;São Paulo\nJosé;Conceição')
    const cut = b.subarray(0, b.length - 1) // inside "ã"
    expect(previewRows(cut, FMT, { complete: false })).toEqual([
      { line: 1, fields: ['nome', 'cidade'] },
      { line: 2, fields: ['Ana', 'São Paulo'] },
    ])
    expect(previewRows(b, FMT, { complete: true }).at(-1)).toEqual({ line: 3, fields: ['José', 'Conceição'] })
  })

  it('should skip a UTF-8 BOM and decode Windows-1252', () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('nome;telefone\n')])
    expect(previewRows(bom, { ...FMT, bomLength: 3 }, { complete: true })).toEqual([
      { line: 1, fields: ['nome', 'telefone'] },
    ])
    const cp = latin1('nome,cidade\r\nConcei\u00e7\u00e3o,S\u00e3o Paulo\r\n')
    const fmt: CsvFormat = { encoding: 'windows-1252', bomLength: 0, delimiter: ',', newline: '\n' }
    expect(previewRows(cp, fmt, { complete: true })).toEqual([
      { line: 1, fields: ['nome', 'cidade'] },
      { line: 2, fields: ['Conceição', 'São Paulo'] },
    ])
  })

  it.each([
    ['windows-1252', ';'],
    ['utf-8', ','],
    ['utf-8', '\t'],
  ] as const)(
    "should give the import parser's first 50 rows on a %s %j export cut at 64 KB",
    (encoding, delimiter) => {
      const all = generateContactsCsv({ rows: 3000, seed: 11, encoding, delimiter })
      const sample = all.subarray(0, 64 * 1024)
      const format: CsvFormat = { encoding, bomLength: 0, delimiter, newline: '\n' }
      const rows = previewRows(sample, format, { complete: false })
      expect(rows).toHaveLength(50)
      expect(rows).toEqual(okRows(all, format))
    },
  )
})
