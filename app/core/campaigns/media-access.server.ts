// Serving campaign images to WAHA: a short-lived signed URL (/media/<key>?exp&sig), no session needed.
import type { AppContext } from '../context.server'
import { verifyMediaSignature } from '../crypto/hmac'

const KEY_PATTERN = /^media\/[A-Za-z0-9_-]+\/[A-Za-z0-9_-]+$/

export type MediaAnswer =
  | { ok: true; body: ReadableStream; contentType: string; size: number }
  | { ok: false; status: 403 | 404 }

/** Returns the image if the signature is valid and unexpired; 403 otherwise, 404 when absent. */
export async function readSignedMedia(
  ctx: Pick<AppContext, 'env' | 'config' | 'clock'>,
  key: string,
  exp: string | null,
  sig: string | null,
): Promise<MediaAnswer> {
  if (!KEY_PATTERN.test(key)) return { ok: false, status: 404 }
  const valid = await verifyMediaSignature(
    `/media/${key}`,
    exp,
    sig,
    ctx.config.mediaSigningSecret,
    ctx.clock(),
  )
  if (!valid) return { ok: false, status: 403 }
  const object = await ctx.env.FILES.get(key)
  if (!object) return { ok: false, status: 404 }
  return {
    ok: true,
    body: object.body,
    contentType: object.httpMetadata?.contentType ?? 'application/octet-stream',
    size: object.size,
  }
}
