import { describe, expect, it } from 'vitest'
import { generateContactsCsv } from '../../../../tests/bench/fixtures/generate-contacts-csv'
import {
  createChunkDecoder,
  decodeChunk,
  decodeWindows1252,
  decodeWindows1252Table,
  detectDelimiter,
  detectNewline,
  isUtf8,
  sniffCsv,
  sniffEncoding,
} from './csv-sniff'

const utf8 = (s: string) => new TextEncoder().encode(s)
const bytes = (...b: number[]) => new Uint8Array(b)
const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0))

describe('sniffEncoding', () => {
  it('should detect plain ASCII and UTF-8 as utf-8 without BOM', () => {
    expect(sniffEncoding(utf8('nome;telefone\nJoão;11987654321\n'))).toEqual({
      ok: true,
      encoding: 'utf-8',
      bomLength: 0,
    })
    expect(sniffEncoding(utf8('a,b\n1,2'))).toMatchObject({ encoding: 'utf-8' })
  })

  it('should detect the UTF-8 BOM and report its length', () => {
    expect(sniffEncoding(bytes(0xef, 0xbb, 0xbf, 0x61, 0x3b, 0x62))).toEqual({
      ok: true,
      encoding: 'utf-8',
      bomLength: 3,
    })
  })

  it('should fall back to windows-1252 when bytes are not valid UTF-8', () => {
    expect(sniffEncoding(latin1('nome;telefone\nJo\u00e3o Concei\u00e7\u00e3o;11987654321\n'))).toEqual({
      ok: true,
      encoding: 'windows-1252',
      bomLength: 0,
    })
  })

  it('should keep utf-8 when the sample ends in the middle of a multi-byte character', () => {
    const full = utf8('nome\nJoão')
    expect(sniffEncoding(full.subarray(0, full.length - 1))).toMatchObject({ encoding: 'utf-8' })
  })

  it('should refuse UTF-16 with a BOM or with NULs every other byte', () => {
    const le = bytes(0xff, 0xfe, 0x6e, 0x00, 0x6f, 0x00)
    const be = bytes(0xfe, 0xff, 0x00, 0x6e, 0x00, 0x6f)
    const noBom = Uint8Array.from([...'nome;telefone\r\n'].flatMap((c) => [c.charCodeAt(0), 0]))
    for (const b of [le, be, noBom]) {
      const r = sniffEncoding(b)
      expect(r).toMatchObject({ ok: false, reason: 'utf16' })
      if (!r.ok) expect(r.message).toContain('CSV UTF-8')
    }
  })

  it('should refuse XLSX/XLS files suggesting "Salvar como" CSV', () => {
    for (const b of [
      bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00),
      bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0),
    ]) {
      const r = sniffEncoding(b)
      expect(r).toMatchObject({ ok: false, reason: 'spreadsheet' })
      if (!r.ok) expect(r.message).toContain('Salvar como')
    }
  })

  it('should refuse images, PDFs and files with NUL bytes as not a CSV', () => {
    const cases = [
      bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
      bytes(0xff, 0xd8, 0xff, 0xe0),
      utf8('%PDF-1.7\n'),
      utf8('nome;telefone\nJo\u0000ao;1\n'),
      bytes(0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x0e, 0x0f, 0x10),
    ]
    for (const b of cases) {
      const r = sniffEncoding(b)
      expect(r).toMatchObject({ ok: false, reason: 'binary' })
      if (!r.ok) expect(r.message).toContain('não parece ser um CSV')
    }
  })

  it('should refuse an empty file', () => {
    expect(sniffEncoding(new Uint8Array())).toMatchObject({ ok: false, reason: 'empty' })
    expect(sniffCsv(utf8('  \r\n \n'))).toMatchObject({ ok: false, reason: 'empty' })
  })
})

describe('isUtf8', () => {
  it('should reject overlong, surrogate and stray continuation bytes', () => {
    expect(isUtf8(bytes(0xc0, 0xaf))).toBe(false)
    expect(isUtf8(bytes(0xed, 0xa0, 0x80))).toBe(false)
    expect(isUtf8(bytes(0x80))).toBe(false)
    expect(isUtf8(bytes(0xe3, 0x41))).toBe(false)
    expect(isUtf8(utf8('€ 😀 ç'))).toBe(true)
  })
})

describe('decoders', () => {
  it('should decode all 256 windows-1252 bytes per the WHATWG index', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i)
    const high = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ'
    const expected = Array.from({ length: 256 }, (_, i) =>
      i >= 0x80 && i < 0xa0 ? high[i - 0x80] : String.fromCharCode(i),
    ).join('')
    expect(decodeWindows1252Table(all)).toBe(expected)
    expect(decodeWindows1252(all)).toBe(expected)
    expect(decodeWindows1252(bytes(0x80, 0x93, 0x94, 0xe7))).toBe('€“”ç')
    expect(decodeWindows1252Table(new Uint8Array(20_000).fill(0xe7))).toBe('ç'.repeat(20_000))
  })

  it('should keep a UTF-8 character split across chunks intact', () => {
    const b = utf8('João;Conceição\n')
    for (let cut = 1; cut < b.length; cut++) {
      const d = createChunkDecoder('utf-8')
      const text = decodeChunk(d, b.subarray(0, cut)) + decodeChunk(d, b.subarray(cut), true)
      expect(text).toBe('João;Conceição\n')
    }
  })

  it('should decode windows-1252 chunk by chunk', () => {
    const b = latin1('Antônia;São Paulo')
    const d = createChunkDecoder('windows-1252')
    expect(decodeChunk(d, b.subarray(0, 5)) + decodeChunk(d, b.subarray(5), true)).toBe('Antônia;São Paulo')
  })

  it('should not strip the BOM (the parser skips it by byte offset)', () => {
    const d = createChunkDecoder('utf-8')
    expect(decodeChunk(d, bytes(0xef, 0xbb, 0xbf, 0x61), true)).toBe('\uFEFFa')
  })
})

