import { describe, expect, it } from 'vitest'
import { normalizeBrPhone } from '../phone/brazil'
import { csvLines, csvStream, escapeFormula, phoneCell, quoteCell, toCsvLine, typedCell } from './csv-export'
import { createImportParser } from './import/parser'

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

describe('phoneCell', () => {
  it('should write a phone as a text formula a spreadsheet shows as typed (no apostrophe)', () => {
    expect(phoneCell('+5511987654321')).toBe('="+5511987654321"')
    expect(phoneCell('+12025550123')).toBe('="+12025550123"')
    // quoted as CSV: ="" doubled, the cell reads ="+5511987654321" again
    expect(toCsvLine([phoneCell('+5511987654321')])).toBe('"=""+5511987654321"""')
  })

  it('should escape anything that is not a plain phone number like any typed cell', () => {
    expect(phoneCell('+55 11 9")&cmd')).toBe(`'+55 11 9")&cmd`)
    expect(phoneCell('=1+1')).toBe(`'=1+1`)
    expect(phoneCell('+1234567890123456789')).toBe(`'+1234567890123456789`)
  })

  it('should import again as the same phone (a downloaded list can be uploaded back)', () => {
    expect(normalizeBrPhone(phoneCell('+5511987654321'))).toMatchObject({ ok: true, e164: '+5511987654321' })
  })
})

describe('typedCell', () => {
  it.each([
    ['=HYPERLINK("http://evil";"x")', `'=HYPERLINK("http://evil";"x")`],
    ['-10', `'-10`],
    ['@cmd', `'@cmd`],
    ['\t=1', `'\t=1`],
    ['\r=1', `'\r=1`],
    ['+5511987654321', '="+5511987654321"'],
    ['+55 (11) 98765-4321', `'+55 (11) 98765-4321`],
    ['5511987654321', '="5511987654321"'],
    ['01310100', '="01310100"'],
    ['00123', '="00123"'],
    ['12345', '12345'],
    ['0', '0'],
    ['Ana Maria', 'Ana Maria'],
    ['', ''],
  ])('should make %j safe as %j', (cell, out) => {
    expect(typedCell(cell)).toBe(out)
  })
})

describe('quoteCell / toCsvLine / csvLines', () => {
  it('should quote only cells with the delimiter, quotes or line breaks', () => {
    expect(quoteCell('Ana', ';')).toBe('Ana')
    expect(quoteCell('Silva; Ana', ';')).toBe('"Silva; Ana"')
    expect(quoteCell('Silva, Ana', ';')).toBe('Silva, Ana')
    expect(quoteCell('Silva, Ana', ',')).toBe('"Silva, Ana"')
    expect(quoteCell('diz "oi"', ';')).toBe('"diz ""oi"""')
    expect(quoteCell('a\nb', ';')).toBe('"a\nb"')
    expect(quoteCell('a\rb', ';')).toBe('"a\rb"')
  })

  it('should join cells with the delimiter and end every row with CRLF', () => {
    expect(toCsvLine(['a', 'b;c', ''], ';')).toBe('a;"b;c";')
    expect(
      csvLines([
        ['a', 'b'],
        ['c;d', ''],
      ]),
    ).toBe('a;b\r\n"c;d";\r\n')
    expect(csvLines([['a', 'b,c']], ',')).toBe('a,"b,c"\r\n')
  })

  it('should let papaparse escape a formula cell nobody made safe, but not the phone text formula', () => {
    expect(csvLines([['=HYPERLINK("x")', '="+5511987654321"', '="01310100"', '-1', "'=1", 'Ana']])).toBe(
      `"'=HYPERLINK(""x"")";"=""+5511987654321""";"=""01310100""";"'-1";'=1;Ana\r\n`,
    )
    // already safe cells pass unchanged: every output of typedCell and phoneCell
    const safe = ['=1+1', '-10', '+5511987654321', '00123', '@x', '\t=1'].flatMap((c) => [
      typedCell(c),
      phoneCell(c),
    ])
    expect(csvLines([safe])).toBe(`${toCsvLine(safe)}\r\n`)
  })

  it('should round-trip through the import parser', () => {
    const rows = [
      ['Nome', 'Obs'],
      ['Conceição "Ção"', 'linha 1\r\nlinha 2'],
      ['Silva; Ana', ''],
    ]
    const p = createImportParser({
      format: { encoding: 'utf-8', bomLength: 0, delimiter: ';', newline: '\r\n' },
    })
    const parsed = [...p.push(new TextEncoder().encode(csvLines(rows))), ...p.end()]
    expect(parsed.map((r) => r.ok && r.fields)).toEqual(rows)
  })
})

describe('csvStream', () => {
  it('should write the BOM and header, then each page as it comes, and close after the last', async () => {
    const pages: string[][][] = [[['Ana', '="+5511987654321"']], [], [['Bia', '']]]
    let calls = 0
    const stream = csvStream(['Nome', 'Telefone'], async () => {
      calls++
      return pages.shift() ?? null
    })
    const reader = stream.getReader()
    const chunks: string[] = []
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true })
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      chunks.push(decoder.decode(value))
    }
    expect(chunks).toEqual(['\uFEFFNome;Telefone\r\n', 'Ana;"=""+5511987654321"""\r\n', 'Bia;\r\n'])
    expect(calls).toBe(4)
  })
})
