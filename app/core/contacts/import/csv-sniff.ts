// CSV sniffing from the first bytes of an upload: refuses non-CSV files (binary, spreadsheets, UTF-16),
// detects the encoding (UTF-8 with or without BOM, else Windows-1252), the delimiter and the newline style.
// Also provides incremental decoders that survive multi-byte characters split across chunks.
// Encoding detection and the decoders are ours (papaparse takes decoded text and has none); the
// delimiter and newline guesses are papaparse's, on the decoded sample (decision 027).

import Papa from 'papaparse'
import { ptText } from '../../../i18n'
import { type Text, text } from '../../../i18n/text'

export type CsvEncoding = 'utf-8' | 'windows-1252'
export type CsvDelimiter = ';' | ',' | '\t' | '|'
export type CsvNewline = '\r\n' | '\n' | '\r'

export type CsvFormat = {
  encoding: CsvEncoding
  /** Bytes of byte-order mark to skip at offset 0 (3 for UTF-8 BOM, else 0). */
  bomLength: number
  delimiter: CsvDelimiter
  newline: CsvNewline
}

type SniffRejectReason = 'empty' | 'utf16' | 'spreadsheet' | 'binary'

export type EncodingResult =
  | { ok: true; encoding: CsvEncoding; bomLength: number }
  | { ok: false; reason: SniffRejectReason; text: Text; message: string }

export type SniffResult =
  | { ok: true; format: CsvFormat }
  | { ok: false; reason: SniffRejectReason; text: Text; message: string }

const SNIFF_REASONS: readonly SniffRejectReason[] = ['empty', 'utf16', 'spreadsheet', 'binary']

/** The pt-BR text of each reason (catalogue code `import.sniff.<reason>`, decision 025). */
const SNIFF_MESSAGES = Object.fromEntries(
  SNIFF_REASONS.map((reason) => [reason, ptText(`import.sniff.${reason}`)]),
) as Record<SniffRejectReason, string>

const fail = (reason: SniffRejectReason) => ({
  ok: false as const,
  reason,
  text: text(`import.sniff.${reason}`),
  message: SNIFF_MESSAGES[reason],
})

const startsWith = (b: Uint8Array, sig: readonly number[]) => sig.every((v, i) => b[i] === v)

const ZIP = [0x50, 0x4b, 0x03, 0x04]
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06]
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]
const BINARY_MAGIC: readonly (readonly number[])[] = [
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x25, 0x50, 0x44, 0x46], // %PDF
  [0x47, 0x49, 0x46, 0x38], // GIF
  [0x52, 0x49, 0x46, 0x46], // RIFF (WEBP, WAV)
  [0x1f, 0x8b], // gzip
  [0x52, 0x61, 0x72, 0x21], // RAR
  [0x37, 0x7a, 0xbc, 0xaf], // 7z
  [0x7f, 0x45, 0x4c, 0x46], // ELF
  [0x4d, 0x5a], // EXE
]

/** Detects the text encoding from the first bytes; refuses UTF-16, spreadsheets and binary files. */
export function sniffEncoding(sample: Uint8Array): EncodingResult {
  if (sample.length === 0) return fail('empty')
  if (startsWith(sample, [0xff, 0xfe]) || startsWith(sample, [0xfe, 0xff])) return fail('utf16')
  if (startsWith(sample, ZIP) || startsWith(sample, ZIP_EMPTY) || startsWith(sample, OLE2)) {
    return fail('spreadsheet')
  }
  if (BINARY_MAGIC.some((sig) => startsWith(sample, sig))) return fail('binary')
  const bomLength = startsWith(sample, [0xef, 0xbb, 0xbf]) ? 3 : 0
  // NUL bytes: UTF-16 without BOM has one every other byte; other binaries have them anywhere.
  let nul = 0
  let evenNul = 0
  let control = 0
  const n = Math.min(sample.length, 64 * 1024)
  for (let i = 0; i < n; i++) {
    const b = sample[i]!
    if (b === 0) {
      nul++
      if ((i & 1) === 0) evenNul++
    } else if (b < 9 || (b > 13 && b < 32 && b !== 26)) control++
  }
  if (nul > 0) {
    const odd = nul - evenNul
    if (nul >= n / 4 && (evenNul > odd * 4 || odd > evenNul * 4)) return fail('utf16')
    return fail('binary')
  }
  if (control > n / 100 + 2) return fail('binary')
  if (bomLength === 3) return { ok: true, encoding: 'utf-8', bomLength }
  return { ok: true, encoding: isUtf8(sample) ? 'utf-8' : 'windows-1252', bomLength: 0 }
}

