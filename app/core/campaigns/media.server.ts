// Campaign images in R2 (docs/design.md §4 "Uploads"): JPEG, PNG or WebP up to 5 MB, recognised by
// their magic bytes (never the file name or the browser's type), stored under
// `media/<tenantId>/<random>` with no user file name in the key. Reads check the key is the tenant's own.
import type { TenantScope } from '../db/tenant.server'
import { newId } from '../ids'

const MAX_IMAGE_BYTES = 5 * 1024 * 1024
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const
export type ImageType = (typeof IMAGE_TYPES)[number]

/** The image type its first bytes declare, or null when it is not a JPEG/PNG/WebP. */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  const at = (i: number) => bytes[i] ?? -1
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'image/jpeg'
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
  if (png.every((b, i) => at(i) === b)) return 'image/png'
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to))
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp'
  return null
}

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

export type StoreResult = { ok: true; key: string; type: ImageType } | { ok: false; message: string }

/** Validates an uploaded file and stores it; messages are i18n keys. */
export async function storeImage(
  scope: Pick<TenantScope, 'tenantId' | 'env'>,
  file: File,
): Promise<StoreResult> {
  if (file.size > MAX_IMAGE_BYTES) return { ok: false, message: 'campaigns.errors.imageTooBig' }
  if (file.size === 0) return { ok: false, message: 'campaigns.errors.imageEmpty' }
  const bytes = new Uint8Array(await file.arrayBuffer())
  if (bytes.length > MAX_IMAGE_BYTES) return { ok: false, message: 'campaigns.errors.imageTooBig' }
  const type = sniffImageType(bytes)
  if (!type) return { ok: false, message: 'campaigns.errors.imageType' }
  const key = `media/${scope.tenantId}/${newId('img')}`
  await scope.env.FILES.put(key, bytes, { httpMetadata: { contentType: type } })
  return { ok: true, key, type }
}

/** True when the tenant's key exists in R2. */
export async function mediaExists(
  scope: Pick<TenantScope, 'tenantId' | 'env'>,
  key: string,
): Promise<boolean> {
  if (!isOwnMediaKey(scope, key)) return false
  return (await scope.env.FILES.head(key)) !== null
}

/** The stored image as a response body, or null when missing / not the tenant's. */
export async function readImage(
  scope: Pick<TenantScope, 'tenantId' | 'env'>,
  key: string,
): Promise<{ body: ReadableStream; type: string; size: number } | null> {
  if (!isOwnMediaKey(scope, key)) return null
  const object = await scope.env.FILES.get(key)
  if (!object) return null
  const type = object.httpMetadata?.contentType ?? 'application/octet-stream'
  return {
    body: object.body,
    type: (IMAGE_TYPES as readonly string[]).includes(type) ? type : 'application/octet-stream',
    size: object.size,
  }
}

/** The HTTP response serving a stored image (never sniffed or run as anything else). */
export function imageResponse(image: { body: ReadableStream; type: string; size: number }): Response {
  return new Response(image.body, {
    headers: {
      'Content-Type': image.type,
      'Content-Length': String(image.size),
      'Cache-Control': 'private, max-age=300',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
    },
  })
}
