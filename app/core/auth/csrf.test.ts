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

  it('should exempt the bearer-token API under /api/v1/ and nothing beside it', () => {
    for (const method of ['POST', 'DELETE', 'PUT', 'PATCH'])
      expect(isSameOriginRequest(post('/api/v1/contacts', {}, method)), method).toBe(true)
    for (const path of [
      '/api/v1',
      '/api/v2/contacts',
      '/api/contacts',
      '/x/api/v1/contacts',
      '/integracoes/api',
    ])
      expect(isSameOriginRequest(post(path, { Origin: 'https://evil.example' })), path).toBe(false)
  })
})
