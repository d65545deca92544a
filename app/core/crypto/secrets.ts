// Secrets at rest (AI keys, WAHA keys, webhook secrets): AES-256-GCM with a key from a Worker
// secret. Blob format: `v1.<base64url iv>.<base64url ciphertext+tag>`; additional data binds the
// ciphertext to its place (`tenant|row|field`) so a blob copied to another row fails to decrypt.

import { fromBase64, fromBase64url, toBase64url, utf8 } from './encoding'

const VERSION = 'v1'
const IV_BYTES = 12
const TAG_BYTES = 16

/** Imports a base64-encoded 32-byte AES-256-GCM key; throws a clear error on a wrong length. */
export async function importSecretsKey(base64Key: string): Promise<CryptoKey> {
  const raw = fromBase64(base64Key.trim())
  if (!raw) throw new Error('SECRETS_KEY inválida: não é base64. Gere com `openssl rand -base64 32`.')
  if (raw.length !== 32) {
    throw new Error(
      `SECRETS_KEY inválida: deve ter 32 bytes (tem ${raw.length}). Gere com \`openssl rand -base64 32\`.`,
    )
  }
  return crypto.subtle.importKey('raw', raw, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt'])
}

/** Encrypts a secret bound to `aad` ('tenant|row|field'); returns `v1.<iv>.<ciphertext>`. */
export async function encryptSecret(key: CryptoKey, plaintext: string, aad: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES))
  const ct = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: utf8(aad) },
    key,
    utf8(plaintext),
  )
  return `${VERSION}.${toBase64url(iv)}.${toBase64url(new Uint8Array(ct))}`
}

/** Decrypts a blob from encryptSecret; throws on a malformed blob, tampering, wrong key or wrong aad. */
export async function decryptSecret(key: CryptoKey, blob: string, aad: string): Promise<string> {
  const parts = blob.split('.')
  if (parts.length !== 3 || parts[0] !== VERSION) throw new Error('Segredo cifrado em formato inválido.')
  const iv = fromBase64url(parts[1] ?? '')
  const ct = fromBase64url(parts[2] ?? '')
  if (!iv || iv.length !== IV_BYTES || !ct || ct.length < TAG_BYTES) {
    throw new Error('Segredo cifrado em formato inválido.')
  }
  let plain: ArrayBuffer
  try {
    plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: utf8(aad) }, key, ct)
  } catch {
    throw new Error('Não foi possível decifrar o segredo: chave ou contexto incorretos, ou dado alterado.')
  }
  return new TextDecoder('utf-8', { fatal: true }).decode(plain)
}

/** Masks a secret for display: bullets plus the last 4 characters; secrets under 12 chars fully masked. */
export function maskSecret(plain: string): string {
  const chars = Array.from(plain)
  if (chars.length === 0) return ''
  if (chars.length < 12) return '•'.repeat(8)
  return `${'•'.repeat(8)}${chars.slice(-4).join('')}`
}

/** Random base64url token of `bytes` random bytes (default 32). */
export function randomToken(bytes = 32): string {
  if (!Number.isInteger(bytes) || bytes < 1 || bytes > 1024) {
    throw new RangeError('randomToken: bytes deve ser um inteiro entre 1 e 1024.')
  }
  return toBase64url(crypto.getRandomValues(new Uint8Array(bytes)))
}
