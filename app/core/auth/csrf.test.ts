import { describe, expect, it } from 'vitest'
import { isSameOriginRequest } from './csrf'

const post = (path: string, headers: Record<string, string> = {}, method = 'POST') =>
  new Request(`https://disparo.test${path}`, { method, headers })

describe('isSameOriginRequest', () => {
  it('should let reads through and check every state change', () => {
    expect(isSameOriginRequest(post('/equipe', {}, 'GET'))).toBe(true)
    expect(isSameOriginRequest(post('/equipe', { Origin: 'https://disparo.test' }))).toBe(true)
    expect(isSameOriginRequest(post('/equipe', { Origin: 'https://evil.example' }))).toBe(false)
    expect(isSameOriginRequest(post('/equipe', { 'Sec-Fetch-Site': 'same-origin' }))).toBe(true)
    expect(isSameOriginRequest(post('/equipe', { 'Sec-Fetch-Site': 'cross-site' }))).toBe(false)
    expect(isSameOriginRequest(post('/equipe'))).toBe(false)
  })

  it('should exempt only POST to the WAHA webhook of one session', () => {
    const evil = { Origin: 'https://evil.example' }
    expect(isSameOriginRequest(post('/webhooks/waha/wses_0123456789abcdef', evil))).toBe(true)
    for (const path of [
      '/webhooks/other',
      '/webhooks/',
      '/webhooks/waha',
      '/webhooks/waha/',
      '/webhooks/waha/a/b',
      '/webhooksx/waha/a',
    ]) {
      expect(isSameOriginRequest(post(path, evil)), path).toBe(false)
    }
    expect(isSameOriginRequest(post('/webhooks/waha/wses_0123456789abcdef', evil, 'PUT'))).toBe(false)
    expect(isSameOriginRequest(post('/webhooks/waha/wses_0123456789abcdef', evil, 'DELETE'))).toBe(false)
  })
})
