// The API token's shape: `dsp_live_` + a 16-character public id + a 52-character secret, all in
// lowercase Crockford base32 (77 characters). The prefix lets secret scanners recognise a leaked token;
// the public id finds the row; only the SHA-256 of the secret is stored and it is compared in constant
// time (decision 030).

import { toBase64url, utf8 } from '../crypto/encoding'
import { timingSafeEqual } from '../crypto/hmac'

export const TOKEN_PREFIX = 'dsp_live_'
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'
const ID_CHARS = 16
const SECRET_CHARS = 52
const TOKEN_PATTERN = new RegExp(
  `^${TOKEN_PREFIX}([${ALPHABET}]{${ID_CHARS}})([${ALPHABET}]{${SECRET_CHARS}})$`,
)

function randomChars(n: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(n))
  let out = ''
  for (const b of bytes) out += ALPHABET[b & 31]
  return out
}

/** A fresh token: its row id (`apt_<public id>`), the full token (shown once) and its secret part. */
export function generateToken(): { rowId: string; token: string; secret: string } {
  const publicId = randomChars(ID_CHARS)
  const secret = randomChars(SECRET_CHARS)
  return { rowId: `apt_${publicId}`, token: `${TOKEN_PREFIX}${publicId}${secret}`, secret }
}

/** The row id and secret of a well-formed token, or null. */
export function parseToken(token: string): { rowId: string; secret: string } | null {
  const m = TOKEN_PATTERN.exec(token)
  if (!m) return null
  return { rowId: `apt_${m[1]}`, secret: m[2] as string }
}

/** SHA-256 of a token's secret part, base64url (what the row stores). */
export async function hashSecret(secret: string): Promise<string> {
  return toBase64url(new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(secret))))
}

/** True when `secret` hashes to `storedHash` (compared in constant time). */
export async function secretMatches(secret: string, storedHash: string): Promise<boolean> {
  return timingSafeEqual(await hashSecret(secret), storedHash)
}
