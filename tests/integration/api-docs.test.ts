// /api/v1/openapi.json and /api/v1/docs are served by the Worker itself, without a token and without
// any external host.
import { describe, expect, it } from 'vitest'
import { apiFetch, createTestToken } from './helpers/api'
import { createTestTenant } from './helpers/app'

describe('API reference', () => {
  it('should serve the OpenAPI 3.1 document', async () => {
    const res = await apiFetch('/openapi.json')
    expect(res.status).toBe(200)
    const doc = (await res.json()) as { openapi: string; servers: Array<{ url: string }>; paths: object }
    expect(doc.openapi).toBe('3.1.0')
    expect(doc.servers).toEqual([{ url: 'https://disparo.test/api/v1' }])
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/contacts', '/contacts/{id}', '/contacts/erase', '/lists', '/lists/{id}']),
    )
  })

  it('should render a readable page from it, in the reader language, with nothing from outside', async () => {
    const res = await apiFetch('/docs')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp).toMatch(/^default-src 'none'; style-src 'nonce-[A-Za-z0-9+/=]+'/)
    const html = await res.text()
    expect(html).toContain('Referência da API do Disparo')
    expect(html).toContain('<code>/contacts/{id}</code>')
    expect(html).toContain('id="problem-unauthorized"')
    expect(html).toContain('id="schema-contact"')
    expect(html).not.toMatch(/<script|src="http|href="http/)
    const en = await (await apiFetch('/docs', { headers: { 'Accept-Language': 'en' } })).text()
    expect(en).toContain('Disparo API reference')
  })

  it('should answer an unknown API path with a problem, not a page', async () => {
    expect((await apiFetch('/nada')).status).toBe(401)
    const token = await createTestToken(await createTestTenant())
    const res = await apiFetch('/nada', { token })
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    expect(await res.json()).toMatchObject({ status: 404, type: '/api/v1/docs#problem-notFound' })
  })
})
