import { describe, expect, it } from 'vitest'
import { toBase64 } from './encoding'
import { hashPassword, needsRehash, PBKDF2_ITERATIONS, passwordProblems, verifyPassword } from './password'

const PEPPER = 'pepper-do-servidor'

describe('hashPassword / verifyPassword', () => {
  it('should pin the iteration count at or below the Workers cap', () => {
    expect(PBKDF2_ITERATIONS).toBeLessThanOrEqual(100_000)
    expect(PBKDF2_ITERATIONS).toBe(100_000)
  })

  it('should produce a self-describing string and verify the right password', async () => {
    const stored = await hashPassword('correto cavalo bateria', PEPPER)
    expect(stored).toMatch(/^pbkdf2-sha256\$100000\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/)
    expect(await verifyPassword('correto cavalo bateria', stored, PEPPER)).toBe(true)
    expect(needsRehash(stored)).toBe(false)
  })

  it('should use a per-user salt', async () => {
    const a = await hashPassword('mesma-senha-1', PEPPER)
    const b = await hashPassword('mesma-senha-1', PEPPER)
    expect(a).not.toBe(b)
  })

  it('should reject a wrong password and a wrong pepper', async () => {
    const stored = await hashPassword('senha-certa-123', PEPPER)
    expect(await verifyPassword('senha-certa-124', stored, PEPPER)).toBe(false)
    expect(await verifyPassword('senha-certa-123', stored, 'outro-pepper')).toBe(false)
  })

  it('should verify a hash stored with fewer iterations (documented scheme) and flag it for rehash', async () => {
    // Scheme: PBKDF2-SHA256(password = HMAC-SHA256(pepper, NFC(password)), salt, iterations).
    const enc = new TextEncoder()
    const salt = new Uint8Array(16).fill(3)
    const hmacKey = await crypto.subtle.importKey(
      'raw',
      enc.encode(PEPPER),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    )
    const peppered = await crypto.subtle.sign('HMAC', hmacKey, enc.encode('senha-antiga-1'))
    const base = await crypto.subtle.importKey('raw', peppered, 'PBKDF2', false, ['deriveBits'])
    const bits = await crypto.subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt, iterations: 1000 },
      base,
      256,
    )
    const low = `pbkdf2-sha256$1000$${toBase64(salt)}$${toBase64(new Uint8Array(bits))}`
    expect(await verifyPassword('senha-antiga-1', low, PEPPER)).toBe(true)
    expect(await verifyPassword('senha-antiga-2', low, PEPPER)).toBe(false)
    expect(needsRehash(low)).toBe(true)
  })

  it('should refuse iteration counts above the cap without throwing', async () => {
    const stored = await hashPassword('senha-qualquer-1', PEPPER)
    const [, , salt, hash] = stored.split('$')
    const high = `pbkdf2-sha256$100001$${salt}$${hash}`
    expect(await verifyPassword('senha-qualquer-1', high, PEPPER)).toBe(false)
    expect(needsRehash(high)).toBe(true)
  })

  const salt = toBase64(new Uint8Array(16))
  const hash = toBase64(new Uint8Array(32))
  it.each([
    '',
    'plain-text-password',
    `bcrypt$100000$${salt}$${hash}`,
    `pbkdf2-sha256$abc$${salt}$${hash}`,
    `pbkdf2-sha256$0$${salt}$${hash}`,
    `pbkdf2-sha256$-5$${salt}$${hash}`,
    `pbkdf2-sha256$100000$${salt}`,
    `pbkdf2-sha256$100000$${salt}$${hash}$extra`,
    `pbkdf2-sha256$100000$***$${hash}`,
    `pbkdf2-sha256$100000$${salt}$${toBase64(new Uint8Array(16))}`,
    `pbkdf2-sha256$100000$${toBase64(new Uint8Array(4))}$${hash}`,
  ])('should return false for the malformed stored value %j', async (stored) => {
    expect(await verifyPassword('qualquer-senha', stored, PEPPER)).toBe(false)
    expect(needsRehash(stored)).toBe(true)
  })

  it('should refuse to hash without a pepper and not verify with an empty one', async () => {
    await expect(hashPassword('senha-valida-1', '')).rejects.toThrow(/PASSWORD_PEPPER ausente/)
    const stored = await hashPassword('senha-valida-1', PEPPER)
    expect(await verifyPassword('senha-valida-1', stored, '')).toBe(false)
  })

  it('should return false for non-string inputs', async () => {
    const stored = await hashPassword('senha-valida-1', PEPPER)
    expect(await verifyPassword(undefined as unknown as string, stored, PEPPER)).toBe(false)
    expect(await verifyPassword('senha-valida-1', null as unknown as string, PEPPER)).toBe(false)
  })

  it('should treat NFC and NFD spellings of the same password as equal', async () => {
    const stored = await hashPassword('coração-forte', PEPPER)
    expect(await verifyPassword('coração-forte'.normalize('NFD'), stored, PEPPER)).toBe(true)
  })
})

describe('passwordProblems', () => {
  // Guessability (common, leaked, sequences) is checked on the server: password-strength.server.test.ts.
  it.each(['correto cavalo bateria', 'Tr0ub4dor&3xyz', 'ãéîõü-12345', '98237492834'])(
    'should accept %j',
    (pw) => {
      expect(passwordProblems(pw)).toEqual([])
    },
  )

  it.each([
    ['abc', /pelo menos 10/],
    ['', /pelo menos 10/],
    ['a'.repeat(201), /no máximo 200/],
    ['aaaaaaaaaaaa', /único caractere/],
  ])('should reject %j', (pw, message) => {
    const problems = passwordProblems(pw)
    expect(problems.some((p) => message.test(p))).toBe(true)
  })

  it('should report several problems at once', () => {
    expect(passwordProblems('111')).toHaveLength(2)
  })
})
