// The archive object's format (decision 042): gzip (CompressionStream) of NDJSON. The first line is
// the manifest (schema version, campaign, tenant, rows per table, when); every other line is one D1 row
// as SQLite returned it (snake_case columns): {"t":"campaign_messages","r":{...}}. The checksum is the
// sha-256 of the gzip bytes, kept beside the object (R2 metadata and the campaign_archives row).

export const ARCHIVE_SCHEMA_VERSION = 1
const ARCHIVED_TABLES = ['campaign_messages', 'campaign_audience'] as const
export type ArchivedTable = (typeof ARCHIVED_TABLES)[number]

export type RawRow = Record<string, string | number | null>

export type ArchiveManifest = {
  schemaVersion: number
  campaignId: string
  tenantId: string
  counts: Record<ArchivedTable, number>
  createdAt: number
}

/** Why an archive cannot be read: no object at its key, or bytes that do not match the checksum. */
export type ArchiveProblem = 'missing' | 'corrupt'

export class ArchiveUnreadable extends Error {
  constructor(readonly problem: ArchiveProblem) {
    super(`archive ${problem}`)
    this.name = 'ArchiveUnreadable'
  }
}

const encoder = new TextEncoder()

export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes)
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/** Compresses the manifest and the rows, one JSON line each, as the pages come. */
export async function encodeArchive(
  manifest: ArchiveManifest,
  pages: AsyncIterable<{ table: ArchivedTable; rows: RawRow[] }>,
): Promise<Uint8Array<ArrayBuffer>> {
  const gzip = new CompressionStream('gzip')
  const out = new Response(gzip.readable).arrayBuffer()
  const writer = gzip.writable.getWriter()
  await writer.write(encoder.encode(`${JSON.stringify({ manifest })}\n`))
  for await (const { table, rows } of pages) {
    if (rows.length === 0) continue
    await writer.write(encoder.encode(rows.map((r) => `${JSON.stringify({ t: table, r })}\n`).join('')))
  }
  await writer.close()
  return new Uint8Array(await out)
}

/** The object's lines, decompressed as a stream (the JSON text never sits in memory at once). */
async function* lines(bytes: Uint8Array<ArrayBuffer>): AsyncGenerator<string> {
  const text = new Blob([bytes])
    .stream()
    .pipeThrough(new DecompressionStream('gzip'))
    .pipeThrough(new TextDecoderStream())
  let buffer = ''
  for await (const chunk of text as unknown as AsyncIterable<string>) {
    buffer += chunk
    let end = buffer.indexOf('\n')
    while (end >= 0) {
      if (end > 0) yield buffer.slice(0, end)
      buffer = buffer.slice(end + 1)
      end = buffer.indexOf('\n')
    }
  }
  if (buffer) yield buffer
}

export type DecodedArchive = {
  manifest: ArchiveManifest
  /** The rows of one table, in the order they were written (messages by contact id). */
  rows(table: ArchivedTable): AsyncGenerator<RawRow>
}

/**
 * Checks the bytes against the checksum and reads the manifest (its schema version must be ours), then
 * gives the rows table by table. `countRows`: also count every table's lines against the manifest (the
 * archiver's read-back; a reader trusts the checksum). Any mismatch, bad gzip or bad JSON:
 * ArchiveUnreadable('corrupt').
 */
export async function decodeArchive(
  bytes: Uint8Array<ArrayBuffer>,
  sha256: string,
  { countRows = false } = {},
): Promise<DecodedArchive> {
  if ((await sha256Hex(bytes)) !== sha256) throw new ArchiveUnreadable('corrupt')
  const counts: Record<string, number> = {}
  let manifest: ArchiveManifest | null = null
  try {
    for await (const line of lines(bytes)) {
      const parsed = JSON.parse(line) as { manifest?: ArchiveManifest; t?: string }
      if (parsed.manifest) manifest = parsed.manifest
      else if (parsed.t) counts[parsed.t] = (counts[parsed.t] ?? 0) + 1
      if (!countRows) break
    }
  } catch {
    throw new ArchiveUnreadable('corrupt')
  }
  if (!manifest || manifest.schemaVersion !== ARCHIVE_SCHEMA_VERSION) throw new ArchiveUnreadable('corrupt')
  for (const t of countRows ? ARCHIVED_TABLES : []) {
    if ((counts[t] ?? 0) !== (manifest.counts[t] ?? 0)) throw new ArchiveUnreadable('corrupt')
  }
  return {
    manifest,
    async *rows(table) {
      for await (const line of lines(bytes)) {
        const parsed = JSON.parse(line) as { t?: string; r?: RawRow }
        if (parsed.t === table && parsed.r) yield parsed.r
      }
    },
  }
}
