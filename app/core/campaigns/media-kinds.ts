// What a campaign may attach (decision 034): an image, a document, a video or a voice note. The kind
// and the type come from the file's first bytes (magic bytes), never from its name or the browser's
// content type; each kind has its own size limit. Pure: used by the upload, the API and the tests.
import { type Text, text } from '../../i18n/text'

export const MEDIA_KINDS = ['image', 'document', 'video', 'voice'] as const
export type MediaKind = (typeof MEDIA_KINDS)[number]

const MB = 1024 * 1024

/**
 * Per-kind limits: WhatsApp's own for images (5 MB), videos and audio (16 MB). Documents may be up to
 * 100 MB on WhatsApp, but a Worker has 128 MB of memory and the base64 mode holds the file and its
 * base64 copy at once: 20 MB keeps both modes safe (decision 034).
 */
export const MEDIA_LIMITS: Record<MediaKind, number> = {
  image: 5 * MB,
  document: 20 * MB,
  video: 16 * MB,
  voice: 16 * MB,
}

/** The largest limit: a file over it is refused before its bytes are read. */
export const MAX_MEDIA_BYTES = Math.max(...Object.values(MEDIA_LIMITS))

export function isMediaKind(value: unknown): value is MediaKind {
  return typeof value === 'string' && (MEDIA_KINDS as readonly string[]).includes(value)
}

type Detected = { kind: MediaKind; mimetype: string; ext: string }

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const PPTX = 'application/vnd.openxmlformats-officedocument.presentationml.presentation'

/** Every type a campaign may carry, with its kind and the extension its file name gets. */
export const MEDIA_TYPES: Readonly<Record<string, { kind: MediaKind; ext: string }>> = {
  'image/jpeg': { kind: 'image', ext: 'jpg' },
  'image/png': { kind: 'image', ext: 'png' },
  'image/webp': { kind: 'image', ext: 'webp' },
  'application/pdf': { kind: 'document', ext: 'pdf' },
  [DOCX]: { kind: 'document', ext: 'docx' },
  [XLSX]: { kind: 'document', ext: 'xlsx' },
  [PPTX]: { kind: 'document', ext: 'pptx' },
  'video/mp4': { kind: 'video', ext: 'mp4' },
  'audio/ogg; codecs=opus': { kind: 'voice', ext: 'ogg' },
  'audio/ogg': { kind: 'voice', ext: 'ogg' },
  'audio/mpeg': { kind: 'voice', ext: 'mp3' },
  'audio/mp4': { kind: 'voice', ext: 'm4a' },
  'audio/wav': { kind: 'voice', ext: 'wav' },
}

const ascii = (bytes: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...bytes.subarray(from, Math.min(to, bytes.length)))

/** True when `needle` (ASCII) occurs in the bytes (ZIP entry names are stored uncompressed). */
function contains(bytes: Uint8Array, needle: string): boolean {
  const first = needle.charCodeAt(0)
  outer: for (let i = bytes.indexOf(first); i !== -1 && i <= bytes.length - needle.length; ) {
    for (let j = 1; j < needle.length; j++) {
      if (bytes[i + j] !== needle.charCodeAt(j)) {
        i = bytes.indexOf(first, i + 1)
        continue outer
      }
    }
    return true
  }
  return false
}

/** An Office Open XML package (DOCX, XLSX, PPTX): a ZIP whose entries name its main part. */
function officeType(bytes: Uint8Array): string | null {
  if (!contains(bytes, '[Content_Types].xml')) return null
  if (contains(bytes, 'word/document.xml')) return DOCX
  if (contains(bytes, 'xl/workbook.xml')) return XLSX
  if (contains(bytes, 'ppt/presentation.xml')) return PPTX
  return null
}

/** ISO base media (MP4 family): `ftyp` at byte 4 and its major brand. */
function isoBrand(bytes: Uint8Array): string | null {
  return bytes.length >= 12 && ascii(bytes, 4, 8) === 'ftyp' ? ascii(bytes, 8, 12) : null
}

/** MPEG audio without an ID3 tag: a frame sync (11 bits set) with a valid layer III header. */
function isMp3Frame(bytes: Uint8Array): boolean {
  const b1 = bytes[1] ?? 0
  return bytes[0] === 0xff && (b1 & 0xe0) === 0xe0 && (b1 & 0x06) === 0x02
}

