// CSV parsing side by side (`npm run bench:csv`, decision 027): the same 100k-row Brazilian export
// (';', CRLF, accents, quoted fields) in Windows-1252 and in UTF-8 with BOM, parsed in this process by
// (a) the import's byte parser (app/core/contacts/import/parser.ts, 512 KB chunks, decoding included)
// and (b) papaparse on the decoded text: string mode, `chunk` (512 KB) and `step`, decoding included.
// Prints rows/s, best and median of BENCH_RUNS (5) runs interleaved, the ratio to (a), and whether the
// rows agree. Then the resume check: papaparse's `meta.cursor` after row N against the byte cursor the
// queue stores, and what a resume from that offset reads; and papaparse's own Node stream reader on
// UTF-8 chunks and on Windows-1252. Options: BENCH_ROWS (100000), BENCH_SEED (42), BENCH_RUNS (5).
import os from 'node:os'
import { Readable } from 'node:stream'
import Papa from 'papaparse'
import { type CsvFormat, createChunkDecoder, sniffCsv } from '../../app/core/contacts/import/csv-sniff'
import { createImportParser } from '../../app/core/contacts/import/parser'
import { generateContactsCsv } from './fixtures/generate-contacts-csv'

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000)
const SEED = Number(process.env.BENCH_SEED ?? 42)
const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const CHUNK = 512 * 1024

type Parse = (bytes: Uint8Array, format: CsvFormat) => string[][]

/** (a) The import's byte parser, fed 512 KB chunks like the queue consumer. */
const bytesParser: Parse = (bytes, format) => {
  const p = createImportParser({ format, totalBytes: bytes.length })
  const out: string[][] = []
  const take = (rows: ReturnType<typeof p.push>) => {
    for (const r of rows) if (r.ok) out.push(r.fields)
  }
  for (let o = 0; o < bytes.length; o += CHUNK) take(p.push(bytes.subarray(o, o + CHUNK)))
  take(p.end())
  return out
}

/** The whole file decoded to one string (what papaparse needs), BOM skipped. */
const decodeAll = (bytes: Uint8Array, format: CsvFormat) =>
  createChunkDecoder(format.encoding).decode(bytes.subarray(format.bomLength))

const papaString: Parse = (bytes, format) =>
  Papa.parse<string[]>(decodeAll(bytes, format), { delimiter: format.delimiter, skipEmptyLines: 'greedy' })
    .data

// papaparse's string streamer: `chunk` with `chunkSize` works on a string too (the types say files only)
type ChunkConfig = Papa.ParseConfig<string[]> & {
  chunkSize: number
  chunk: (r: Papa.ParseResult<string[]>) => void
}

const papaChunk: Parse = (bytes, format) => {
  const out: string[][] = []
  const config: ChunkConfig = {
    delimiter: format.delimiter,
    skipEmptyLines: 'greedy',
    chunkSize: CHUNK,
    chunk: (r) => {
      for (const row of r.data) out.push(row)
    },
  }
  Papa.parse<string[]>(decodeAll(bytes, format), config)
  return out
}

/** UTF-8 bytes of s[from, to) (what re-encoding the consumed text would give, without allocating). */
function utf8Bytes(s: string, from: number, to: number): number {
  let n = 0
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x80) n++
    else if (c < 0x800) n += 2
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4
      i++
    } else n += 3
  }
  return n
}

/** papaparse `chunk`, plus the byte cursor a resumable import would store after every chunk. */
const papaChunkBytes: Parse = (bytes, format) => {
  const out: string[][] = []
  const text = decodeAll(bytes, format)
  let chars = 0
  let byteCursor = format.bomLength
  const config: ChunkConfig = {
    delimiter: format.delimiter,
    skipEmptyLines: 'greedy',
    chunkSize: CHUNK,
    chunk: (r) => {
      for (const row of r.data) out.push(row)
      const cursor = Math.min(r.meta.cursor, text.length)
      byteCursor += format.encoding === 'utf-8' ? utf8Bytes(text, chars, cursor) : cursor - chars
      chars = cursor
    },
  }
  Papa.parse<string[]>(text, config)
  if (byteCursor !== bytes.length) throw new Error(`byte cursor ${byteCursor}, file ${bytes.length}`)
  return out
}

const papaStep: Parse = (bytes, format) => {
  const out: string[][] = []
  Papa.parse<string[]>(decodeAll(bytes, format), {
    delimiter: format.delimiter,
    skipEmptyLines: 'greedy',
    step: (r) => {
      out.push(r.data)
    },
  })
  return out
}