/** True when the bytes are valid UTF-8, tolerating a multi-byte sequence cut off at the very end. */
export function isUtf8(b: Uint8Array): boolean {
  const n = b.length
  let i = 0
  while (i < n) {
    const c = b[i]!
    if (c < 0x80) {
      i++
      continue
    }
    let need: number
    let min: number
    if (c >= 0xc2 && c <= 0xdf) {
      need = 1
      min = 0x80
    } else if (c >= 0xe0 && c <= 0xef) {
      need = 2
      min = 0x800
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3
      min = 0x10000
    } else return false
    if (i + need >= n) {
      // truncated sequence at the end of the sample: check the bytes present only
      for (let k = i + 1; k < n; k++) if ((b[k]! & 0xc0) !== 0x80) return false
      return true
    }
    let cp = c & (0x3f >> need)
    for (let k = 1; k <= need; k++) {
      const cc = b[i + k]!
      if ((cc & 0xc0) !== 0x80) return false
      cp = (cp << 6) | (cc & 0x3f)
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false
    i += need + 1
  }
  return true
}

// Windows-1252 bytes 0x80-0x9F; every other byte is its own Latin-1 code point.
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
  0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
  0x153, 0x9d, 0x17e, 0x178,
]
const CP1252 = new Uint16Array(256)
for (let i = 0; i < 256; i++) CP1252[i] = i >= 0x80 && i < 0xa0 ? CP1252_HIGH[i - 0x80]! : i

const asciiDecoder = new TextDecoder('utf-8')

// The platform's decoder when it knows the WHATWG "windows-1252" label (Node with ICU does); else ours.
let native1252: TextDecoder | null | undefined

function nativeWindows1252(): TextDecoder | null {
  if (native1252 === undefined) native1252 = probeNative1252()
  return native1252
}

function probeNative1252(): TextDecoder | null {
  try {
    // some Node 22 and workerd releases decode 0x80-0x9F as Latin-1: use the table there
    const td = new TextDecoder('windows-1252')
    const probe = Uint8Array.from({ length: 0x30 }, (_, i) => 0x80 + i)
    return td.decode(probe) === decodeWindows1252Table(probe) ? td : null
  } catch {
    return null
  }
}

/** Decodes Windows-1252 bytes (a single-byte encoding, so any slice decodes on its own). */
export function decodeWindows1252(bytes: Uint8Array): string {
  const native = nativeWindows1252()
  return native ? native.decode(bytes) : decodeWindows1252Table(bytes)
}

// UTF-8 bytes of each Windows-1252 byte 0x80-0xFF (2 or 3 bytes), for transcoding to the native decoder.
const CP1252_UTF8: Uint8Array[] = []
for (let i = 0x80; i < 0x100; i++) CP1252_UTF8.push(new TextEncoder().encode(String.fromCharCode(CP1252[i]!)))
let scratch = new Uint8Array(16 * 1024)

/** Table-based Windows-1252 decoder (used where TextDecoder lacks the label or gets 0x80-0x9F wrong). */
export function decodeWindows1252Table(bytes: Uint8Array): string {
  let i = 0
  const n = bytes.length
  while (i < n && bytes[i]! < 0x80) i++
  if (i === n) return asciiDecoder.decode(bytes)
  // transcode to UTF-8 (at most 3 bytes per input byte) and let the native UTF-8 decoder build the string
  // reuse a scratch buffer for record-sized inputs; big ones (a sniff sample) get a temporary one
  if (n * 3 > scratch.length && n * 3 <= 256 * 1024) scratch = new Uint8Array(n * 3)
  const out = n * 3 <= scratch.length ? scratch : new Uint8Array(n * 3)
  out.set(bytes.subarray(0, i), 0)
  let o = i
  for (; i < n; i++) {
    const b = bytes[i]!
    if (b < 0x80) out[o++] = b
    else {
      const u = CP1252_UTF8[b - 0x80]!
      out[o++] = u[0]!
      out[o++] = u[1]!
      if (u.length === 3) out[o++] = u[2]!
    }
  }
  return asciiDecoder.decode(out.subarray(0, o))
}

