// Files contacts send, for Respostas (decision 032). WAHA downloads each file and serves it under
// /api/files/ behind the session's API key, then deletes it after WHATSAPP_FILES_LIFETIME (180 s by
// default): the events consumer copies it to R2 when the message arrives (`keepInboundMedia`). The page
// shows it through a short-lived signed URL that also needs a signed-in member of the team
// (`inboundMediaUrl` / `readInboundMedia`); nothing is ever public. Revoked messages and the LGPD erase
// delete the copy.
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm'
import { type InboundMedia, inboundMessages, wahaSessions } from '../../../db/schema'
import type { AppContext } from '../context.server'
import { signMediaUrl, verifyMediaSignature } from '../crypto/hmac'
import { ownedBy, ownedRow, type TenantScope } from '../db/tenant.server'
import { canonicalPhone } from '../phone/ninth-digit'
import { openApiKey } from '../sessions/waha-access.server'
import { downloadWahaFile, wahaFilePath } from '../waha/files'

/** The largest file copied (WhatsApp allows bigger documents: those say so and stay on the phone). */
export const INBOUND_MEDIA_MAX_BYTES = 16 * 1024 * 1024
/** How long a link on the page works. */
const URL_LIFETIME_MS = 10 * 60_000

/** Types a browser may show inline (never SVG or HTML): anything else downloads as a file. */
const INLINE_TYPES = new Set([
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'audio/ogg',
  'audio/mpeg',
  'audio/mp4',
  'audio/aac',
  'video/mp4',
  'video/3gpp',
])

type Ctx = Pick<AppContext, 'db' | 'env' | 'config' | 'clock'>

const objectKey = (tenantId: string, inboundId: number) => `inbound/${tenantId}/${inboundId}`

/**
 * Copies the file of a new inbound message from the session's WAHA server to R2 and records where
 * (or why not: `too_large`, `unavailable`). Returns the outcome; null when the message has no file.
 */
export async function keepInboundMedia(
  ctx: Ctx,
  tenantId: string,
  sessionId: string,
  inboundId: number,
  media: InboundMedia | null,
): Promise<'kept' | 'too_large' | 'unavailable' | null> {
  if (!media?.url) return null
  const outcome = await download(ctx, tenantId, sessionId, media.url)
  let stored: InboundMedia
  if (outcome.ok) {
    const key = objectKey(tenantId, inboundId)
    await ctx.env.FILES.put(key, outcome.bytes, {
      httpMetadata: { contentType: media.mimetype ?? outcome.contentType ?? 'application/octet-stream' },
    })
    stored = { ...media, key, size: outcome.bytes.length, error: null }
  } else {
    stored = { ...media, key: null, error: outcome.error }
  }
  await ctx.db
    .update(inboundMessages)
    .set({ media: stored })
    .where(and(eq(inboundMessages.tenantId, tenantId), eq(inboundMessages.id, inboundId)))
  return outcome.ok ? 'kept' : outcome.error
}

async function download(ctx: Ctx, tenantId: string, sessionId: string, url: string) {
  const unavailable = { ok: false as const, error: 'unavailable' as const }
  const path = wahaFilePath(url)
  if (!path) return unavailable
  const session = await ctx.db
    .select()
    .from(wahaSessions)
    .where(and(eq(wahaSessions.tenantId, tenantId), eq(wahaSessions.id, sessionId)))
    .get()
  if (!session) return unavailable
  const file = await downloadWahaFile(
    {
      baseUrl: session.serverUrl,
      apiKey: await openApiKey(ctx, session),
      allowPrivate: ctx.config.allowPrivateUrls,
    },
    path,
    INBOUND_MEDIA_MAX_BYTES,
  )
  return file.ok ? file : { ok: false as const, error: file.reason }
}

const mediaPath = (inboundId: number) => `/respostas/midia/${inboundId}`

/** A link to the kept file that works for ten minutes (and only for the team's signed-in members). */
export function inboundMediaUrl(ctx: Pick<AppContext, 'config' | 'clock'>, inboundId: number) {
  return signMediaUrl(mediaPath(inboundId), ctx.clock() + URL_LIFETIME_MS, ctx.config.mediaSigningSecret)
}

export type InboundFile =
  | { ok: true; body: ReadableStream; headers: Record<string, string> }
  | { ok: false; status: 403 | 404 }

/** The kept file when the link is valid and unexpired and the message is this team's. */
export async function readInboundMedia(
  scope: TenantScope,
  inboundId: number,
  exp: string | null,
  sig: string | null,
): Promise<InboundFile> {
  const valid = await verifyMediaSignature(
    mediaPath(inboundId),
    exp,
    sig,
    scope.config.mediaSigningSecret,
    scope.clock(),
  )
  if (!valid) return { ok: false, status: 403 }
  const row = await scope.db
    .select({ media: inboundMessages.media, revokedAt: inboundMessages.revokedAt })
    .from(inboundMessages)
    .where(ownedRow(scope, inboundMessages, inboundId))
    .get()
  const key = row?.media?.key
  if (!row || row.revokedAt || !key) return { ok: false, status: 404 }
  const object = await scope.env.FILES.get(key)
  if (!object) return { ok: false, status: 404 }
  const type = (row.media?.mimetype ?? '').toLowerCase()
  const inline = INLINE_TYPES.has(type.split(';')[0]!.trim())
  const name = (row.media?.filename ?? 'arquivo').replace(/[^\w.\- ]+/g, '_').slice(0, 100) || 'arquivo'
  return {
    ok: true,
    body: object.body,
    headers: {
      'Content-Type': inline ? type : 'application/octet-stream',
      'Content-Length': String(object.size),
      'Content-Disposition': inline ? 'inline' : `attachment; filename="${name}"`,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cache-Control': 'private, max-age=300',
    },
  }
}

/** The R2 keys of a person's kept files (read before the LGPD erase deletes their rows). */
export async function inboundMediaKeysOf(scope: TenantScope, phoneE164: string): Promise<string[]> {
  const rows = await scope.db
    .select({ key: sql<string | null>`json_extract(${inboundMessages.media}, '$.key')` })
    .from(inboundMessages)
    .where(
      ownedBy(
        scope,
        inboundMessages,
        eq(inboundMessages.phoneE164, canonicalPhone(phoneE164)),
        isNotNull(inboundMessages.media),
      ),
    )
  return rows.flatMap((r) => (r.key ? [r.key] : []))
}

/** Deletes kept files (R2 deletes up to 1,000 keys per call). */
export async function deleteInboundMedia(env: Pick<Env, 'FILES'>, keys: string[]): Promise<void> {
  for (let i = 0; i < keys.length; i += 1000) await env.FILES.delete(keys.slice(i, i + 1000))
}

/** Kept files of these messages (a revoked message's copy goes with it). */
export async function inboundMediaKeysById(ctx: Pick<AppContext, 'db'>, tenantId: string, ids: number[]) {
  if (ids.length === 0) return []
  const rows = await ctx.db
    .select({ key: sql<string | null>`json_extract(${inboundMessages.media}, '$.key')` })
    .from(inboundMessages)
    .where(and(eq(inboundMessages.tenantId, tenantId), inArray(inboundMessages.id, ids)))
  return rows.flatMap((r) => (r.key ? [r.key] : []))
}