const PARSERS: Array<[string, Parse]> = [
  ['byte parser (import)', bytesParser],
  ['papaparse string', papaString],
  ['papaparse chunk 512 KB', papaChunk],
  ['papaparse chunk + bytes', papaChunkBytes],
  ['papaparse step', papaStep],
]

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const rate = (s: number) => `${Math.round(ROWS / s).toLocaleString('en')} rows/s`

function speed(label: string, bytes: Uint8Array, format: CsvFormat) {
  console.log(`\n${label}: ${(bytes.length / 1024 / 1024).toFixed(1)} MB, '${format.delimiter}'`)
  const reference = bytesParser(bytes, format)
  const times = PARSERS.map(() => [] as number[])
  for (let run = 0; run < RUNS; run++) {
    PARSERS.forEach(([, parse], i) => {
      const started = performance.now()
      parse(bytes, format)
      times[i]!.push((performance.now() - started) / 1000)
    })
  }
  const base = times[0]!
  PARSERS.forEach(([name, parse], i) => {
    const t = times[i]!
    const rows = parse(bytes, format)
    const differ = rows.reduce(
      (n, r, k) => n + (JSON.stringify(r) === JSON.stringify(reference[k]) ? 0 : 1),
      Math.abs(rows.length - reference.length),
    )
    console.log(
      `  ${name.padEnd(24)} best ${Math.min(...t).toFixed(3)} s (${rate(Math.min(...t))}), median ${median(t).toFixed(3)} s, ` +
        `ratio to byte parser best/best ${(Math.min(...t) / Math.min(...base)).toFixed(2)}x, median/median ${(median(t) / median(base)).toFixed(2)}x; ` +
        `${rows.length.toLocaleString('en')} rows, ${differ} differ from the byte parser`,
    )
  })
}

/** papaparse's cursor after `n` rows (characters of the decoded string), via `step` and abort. */
function papaCursorAfter(text: string, format: CsvFormat, n: number): number {
  let rows = 0
  let cursor = -1
  Papa.parse<string[]>(text, {
    delimiter: format.delimiter,
    step: (r, parser) => {
      if (++rows === n) {
        cursor = r.meta.cursor
        parser.abort()
      }
    },
  })
  return cursor
}

const utf8Length = (s: string) => new TextEncoder().encode(s).length

function resume(label: string, bytes: Uint8Array, format: CsvFormat) {
  const text = decodeAll(bytes, format)
  for (const n of [1_000, 50_000].filter((k) => k < ROWS)) {
    const ours = createImportParser({ format, maxRows: n })
    ours.push(bytes)
    const byteCursor = ours.state.nextByteOffset
    const expected = createImportParser({ format, startByteOffset: byteCursor, maxRows: 1 }).push(
      bytes.subarray(byteCursor),
    )[0]
    const cursor = papaCursorAfter(text, format, n)
    // a crash after row n: the next invocation reads the file from papaparse's offset
    const resumed = Papa.parse<string[]>(decodeAll(bytes.subarray(cursor), { ...format, bomLength: 0 }), {
      delimiter: format.delimiter,
      preview: 1,
    }).data[0]
    const same = expected?.ok && JSON.stringify(resumed) === JSON.stringify(expected.fields)
    const converted =
      format.bomLength + (format.encoding === 'utf-8' ? utf8Length(text.slice(0, cursor)) : cursor)
    console.log(
      `  ${label}, after row ${n.toLocaleString('en')}: byte cursor ${byteCursor}, papaparse meta.cursor ${cursor} ` +
        `(${cursor - byteCursor} off); resuming at byte ${cursor} reads ${same ? 'the right row' : `${JSON.stringify(resumed).slice(0, 60)} (WRONG)`}; ` +
        `re-encoding the consumed text gives byte ${converted} (${converted === byteCursor ? 'exact' : 'wrong'})`,
    )
  }
}

