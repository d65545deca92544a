import { describe, expect, it } from 'vitest'
import { toBase64 } from './encoding'
import { decryptSecret, encryptSecret, importSecretsKey, maskSecret, randomToken } from './secrets'

const KEY_A = toBase64(new Uint8Array(32).fill(7))
const KEY_B = toBase64(new Uint8Array(32).fill(8))
const AAD = 'tenant-1|ai_providers:42|api_key'

describe('importSecretsKey', () => {
  it('should import a 32-byte base64 key', async () => {
    const key = await importSecretsKey(KEY_A)
    expect(key.algorithm.name).toBe('AES-GCM')
    expect(key.extractable).toBe(false)
  })

  it.each([
    ['16 bytes', toBase64(new Uint8Array(16)), /32 bytes \(tem 16\)/],
    ['33 bytes', toBase64(new Uint8Array(33)), /32 bytes \(tem 33\)/],
    ['empty', '', /32 bytes \(tem 0\)/],
    ['not base64', 'não é base64!', /não é base64/],
  ])('should reject a key that is %s', async (_name, input, message) => {
    await expect(importSecretsKey(input)).rejects.toThrow(message)
  })
})

describe('encryptSecret / decryptSecret', () => {
  it.each(['sk-abc123', '', 'ção ✓ 🚀', 'x'.repeat(10_000)])('should round-trip %j', async (plain) => {
    const key = await importSecretsKey(KEY_A)
    const blob = await encryptSecret(key, plain, AAD)
    expect(blob).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/)
    expect(await decryptSecret(key, blob, AAD)).toBe(plain)
  })

  it('should use a fresh iv for every encryption', async () => {
    const key = await importSecretsKey(KEY_A)
    const a = await encryptSecret(key, 'same', AAD)
    const b = await encryptSecret(key, 'same', AAD)
    expect(a).not.toBe(b)
  })

  it('should refuse a blob decrypted with the wrong aad', async () => {
    const key = await importSecretsKey(KEY_A)
    const blob = await encryptSecret(key, 'secret', AAD)
    await expect(decryptSecret(key, blob, 'tenant-2|ai_providers:42|api_key')).rejects.toThrow(/decifrar/)
  })

  it('should refuse a blob decrypted with the wrong key', async () => {
    const blob = await encryptSecret(await importSecretsKey(KEY_A), 'secret', AAD)
    await expect(decryptSecret(await importSecretsKey(KEY_B), blob, AAD)).rejects.toThrow(/decifrar/)
  })

  it('should detect a tampered ciphertext', async () => {
    const key = await importSecretsKey(KEY_A)
    const blob = await encryptSecret(key, 'secret-value', AAD)
    const [v, iv, ct = ''] = blob.split('.')
    const flipped = (ct[0] === 'A' ? 'B' : 'A') + ct.slice(1)
    await expect(decryptSecret(key, `${v}.${iv}.${flipped}`, AAD)).rejects.toThrow(/decifrar/)
  })

  it('should detect a tampered iv', async () => {
    const key = await importSecretsKey(KEY_A)
    const blob = await encryptSecret(key, 'secret-value', AAD)
    const [v, iv = '', ct] = blob.split('.')
    const flipped = (iv[0] === 'A' ? 'B' : 'A') + iv.slice(1)
    await expect(decryptSecret(key, `${v}.${flipped}.${ct}`, AAD)).rejects.toThrow(/decifrar/)
  })

  it.each([
    '',
    'v1',
    'v1.abc',
    'v2.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA',
    'v1.AAAA.AAAAAAAAAAAAAAAAAAAAAA',
    'v1.AAAAAAAAAAAAAAAA.AAAA',
    'v1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.extra',
    'v1.!!!!!!!!!!!!!!!!.AAAAAAAAAAAAAAAAAAAAAA',
  ])('should reject the malformed blob %j', async (blob) => {
    const key = await importSecretsKey(KEY_A)
    await expect(decryptSecret(key, blob, AAD)).rejects.toThrow(/formato inválido/)
  })
})

describe('maskSecret', () => {
  it.each([
    ['sk-1234567890abcd', '••••••••abcd'],
    ['123456789012', '••••••••9012'],
    ['short', '••••••••'],
    ['12345678901', '••••••••'],
    ['', ''],
  ])('should mask %j as %j', (plain, masked) => {
    expect(maskSecret(plain)).toBe(masked)
  })
})

describe('randomToken', () => {
  it('should return 43 base64url chars for the default 32 bytes', () => {
    expect(randomToken()).toMatch(/^[A-Za-z0-9_-]{43}$/)
  })

  it('should honour the byte count and differ between calls', () => {
    expect(randomToken(16)).toMatch(/^[A-Za-z0-9_-]{22}$/)
    expect(randomToken()).not.toBe(randomToken())
  })

  it.each([0, -1, 1.5, 2000])('should reject %d bytes', (n) => {
    expect(() => randomToken(n)).toThrow(RangeError)
  })
})