describe('detectDelimiter', () => {
  it.each([
    ['nome;telefone;cidade\nAna;11987654321;Recife\n', ';'],
    ['nome,telefone\nAna,11987654321\n', ','],
    ['nome\ttelefone\nAna\t11987654321\n', '\t'],
    ['nome|telefone\nAna|11987654321\n', '|'],
  ])('should detect the delimiter of %j', (text, d) => {
    expect(detectDelimiter(text)).toBe(d)
  })

  it('should prefer ; when commas only appear inside quoted fields', () => {
    const text = 'nome;telefone\n"Silva, Ana";11987654321\n"Souza, José, Jr";21987654321\n'
    expect(detectDelimiter(text)).toBe(';')
  })

  it('should prefer the consistent delimiter over one that appears in free text', () => {
    const text =
      'nome;endereço;telefone\nAna;Rua A, 10, casa;11987654321\nJosé;Av. B, 20;21987654321\nLia;Rua C;31987654321\n'
    expect(detectDelimiter(text)).toBe(';')
  })

  it('should ignore a line cut at the end of the sample and fall back to , for one column', () => {
    expect(detectDelimiter('nome;telefone\nAna;1198\nJosé;2198\nLi')).toBe(';')
    expect(detectDelimiter('telefone\n11987654321\n')).toBe(',')
  })
})

describe('detectNewline', () => {
  it('should detect CRLF, LF and CR outside quotes', () => {
    expect(detectNewline('a;b\r\nc;d')).toBe('\r\n')
    expect(detectNewline('a;b\nc;d')).toBe('\n')
    expect(detectNewline('a;b\rc;d')).toBe('\r')
    expect(detectNewline('"a\nb";c\r\nd')).toBe('\r\n')
    expect(detectNewline('single line')).toBe('\n')
  })
})

describe('sniffCsv', () => {
  it('should report encoding, BOM, delimiter and newline together', () => {
    const b = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Nome;Telefone\r\nJoão;11987654321\r\n')])
    expect(sniffCsv(b)).toEqual({
      ok: true,
      format: { encoding: 'utf-8', bomLength: 3, delimiter: ';', newline: '\r\n' },
    })
  })

  it('should sniff a windows-1252 file with commas', () => {
    expect(sniffCsv(latin1('Nome,Telefone\nConcei\u00e7\u00e3o,11987654321\n'))).toEqual({
      ok: true,
      format: { encoding: 'windows-1252', bomLength: 0, delimiter: ',', newline: '\n' },
    })
  })
})

describe('detectDelimiter through papaparse (decision 027)', () => {
  it('should keep ; with Brazilian decimal commas, blank lines and ";;;" rows', () => {
    expect(detectDelimiter('nome;valor\nAna;10,50\nJosé;20,00\n')).toBe(';')
    expect(detectDelimiter('nome;valor;saldo\nAna;10,50;3,20\n;;\n\nJosé;1,00;2,00\n')).toBe(';')
  })

  it('should read a two-column file with a trailing line break and a header-only file', () => {
    expect(detectDelimiter('a;b\n1;2\n')).toBe(';')
    expect(detectDelimiter('nome\ttelefone')).toBe('\t')
  })

  it('should ignore a cut last line that would drop the average under 2 fields', () => {
    expect(detectDelimiter('nome;telefone\nLi')).toBe(';')
    expect(detectDelimiter('nome;telefone\nAna;1198\nJo')).toBe(';')
  })
})

describe('detectDelimiter with an unclosed quote (our fallback, decision 027)', () => {
  it('should still find ; when an unclosed quote swallows the rest of the sample', () => {
    expect(
      detectDelimiter('Nome;Telefone\r\n"Ana;11987654321\r\nBia;21987654321\r\nCaio;31987654321\r\n'),
    ).toBe(';')
    expect(detectDelimiter('telefone\n"11987654321\n')).toBe(',')
  })
})

describe('sniffCsv over generated Brazilian exports', () => {
  it.each([
    ['windows-1252', ';'],
    ['utf-8', ','],
    ['utf-8', '\t'],
    ['windows-1252', ','],
  ] as const)('should sniff a %s file with %j', (encoding, delimiter) => {
    const b = generateContactsCsv({ rows: 2000, seed: 7, encoding, delimiter, bom: encoding === 'utf-8' })
    expect(sniffCsv(b.subarray(0, 64 * 1024))).toEqual({
      ok: true,
      format: { encoding, bomLength: encoding === 'utf-8' ? 3 : 0, delimiter, newline: '\r\n' },
    })
  })
})
