import { describe, expect, it } from 'vitest'
import { generateToken, hashSecret, parseToken, secretMatches, TOKEN_PREFIX } from './token-format'

describe('API token format', () => {
  it('should make a recognisable token that parses back to its row and secret', () => {
    const { rowId, token, secret } = generateToken()
    expect(token).toMatch(/^dsp_live_[0-9a-z]{68}$/)
    expect(token.startsWith(TOKEN_PREFIX)).toBe(true)
    expect(parseToken(token)).toEqual({ rowId, secret })
  })

  it('should refuse anything else', () => {
    const { token } = generateToken()
    for (const bad of [
      '',
      'dsp_live_',
      token.slice(0, -1),
      `${token}a`,
      token.replace('dsp_live_', 'dsp_test_'),
      token.toUpperCase(),
    ])
      expect(parseToken(bad)).toBeNull()
  })

  it('should match only the secret it was hashed from', async () => {
    const a = generateToken()
    const b = generateToken()
    const stored = await hashSecret(a.secret)
    expect(stored).not.toContain(a.secret)
    expect(await secretMatches(a.secret, stored)).toBe(true)
    expect(await secretMatches(b.secret, stored)).toBe(false)
  })
})
