// Campaign attachments in R2 (docs/design.md §4 "Uploads", decision 034): an image, document, video
// or voice note, recognised by its magic bytes (never the file name or the browser's type), stored under
// `media/<tenantId>/<random>` with no user file name in the key. Reads check the key is the tenant's own.

import { text, textString } from '../../i18n/text'
import type { TenantScope } from '../db/tenant.server'
import { newId } from '../ids'
import {
  checkMedia,
  documentName,
  isMediaKind,
  MAX_MEDIA_BYTES,
  MEDIA_TYPES,
  type MediaKind,
  TOO_BIG_ANY,
} from './media-kinds'

/** The attachment the composer carries between submits (hidden fields) and saves on the campaign. */
export type ComposerMedia = { key: string; type: string; kind: MediaKind; name: string | null }

/** True for a key this tenant's uploads would have. */
export function isOwnMediaKey(scope: Pick<TenantScope, 'tenantId'>, key: string): boolean {
  const prefix = `media/${scope.tenantId}/`
  return key.startsWith(prefix) && /^[a-z0-9_]{8,64}$/.test(key.slice(prefix.length))
}

/** The R2 key of this tenant's media file name (the last path segment), or null when malformed. */
export function mediaKeyFor(scope: Pick<TenantScope, 'tenantId'>, file: string): string | null {
  const key = `media/${scope.tenantId}/${file}`
  return isOwnMediaKey(scope, key) ? key : null
}

export type StoreResult = ({ ok: true } & ComposerMedia) | { ok: false; message: string }

/**
 * Validates an uploaded file by its bytes (kind, type and the kind's size limit: media-kinds.ts) and
 * stores it; a document keeps its (sanitised) name. Messages are text strings (decision 025).
 */
export async function storeMedia(
  scope: Pick<TenantScope, 'tenantId' | 'env'>,
  file: File,
): Promise<StoreResult> {
  if (file.size === 0) return { ok: false, message: textString(text('media.errors.empty')) }
  if (file.size > MAX_MEDIA_BYTES) return { ok: false, message: textString(TOO_BIG_ANY) }
  const bytes = new Uint8Array(await file.arrayBuffer())
  const checked = checkMedia(bytes)
  if (!checked.ok) return { ok: false, message: textString(checked.text) }
  const key = `media/${scope.tenantId}/${newId(checked.kind === 'image' ? 'img' : 'med')}`
  const name = checked.kind === 'document' ? documentName(file.name, checked.ext) : null
  await scope.env.FILES.put(key, bytes, {
    httpMetadata: { contentType: checked.mimetype },
    customMetadata: { kind: checked.kind, ...(name ? { name } : {}) },
  })
  return { ok: true, key, type: checked.mimetype, kind: checked.kind, name }
}

/**
 * The tenant's stored attachment as R2 describes it (its kind, type and name were set from its bytes at
 * upload), or null when the key is not the tenant's or the file is gone. The form's hidden fields are
 * never trusted for these. Files from before decision 034 carry no kind: images.
 */
export async function describeMedia(
  scope: Pick<TenantScope, 'tenantId' | 'env'>,
  key: string,
): Promise<ComposerMedia | null> {
  if (!isOwnMediaKey(scope, key)) return null
  const head = await scope.env.FILES.head(key)
  if (!head) return null
  const type = head.httpMetadata?.contentType ?? ''
  const known = MEDIA_TYPES[type]
  if (!known) return null
  const kind = isMediaKind(head.customMetadata?.kind) ? head.customMetadata.kind : known.kind
  return { key, type, kind, name: kind === 'document' ? (head.customMetadata?.name ?? null) : null }
}

/** The public id of a stored attachment (its key's last segment), as /api/v1/media answers it. */
export function mediaIdOf(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1)
}

/**
 * The tenant's attachment named by an API media id (from POST /api/v1/media), described from R2 as
 * the composer does; null for a malformed id, another team's or a missing file.
 */
export async function describeMediaId(
  scope: Pick<TenantScope, 'tenantId' | 'env'>,
  id: string,
): Promise<ComposerMedia | null> {
  const key = mediaKeyFor(scope, id)
  return key ? describeMedia(scope, key) : null
}

/** True when the tenant's key exists in R2. */
export async function mediaExists(
  scope: Pick<TenantScope, 'tenantId' | 'env'>,
  key: string,
): Promise<boolean> {
  if (!isOwnMediaKey(scope, key)) return false
  return (await scope.env.FILES.head(key)) !== null
}

/** The stored file as a response body, or null when missing / not the tenant's. */
export async function readMedia(
  scope: Pick<TenantScope, 'tenantId' | 'env'>,
  key: string,
): Promise<StoredMedia | null> {
  if (!isOwnMediaKey(scope, key)) return null
  const object = await scope.env.FILES.get(key)
  if (!object) return null
  const type = object.httpMetadata?.contentType ?? 'application/octet-stream'
  return {
    body: object.body,
    type: type in MEDIA_TYPES ? type : 'application/octet-stream',
    size: object.size,
    name: object.customMetadata?.name ?? null,
  }
}

type StoredMedia = { body: ReadableStream; type: string; size: number; name: string | null }

/**
 * The HTTP response serving a stored file to its tenant's pages (never sniffed or run as anything
 * else): images, videos and audio inline for the previews; documents as a download with their name.
 */
export function mediaResponse(media: StoredMedia): Response {
  const inline =
    media.type.startsWith('image/') || media.type.startsWith('video/') || media.type.startsWith('audio/')
  const disposition = inline
    ? 'inline'
    : `attachment; filename="${(media.name ?? 'documento').replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(media.name ?? 'documento')}`
  return new Response(media.body, {
    headers: {
      'Content-Type': media.type,
      'Content-Length': String(media.size),
      'Content-Disposition': disposition,
      'Cache-Control': 'private, max-age=300',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
    },
  })
}
