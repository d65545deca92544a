// Password hashing: PBKDF2-SHA256 at 100,000 iterations (the Cloudflare Workers cap) with a
// per-user 16-byte salt and a server-side pepper. The pepper is applied by first computing
// HMAC-SHA256(pepper, password) and feeding that 32-byte digest to PBKDF2 as the password; a
// stolen database without the pepper is useless for offline guessing. Stored string:
// `pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>`.

import { ptText } from '../../i18n'
import { type Text, text } from '../../i18n/text'
import { bytesEqual, fromBase64, toBase64, utf8 } from './encoding'

/** PBKDF2 iteration count; Workers refuses more than 100,000. */
export const PBKDF2_ITERATIONS = 100_000
/** Minimum accepted password length. */
const PASSWORD_MIN_LENGTH = 10
/** Maximum accepted password length. */
export const PASSWORD_MAX_LENGTH = 200

const ALGORITHM = 'pbkdf2-sha256'
const SALT_BYTES = 16
const HASH_BYTES = 32

async function pepperedKey(password: string, pepper: string): Promise<CryptoKey> {
  const hmacKey = await crypto.subtle.importKey(
    'raw',
    utf8(pepper),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  const peppered = await crypto.subtle.sign('HMAC', hmacKey, utf8(password.normalize('NFC')))
  return crypto.subtle.importKey('raw', peppered, 'PBKDF2', false, ['deriveBits'])
}

async function derive(password: string, pepper: string, salt: Uint8Array<ArrayBuffer>, iterations: number) {
  const key = await pepperedKey(password, pepper)
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    key,
    HASH_BYTES * 8,
  )
  return new Uint8Array(bits)
}

interface ParsedHash {
  iterations: number
  salt: Uint8Array<ArrayBuffer>
  hash: Uint8Array<ArrayBuffer>
}

function parseStored(stored: string): ParsedHash | null {
  const parts = stored.split('$')
  if (parts.length !== 4 || parts[0] !== ALGORITHM) return null
  const iterText = parts[1] ?? ''
  if (!/^[1-9]\d{0,9}$/.test(iterText)) return null
  const iterations = Number(iterText)
  if (iterations > PBKDF2_ITERATIONS) return null
  const salt = fromBase64(parts[2] ?? '')
  const hash = fromBase64(parts[3] ?? '')
  if (!salt || salt.length < 8 || !hash || hash.length !== HASH_BYTES) return null
  return { iterations, salt, hash }
}

/** Hashes a password with a fresh salt and the pepper; returns the self-describing stored string. */
export async function hashPassword(password: string, pepper: string): Promise<string> {
  if (!pepper) throw new Error('PASSWORD_PEPPER ausente: configure o segredo antes de criar senhas.')
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES))
  const hash = await derive(password, pepper, salt, PBKDF2_ITERATIONS)
  return `${ALGORITHM}$${PBKDF2_ITERATIONS}$${toBase64(salt)}$${toBase64(hash)}`
}

/** Checks a password against a stored hash in constant time; false (never throws) on malformed input. */
export async function verifyPassword(password: string, stored: string, pepper: string): Promise<boolean> {
  if (typeof password !== 'string' || typeof stored !== 'string') return false
  if (password.length > PASSWORD_MAX_LENGTH * 4) return false
  const parsed = parseStored(stored)
  if (!parsed) return false
  try {
    const candidate = await derive(password, pepper, parsed.salt, parsed.iterations)
    return bytesEqual(candidate, parsed.hash)
  } catch {
    return false
  }
}

/** True when the stored hash uses other parameters than the current ones (or is unreadable). */
export function needsRehash(stored: string): boolean {
  const parsed = parseStored(stored)
  return !parsed || parsed.iterations !== PBKDF2_ITERATIONS || parsed.salt.length !== SALT_BYTES
}

/**
 * Lists what is wrong with a new password (`password.*` texts, decision 025); empty when it is
 * acceptable. These are the cheap checks the browser runs too. Whether it is easy to guess (common,
 * leaked, a sequence, the person's own name...) is checked on the server:
 * app/core/auth/password-strength.server.ts. No composition rules (NIST SP 800-63B): a long phrase of
 * plain words is fine.
 */
export function passwordTexts(password: string): Text[] {
  const problems: Text[] = []
  const chars = Array.from(password)
  if (chars.length < PASSWORD_MIN_LENGTH)
    problems.push(text('password.tooShort', { min: PASSWORD_MIN_LENGTH }))
  if (chars.length > PASSWORD_MAX_LENGTH)
    problems.push(text('password.tooLong', { max: PASSWORD_MAX_LENGTH }))
  if (chars.length > 0 && chars.every((c) => c === chars[0])) problems.push(text('password.oneCharacter'))
  return problems
}

/** passwordTexts in pt-BR. */
export function passwordProblems(password: string): string[] {
  return passwordTexts(password).map((t) => ptText(t))
}
