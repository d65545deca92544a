import { describe, expect, it } from 'vitest'
import {
  hmacSha256Base64url,
  hmacSha512Hex,
  signMediaUrl,
  signToken,
  timingSafeEqual,
  verifyMediaSignature,
  verifySignedToken,
} from './hmac'

const SECRET = 'webhook-secret'
const NOW = Date.UTC(2026, 0, 15, 12, 0, 0)

describe('hmacSha512Hex / hmacSha256Base64url', () => {
  it('should match RFC 4231 test case 2', async () => {
    expect(await hmacSha512Hex('Jefe', 'what do ya want for nothing?')).toBe(
      '164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737',
    )
    expect(await hmacSha256Base64url('Jefe', 'what do ya want for nothing?')).toBe(
      'W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM',
    )
  })

  it('should give the same result for a string and its bytes', async () => {
    const body = '{"event":"message.ack","ç":1}'
    expect(await hmacSha512Hex(SECRET, new TextEncoder().encode(body))).toBe(
      await hmacSha512Hex(SECRET, body),
    )
  })
})

describe('timingSafeEqual', () => {
  it.each([
    ['abc', 'abc', true],
    ['abc', 'abd', false],
    ['abc', 'ab', false],
    ['', '', true],
    ['', 'a', false],
    ['ção', 'ção', true],
  ])('should compare %j and %j as %s', (a, b, equal) => {
    expect(timingSafeEqual(a, b)).toBe(equal)
  })
})

describe('signToken / verifySignedToken', () => {
  it('should round-trip a payload before expiry', async () => {
    const token = await signToken({ exp: NOW + 60_000, key: 'media/abc.jpg' }, SECRET)
    expect(await verifySignedToken(token, SECRET, NOW)).toEqual({ exp: NOW + 60_000, key: 'media/abc.jpg' })
  })

  it('should reject an expired token, a wrong secret and tampering', async () => {
    const token = await signToken({ exp: NOW + 1000, n: 1 }, SECRET)
    expect(await verifySignedToken(token, SECRET, NOW + 1000)).toBeNull()
    expect(await verifySignedToken(token, 'other', NOW)).toBeNull()
    const [body = '', sig] = token.split('.')
    const forged = btoa(JSON.stringify({ exp: NOW + 1000, n: 2 })).replace(/=+$/, '')
    expect(await verifySignedToken(`${forged}.${sig}`, SECRET, NOW)).toBeNull()
    expect(await verifySignedToken(`${body}.${sig}x`, SECRET, NOW)).toBeNull()
  })

  it.each(['', 'abc', 'a.b.c', '.', 'e30.'])('should reject the malformed token %j', async (token) => {
    expect(await verifySignedToken(token, SECRET, NOW)).toBeNull()
  })

  it('should reject a correctly signed body that is not a valid payload', async () => {
    for (const json of ['[1]', '"x"', '{"exp":"soon"}', '{}', 'not json']) {
      const body = btoa(json).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')
      const token = `${body}.${await hmacSha256Base64url(SECRET, body)}`
      expect(await verifySignedToken(token, SECRET, NOW)).toBeNull()
    }
  })

  it('should refuse to sign without a numeric exp', async () => {
    await expect(signToken({ exp: Number.NaN }, SECRET)).rejects.toThrow(TypeError)
  })
})

describe('signMediaUrl / verifyMediaSignature', () => {
  const path = '/media/t1/abc123.jpg'

  async function parts(url: string) {
    const u = new URL(url, 'https://disparo.example')
    return { path: u.pathname, exp: u.searchParams.get('exp'), sig: u.searchParams.get('sig') }
  }

  it('should produce a URL that verifies until it expires', async () => {
    const url = await signMediaUrl(path, NOW + 300_000, SECRET)
    expect(url).toMatch(/^\/media\/t1\/abc123\.jpg\?exp=\d+&sig=[A-Za-z0-9_-]{43}$/)
    const p = await parts(url)
    expect(await verifyMediaSignature(p.path, p.exp, p.sig, SECRET, NOW)).toBe(true)
    expect(await verifyMediaSignature(p.path, p.exp, p.sig, SECRET, NOW + 299_999)).toBe(true)
    expect(await verifyMediaSignature(p.path, p.exp, p.sig, SECRET, NOW + 300_000)).toBe(false)
  })

  it('should reject another path, a changed exp, a wrong secret and malformed values', async () => {
    const p = await parts(await signMediaUrl(path, NOW + 300_000, SECRET))
    expect(await verifyMediaSignature('/media/t1/other.jpg', p.exp, p.sig, SECRET, NOW)).toBe(false)
    expect(await verifyMediaSignature(p.path, String(Number(p.exp) + 3600), p.sig, SECRET, NOW)).toBe(false)
    expect(await verifyMediaSignature(p.path, p.exp, p.sig, 'other', NOW)).toBe(false)
    expect(await verifyMediaSignature(p.path, null, p.sig, SECRET, NOW)).toBe(false)
    expect(await verifyMediaSignature(p.path, p.exp, undefined, SECRET, NOW)).toBe(false)
    expect(await verifyMediaSignature(p.path, '1e12', p.sig, SECRET, NOW)).toBe(false)
    expect(await verifyMediaSignature(p.path, p.exp, 'short', SECRET, NOW)).toBe(false)
  })

  it('should append with & when the path already has a query', async () => {
    expect(await signMediaUrl('/media/x?v=2', NOW, SECRET)).toMatch(/^\/media\/x\?v=2&exp=\d+&sig=/)
  })

  it('should refuse an invalid expiry', async () => {
    await expect(signMediaUrl(path, Number.NaN, SECRET)).rejects.toThrow(TypeError)
  })
})
