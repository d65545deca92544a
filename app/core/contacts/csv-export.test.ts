import { describe, expect, it } from 'vitest'
import { escapeFormula, quoteCell, toCsv, toCsvLine } from './csv-export'
import { createImportParser } from './import-parser'

describe('escapeFormula', () => {
  it.each([
    ['=HYPERLINK("http://evil")', `'=HYPERLINK("http://evil")`],
    ['+5511987654321', `'+5511987654321`],
    ['-1+2', `'-1+2`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\tcmd', `'\tcmd`],
    ['\rcmd', `'\rcmd`],
    ['Ana', 'Ana'],
    ['', ''],
    [' =1', ' =1'],
  ])('should escape %j as %j', (cell, out) => {
    expect(escapeFormula(cell)).toBe(out)
  })
})

describe('quoteCell / toCsvLine', () => {
  it('should quote only cells with the delimiter, quotes or line breaks', () => {
    expect(quoteCell('Ana', ';')).toBe('Ana')
    expect(quoteCell('Silva; Ana', ';')).toBe('"Silva; Ana"')
    expect(quoteCell('Silva, Ana', ';')).toBe('Silva, Ana')
    expect(quoteCell('Silva, Ana', ',')).toBe('"Silva, Ana"')
    expect(quoteCell('diz "oi"', ';')).toBe('"diz ""oi"""')
    expect(quoteCell('a\nb', ';')).toBe('"a\nb"')
    expect(quoteCell('a\rb', ';')).toBe('"a\rb"')
  })

  it('should join cells with the delimiter', () => {
    expect(toCsvLine(['a', 'b;c', ''], ';')).toBe('a;"b;c";')
  })
})

describe('toCsv', () => {
  it('should write a BOM, CRLF after each row, escape formulas and quote', () => {
    const csv = toCsv([
      ['Nome', 'Telefone', 'Motivo'],
      ['=cmd|"/c calc"!A1', '+5511987654321', 'Telefone vazio; preencha'],
      ['João', '', ''],
    ])
    expect(csv).toBe(
      '\uFEFFNome;Telefone;Motivo\r\n' +
        `"'=cmd|""/c calc""!A1";'+5511987654321;"Telefone vazio; preencha"\r\n` +
        'João;;\r\n',
    )
  })

  it('should honour delimiter, bom and escapeFormulas options', () => {
    expect(toCsv([['=1', 'a,b']], { delimiter: ',', bom: false, escapeFormulas: false })).toBe('=1,"a,b"\r\n')
    expect(toCsv([], { bom: false })).toBe('')
  })

  it('should round-trip through the import parser', () => {
    const rows = [
      ['Nome', 'Obs'],
      ['Conceição "Ção"', 'linha 1\r\nlinha 2'],
      ['Silva; Ana', ''],
    ]
    const text = toCsv(rows, { bom: false })
    const p = createImportParser({
      format: { encoding: 'utf-8', bomLength: 0, delimiter: ';', newline: '\r\n' },
    })
    const parsed = [...p.push(new TextEncoder().encode(text)), ...p.end()]
    expect(parsed.map((r) => r.ok && r.fields)).toEqual(rows)
  })
})