/** The kind and type the file's bytes declare, or null when it is none a campaign may carry. */
export function sniffMedia(bytes: Uint8Array): Detected | null {
  const at = (i: number) => bytes[i] ?? -1
  const of = (mimetype: string): Detected => ({ ...(MEDIA_TYPES[mimetype] as Detected), mimetype })
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return of('image/jpeg')
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
  if (png.every((b, i) => at(i) === b)) return of('image/png')
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF') {
    if (ascii(bytes, 8, 12) === 'WEBP') return of('image/webp')
    if (ascii(bytes, 8, 12) === 'WAVE') return of('audio/wav')
    return null
  }
  if (ascii(bytes, 0, 5) === '%PDF-') return of('application/pdf')
  if (at(0) === 0x50 && at(1) === 0x4b && at(2) === 0x03 && at(3) === 0x04) {
    const office = officeType(bytes)
    return office ? of(office) : null
  }
  const brand = isoBrand(bytes)
  if (brand !== null) {
    if (brand === 'M4A ' || brand === 'M4B ') return of('audio/mp4')
    // QuickTime (`qt  `) and 3GPP are other containers: WhatsApp plays MP4 (decision 034).
    if (['isom', 'iso2', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'M4V ', 'dash'].includes(brand))
      return of('video/mp4')
    return null
  }
  if (ascii(bytes, 0, 4) === 'OggS') {
    // The first page's codec header: Opus is what WhatsApp plays as a voice note without conversion.
    return of(contains(bytes.subarray(0, 128), 'OpusHead') ? 'audio/ogg; codecs=opus' : 'audio/ogg')
  }
  if (ascii(bytes, 0, 3) === 'ID3' || isMp3Frame(bytes)) return of('audio/mpeg')
  return null
}

const SIZE_LABEL = (bytes: number) => `${Math.round(bytes / MB)} MB`

/** An upload over the largest limit (refused before its bytes are read). */
export const TOO_BIG_ANY: Text = text('media.errors.tooBigAny', { limit: SIZE_LABEL(MAX_MEDIA_BYTES) })

export type MediaCheck =
  | { ok: true; kind: MediaKind; mimetype: string; ext: string }
  | { ok: false; text: Text }

/**
 * Checks an upload's bytes: not empty, a type a campaign may carry (of the `wanted` kind when one is
 * asked for) and within its kind's limit. Messages are texts by code (pt-BR and en).
 */
export function checkMedia(bytes: Uint8Array, wanted?: MediaKind): MediaCheck {
  if (bytes.length === 0) return { ok: false, text: text('media.errors.empty') }
  if (bytes.length > MAX_MEDIA_BYTES) return { ok: false, text: TOO_BIG_ANY }
  const found = sniffMedia(bytes)
  if (!found) return { ok: false, text: text(wanted ? `media.errors.notA.${wanted}` : 'media.errors.type') }
  if (wanted && found.kind !== wanted)
    return {
      ok: false,
      text: text('media.errors.wrongKind', {
        found: text(`media.kind.${found.kind}`),
        wanted: text(`media.kind.${wanted}`),
      }),
    }
  const limit = MEDIA_LIMITS[found.kind]
  if (bytes.length > limit)
    return {
      ok: false,
      text: text('media.errors.tooBig', { kind: text(`media.kind.${found.kind}`), limit: SIZE_LABEL(limit) }),
    }
  return { ok: true, ...found }
}

/**
 * The name a document is sent with: the uploaded name without folders or control characters, at most
 * 100 characters, always ending with the extension of the type its bytes declare (a `.pdf` name on a
 * DOCX becomes `….docx`). Empty names become `documento.<ext>`.
 */
export function documentName(original: string, ext: string): string {
  const base = original
    .split(/[\\/]/)
    .pop()
    ?.split('')
    .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f && !'"<>|*?:'.includes(c))
    .join('')
    .trim()
  const stem =
    (base ?? '')
      .replace(/\.[A-Za-z0-9]{1,5}$/, '')
      .slice(0, 90)
      .trim() || 'documento'
  return `${stem}.${ext}`
}

/** The kind of a stored campaign's attachment (rows from before decision 034 carry images only). */
export function mediaKindOf(row: { mediaKey: string | null; mediaKind?: string | null }): MediaKind | null {
  if (!row.mediaKey) return null
  return isMediaKind(row.mediaKind) ? row.mediaKind : 'image'
}
