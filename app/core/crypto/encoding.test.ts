import { describe, expect, it } from 'vitest'
import { bytesEqual, fromBase64, fromBase64url, toBase64, toBase64url, toHex, utf8 } from './encoding'

describe('encoding', () => {
  it.each([0, 1, 2, 3, 4, 31, 32, 33, 70000])(
    'should round-trip %i random bytes through base64 and base64url',
    (n) => {
      const bytes = new Uint8Array(n)
      for (let i = 0; i < n; i++) bytes[i] = (i * 37 + 11) & 0xff
      expect(fromBase64(toBase64(bytes))).toEqual(bytes)
      const url = toBase64url(bytes)
      expect(url).not.toMatch(/[+/=]/)
      expect(fromBase64url(url)).toEqual(bytes)
    },
  )

  it.each(['abc', 'a===', '****', 'ab cd', 'YQ'])('should reject invalid base64 %j', (text) => {
    expect(fromBase64(text)).toBeNull()
  })

  it.each(['a', 'ab+c', 'ab/c', 'a b'])('should reject invalid base64url %j', (text) => {
    expect(fromBase64url(text)).toBeNull()
  })

  it('should hex-encode bytes', () => {
    expect(toHex(new Uint8Array([0, 15, 255]))).toBe('000fff')
  })

  it('should compare bytes', () => {
    expect(bytesEqual(utf8('abc'), utf8('abc'))).toBe(true)
    expect(bytesEqual(utf8('abc'), utf8('abd'))).toBe(false)
    expect(bytesEqual(utf8('abc'), utf8('ab'))).toBe(false)
  })
})
