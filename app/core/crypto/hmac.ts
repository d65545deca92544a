// HMAC helpers: WAHA webhook signatures (HMAC-SHA512 hex of the raw body), compact signed tokens
// and short-lived signed media URLs (`/media/<key>?exp=<unix seconds>&sig=<base64url>`).

import { bytesEqual, fromBase64url, toBase64url, toHex, utf8 } from './encoding'

type Hash = 'SHA-256' | 'SHA-512'

async function hmac(hash: Hash, secret: string, data: Uint8Array | string): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', utf8(secret), { name: 'HMAC', hash }, false, ['sign'])
  const bytes = typeof data === 'string' ? utf8(data) : new Uint8Array(data)
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, bytes))
}

/** HMAC-SHA512 of data with secret, lowercase hex (WAHA's X-Webhook-Hmac). */
export async function hmacSha512Hex(secret: string, data: Uint8Array | string): Promise<string> {
  return toHex(await hmac('SHA-512', secret, data))
}

/** HMAC-SHA256 of data with secret, unpadded base64url. */
export async function hmacSha256Base64url(secret: string, data: Uint8Array | string): Promise<string> {
  return toBase64url(await hmac('SHA-256', secret, data))
}

/** Compares two strings in time independent of where they differ (length may leak). */
export function timingSafeEqual(a: string, b: string): boolean {
  const ab = utf8(a)
  const bb = utf8(b)
  // Compare against itself when lengths differ so the work done stays similar.
  return bytesEqual(ab, ab.length === bb.length ? bb : ab) && ab.length === bb.length
}

/** Payload of a signed token: any JSON object with an expiry in epoch milliseconds. */
export type SignedPayload = { exp: number } & Record<string, unknown>

/** Signs a payload as `<base64url JSON>.<base64url HMAC-SHA256>`. */
export async function signToken(payload: SignedPayload, secret: string): Promise<string> {
  if (!Number.isFinite(payload.exp)) throw new TypeError('signToken: exp deve ser um número (ms).')
  const body = toBase64url(utf8(JSON.stringify(payload)))
  return `${body}.${await hmacSha256Base64url(secret, body)}`
}

/** Returns the payload of a valid, unexpired token (exp > now), or null. Never throws. */
export async function verifySignedToken(
  token: string,
  secret: string,
  now: number,
): Promise<SignedPayload | null> {
  if (typeof token !== 'string') return null
  const parts = token.split('.')
  if (parts.length !== 2) return null
  const [body = '', sig = ''] = parts
  if (!timingSafeEqual(await hmacSha256Base64url(secret, body), sig)) return null
  const bytes = fromBase64url(body)
  if (!bytes) return null
  try {
    const payload: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return null
    const exp = (payload as { exp?: unknown }).exp
    if (typeof exp !== 'number' || !Number.isFinite(exp) || exp <= now) return null
    return payload as SignedPayload
  } catch {
    return null
  }
}

function mediaSigningInput(path: string, exp: string): string {
  return `media\n${path}\n${exp}`
}

/** Appends `exp` (unix seconds, from expiresAt in ms) and `sig` to a path: `/media/k?exp=..&sig=..`. */
export async function signMediaUrl(path: string, expiresAt: number, secret: string): Promise<string> {
  if (!Number.isFinite(expiresAt) || expiresAt < 0) {
    throw new TypeError('signMediaUrl: expiresAt deve ser um instante em ms.')
  }
  const exp = String(Math.floor(expiresAt / 1000))
  const sig = await hmacSha256Base64url(secret, mediaSigningInput(path, exp))
  return `${path}${path.includes('?') ? '&' : '?'}exp=${exp}&sig=${sig}`
}

/** Checks a media URL's exp/sig for path at now (ms); false on expiry, tampering or malformed values. */
export async function verifyMediaSignature(
  path: string,
  exp: string | null | undefined,
  sig: string | null | undefined,
  secret: string,
  now: number,
): Promise<boolean> {
  if (typeof exp !== 'string' || typeof sig !== 'string') return false
  if (!/^\d{1,12}$/.test(exp) || !/^[A-Za-z0-9_-]{43}$/.test(sig)) return false
  const expected = await hmacSha256Base64url(secret, mediaSigningInput(path, exp))
  const valid = timingSafeEqual(expected, sig)
  return valid && Number(exp) * 1000 > now
}
