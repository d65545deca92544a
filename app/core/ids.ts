// Random, URL-safe identifiers for tenant-visible rows (no sequential ids in URLs).

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'

/** Returns `<prefix>_<16 chars of crockford base32>` (80 bits of randomness). */
export function newId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  let out = ''
  for (const b of bytes) out += ALPHABET[b & 31]
  return `${prefix}_${out}`
}