/** One unclosed quote near the top: what each parser makes of the rest of the file. */
function unclosedQuote(bytes: Uint8Array, format: CsvFormat) {
  // the file without its quoted fields' quotes, then one quote that never closes at the start of line 2
  const text = decodeAll(bytes, format).replaceAll('"', '')
  const second = text.indexOf('\n') + 1
  const broken = new TextEncoder().encode(`${text.slice(0, second)}"${text.slice(second)}`)
  const utf8Format = { ...format, encoding: 'utf-8' as const, bomLength: 0 }
  const p = createImportParser({ format: utf8Format })
  const ours = [...p.push(broken), ...p.end()]
  const papa = Papa.parse<string[]>(decodeAll(broken, utf8Format), { delimiter: format.delimiter })
  const longest = Math.max(...papa.data.flat().map((f) => f.length))
  const rejected = ours.flatMap((r) => (r.ok ? [] : [`line ${r.line} ${r.reason}`]))
  console.log(
    `  byte parser: ${ours.filter((r) => r.ok).length.toLocaleString('en')} rows read, rejected: ${rejected.join(', ') || 'none'}`,
  )
  console.log(
    `  papaparse:   ${papa.data.length.toLocaleString('en')} rows read, errors ${JSON.stringify([...new Set(papa.errors.map((e) => e.code))])}, ` +
      `longest field ${(longest / 1024 / 1024).toFixed(1)} M characters (the rest of the file)`,
  )
}

/** papaparse's own Node stream reader: each chunk decoded alone with Buffer#toString(encoding). */
async function papaStream(bytes: Uint8Array, encoding: BufferEncoding, chunk: number) {
  const parts: Buffer[] = []
  for (let o = 0; o < bytes.length; o += chunk) parts.push(Buffer.from(bytes.subarray(o, o + chunk)))
  let rows = 0
  let broken = 0
  await new Promise<void>((done) => {
    Papa.parse<string[]>(Readable.from(parts) as unknown as File, {
      delimiter: ';',
      encoding,
      step: (r) => {
        rows++
        if (r.data.some((f) => f.includes('\uFFFD'))) broken++
      },
      complete: () => done(),
    })
  })
  return { rows, broken }
}

async function main() {
  const cp1252 = generateContactsCsv({ rows: ROWS, seed: SEED, encoding: 'windows-1252' })
  const utf8 = generateContactsCsv({ rows: ROWS, seed: SEED, encoding: 'utf-8', bom: true })
  const files: Array<[string, Uint8Array]> = [
    ['Windows-1252', cp1252],
    ['UTF-8 with BOM', utf8],
  ]
  console.log(`${ROWS.toLocaleString('en')} rows (seed ${SEED}), ${RUNS} runs each, interleaved`)
  for (const [label, bytes] of files) {
    const sniff = sniffCsv(bytes.subarray(0, 72 * 1024))
    if (!sniff.ok) throw new Error(sniff.message)
    speed(label, bytes, sniff.format)
  }

  console.log('\nresume after a crash (the queue stores a byte offset and reads R2 from there):')
  for (const [label, bytes] of files) {
    const sniff = sniffCsv(bytes.subarray(0, 72 * 1024))
    if (sniff.ok) resume(label, bytes, sniff.format)
  }

  console.log('\nan unclosed quote at the start of line 2 (the Windows-1252 file, other quotes taken out):')
  const cpSniff = sniffCsv(cp1252.subarray(0, 72 * 1024))
  if (cpSniff.ok) unclosedQuote(cp1252, cpSniff.format)

  console.log("\npapaparse's Node stream reader (Buffer#toString per chunk):")
  const s = await papaStream(utf8.subarray(3), 'utf8', 64 * 1024 + 1)
  console.log(
    `  UTF-8 in 64 KB + 1 chunks: ${s.rows.toLocaleString('en')} rows, ${s.broken} with U+FFFD (a character cut between chunks)`,
  )
  const smart = Uint8Array.from([0x93, 0x4f, 0x69, 0x94, 0x20, 0x96, 0x20, 0x80])
  const codes = (t: string) =>
    [...t].map((c) => `U+${c.codePointAt(0)!.toString(16).padStart(4, '0')}`).join(' ')
  const latin1 = codes(Buffer.from(smart).toString('latin1'))
  let named = 'accepted'
  try {
    Buffer.from(smart).toString('windows-1252' as BufferEncoding)
  } catch {
    named = 'refused (Unknown encoding)'
  }
  console.log(
    `  Windows-1252: Node's Buffer has no such encoding ('windows-1252' ${named}); 'latin1' reads the bytes of “Oi” – € as ${latin1} (C1 controls), ours as ${JSON.stringify(createChunkDecoder('windows-1252').decode(smart))}`,
  )
  console.log(
    `\nmachine: ${os.cpus().length} CPUs, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  )
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