export type ChunkDecoder = { decode(chunk: Uint8Array, opts?: { stream?: boolean }): string }

/**
 * Incremental decoder: call decode(chunk, { stream: true }) per chunk and decode(empty) at the end;
 * a UTF-8 character split across chunks is carried to the next call. Does not strip the BOM.
 */
export function createChunkDecoder(encoding: CsvEncoding): ChunkDecoder {
  if (encoding === 'windows-1252') return { decode: (chunk) => decodeWindows1252(chunk) }
  const td = new TextDecoder('utf-8', { ignoreBOM: true })
  return { decode: (chunk, opts) => td.decode(chunk, { stream: opts?.stream ?? false }) }
}

/** Decodes one chunk of a stream with a decoder from createChunkDecoder (stream mode). */
export function decodeChunk(decoder: ChunkDecoder, chunk: Uint8Array, last = false): string {
  return decoder.decode(chunk, { stream: !last })
}

const DELIMITERS: readonly CsvDelimiter[] = [';', ',', '\t', '|']

// Drops a last line the sample's end cut off ("...\nJosé;2198\nLi"): papaparse's guess needs an average
// of 2+ fields over its first 10 rows, so a short cut line in a small sample would tip ';' to ','.
function completeLines(text: string): string {
  if (text.endsWith('\n') || text.endsWith('\r')) return text
  const cut = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'))
  return cut === -1 ? text : text.slice(0, cut + 1)
}

/**
 * Picks the delimiter (; , tab |) through papaparse's guess: on its first 10 rows, parsed with quotes,
 * the candidate whose field count varies least between rows (blank and ";;;" rows skipped), then more
 * fields; ties keep the earlier candidate; ',' when no candidate gives 2+ fields per row.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const lines = completeLines(text)
  let guess = papaGuess(lines)
  // An unclosed quote early on makes papaparse read the rest of the sample as one field, so no
  // candidate reaches 2 fields a row and it says ','. Our earlier rule looked only at the lines
  // before that quote; here papaparse guesses again on the text with its quotes taken out.
  if (guess === null && lines.includes('"')) guess = papaGuess(lines.replaceAll('"', ''))
  return guess ?? ','
}

// papaparse's guess, or null when it found no delimiter (it would default to ',').
function papaGuess(text: string): CsvDelimiter | null {
  const { meta, errors } = Papa.parse<string[]>(text, {
    delimitersToGuess: DELIMITERS as CsvDelimiter[],
    skipEmptyLines: 'greedy',
    preview: 1,
  })
  if (errors.some((e) => e.code === 'UndetectableDelimiter')) return null
  return DELIMITERS.find((d) => d === meta.delimiter) ?? null
}

/** Newline style through papaparse's guess (text inside quotes ignored; LF when there is none). */
export function detectNewline(text: string): CsvNewline {
  const { meta } = Papa.parse<string[]>(text, { delimiter: ',', preview: 1 })
  return meta.linebreak === '\r\n' || meta.linebreak === '\r' ? meta.linebreak : '\n'
}

/** Sniffs encoding, delimiter and newline from the first bytes of a file (pass 64 KB or more). */
export function sniffCsv(sample: Uint8Array): SniffResult {
  const enc = sniffEncoding(sample)
  if (!enc.ok) return enc
  const body = sample.subarray(enc.bomLength)
  const text = createChunkDecoder(enc.encoding).decode(body, { stream: true })
  if (text.trim().length === 0) return fail('empty')
  return {
    ok: true,
    format: {
      encoding: enc.encoding,
      bomLength: enc.bomLength,
      delimiter: detectDelimiter(text),
      newline: detectNewline(text),
    },
  }
}
