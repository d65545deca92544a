// /api/v1 refusals before any work: 401 (missing, malformed, unknown, wrong, expired, revoked token),
// 403 (scope), 429 (per-token rate limit, atomic under parallel requests), all problem+json without detail.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { parseToken } from '../../app/core/api/token-format'
import { revokeApiToken } from '../../app/core/api/tokens.server'
import { scopeTo } from '../../app/core/db/tenant.server'
import { apiTokens } from '../../db/schema'
import { API_RATE_LIMIT } from '../../workers/http/api/guard'
import { apiFetch, createTestToken, expectDocumented } from './helpers/api'
import { createTestTenant } from './helpers/app'

async function problemOf(res: Response) {
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  return (await res.json()) as { type: string; title: string; status: number; detail: string }
}

describe('API authentication', () => {
  it('should answer every bad token with the same 401 problem', async () => {
    const tenant = await createTestTenant()
    const good = await createTestToken(tenant)
    const expired = await createTestToken(tenant)
    await tenant.ctx.control
      .update(apiTokens)
      .set({ expiresAt: Date.now() - 1000 })
      .where(eq(apiTokens.id, parseToken(expired)!.rowId))
    const revoked = await createTestToken(tenant)
    await revokeApiToken(
      scopeTo(tenant.ctx, tenant.tenantId, tenant.users.admin.id),
      parseToken(revoked)!.rowId,
    )
    const wrongSecret = `${good.slice(0, -4)}${good.endsWith('0000') ? '1111' : '0000'}`
    const unknown = `dsp_live_${'0'.repeat(68)}`
    const cases: Array<[string, Record<string, string>]> = [
      ['missing', {}],
      ['not bearer', { Authorization: `Basic ${btoa('a:b')}` }],
      ['malformed', { Authorization: 'Bearer dsp_live_abc' }],
      ['unknown', { Authorization: `Bearer ${unknown}` }],
      ['wrong secret', { Authorization: `Bearer ${wrongSecret}` }],
      ['expired', { Authorization: `Bearer ${expired}` }],
      ['revoked', { Authorization: `Bearer ${revoked}` }],
    ]
    const bodies = new Set<string>()
    for (const [name, headers] of cases) {
      const res = await apiFetch('/contacts', { headers })
      expect(res.status, name).toBe(401)
      expect(res.headers.get('www-authenticate'), name).toBe('Bearer realm="disparo"')
      bodies.add(JSON.stringify(await expectDocumented(res, 'GET', '/contacts')))
    }
    expect([...bodies]).toEqual([
      JSON.stringify({
        type: '/api/v1/docs#problem-unauthorized',
        title: 'Não autenticado',
        status: 401,
        detail: 'Envie um token de API válido no cabeçalho Authorization: Bearer.',
      }),
    ])
    expect((await apiFetch('/contacts', { token: good })).status).toBe(200)
  })

  it('should speak English with Accept-Language: en', async () => {
    const res = await apiFetch('/lists', { headers: { 'Accept-Language': 'en-US,en;q=0.9' } })
    expect(res.headers.get('content-language')).toBe('en')
    expect(await problemOf(res)).toMatchObject({ title: 'Not authenticated', status: 401 })
  })

  it('should record when a token was last used', async () => {
    const tenant = await createTestTenant()
    const token = await createTestToken(tenant)
    const id = parseToken(token)!.rowId
    const before = await tenant.ctx.control.select().from(apiTokens).where(eq(apiTokens.id, id)).get()
    expect(before?.lastUsedAt).toBeNull()
    await apiFetch('/lists', { token })
    const after = await tenant.ctx.control.select().from(apiTokens).where(eq(apiTokens.id, id)).get()
    expect(after?.lastUsedAt).toBeGreaterThan(0)
  })
})

describe('API scopes', () => {
  it('should refuse (403) an operation outside the token scopes, and allow the ones inside', async () => {
    const tenant = await createTestTenant()
    const readOnly = await createTestToken(tenant, ['contacts:read'])
    const writeOnly = await createTestToken(tenant, ['contacts:write'])
    const write = await apiFetch('/lists', { token: readOnly, json: { name: 'Nova' } })
    expect(write.status).toBe(403)
    expect(await expectDocumented(write, 'POST', '/lists')).toEqual({
      type: '/api/v1/docs#problem-forbidden',
      title: 'Sem permissão',
      status: 403,
      detail: 'Este token não tem a permissão que esta operação exige.',
    })
    for (const [method, path, template] of [
      ['POST', '/contacts', '/contacts'],
      ['POST', '/contacts/erase', '/contacts/erase'],
      ['DELETE', '/contacts/1', '/contacts/{id}'],
      ['DELETE', '/lists/lst_0000000000000000', '/lists/{id}'],
    ] as const) {
      const res = await apiFetch(path, { method, token: readOnly, json: method === 'POST' ? {} : undefined })
      expect(res.status, `${method} ${path}`).toBe(403)
      await expectDocumented(res, method, template)
    }
    for (const [path, template] of [
      ['/contacts', '/contacts'],
      ['/contacts/1', '/contacts/{id}'],
      ['/lists', '/lists'],
      ['/lists/lst_0000000000000000', '/lists/{id}'],
    ] as const) {
      const res = await apiFetch(path, { token: writeOnly })
      expect(res.status, `GET ${path}`).toBe(403)
      await expectDocumented(res, 'GET', template)
    }
    const allowed = await apiFetch('/lists', { token: writeOnly, json: { name: 'Nova' } })
    expect(allowed.status).toBe(201)
    expect((await apiFetch('/lists', { token: readOnly })).status).toBe(200)
  })
})

describe('API rate limit', () => {
  it('should let exactly the limit through under parallel requests and answer the rest 429', async () => {
    const tenant = await createTestTenant()
    const token = await createTestToken(tenant)
    const extra = 6
    const responses = await Promise.all(
      Array.from({ length: API_RATE_LIMIT + extra }, () => apiFetch('/lists?limit=1', { token })),
    )
    const ok = responses.filter((r) => r.status === 200)
    const limited = responses.filter((r) => r.status === 429)
    expect(ok.length).toBe(API_RATE_LIMIT)
    expect(limited.length).toBe(extra)
    for (const res of ok) {
      expect(res.headers.get('ratelimit-policy')).toBe(`"token";q=${API_RATE_LIMIT};w=60`)
      expect(res.headers.get('ratelimit')).toMatch(/^"token";r=\d+;t=\d+$/)
      await res.arrayBuffer()
    }
    const remaining = ok.map((r) => Number(/r=(\d+)/.exec(r.headers.get('ratelimit') ?? '')?.[1]))
    expect(new Set(remaining).size).toBe(API_RATE_LIMIT)
    for (const res of limited) {
      const retry = Number(res.headers.get('retry-after'))
      expect(retry).toBeGreaterThanOrEqual(1)
      expect(retry).toBeLessThanOrEqual(60)
      expect(res.headers.get('ratelimit')).toBe(`"token";r=0;t=${retry}`)
      const body = (await expectDocumented(res, 'GET', '/lists')) as { detail: string; status: number }
      expect(body.status).toBe(429)
      expect(body.detail).toContain(`${retry} segundo`)
    }
    // another token of the same team has its own budget
    const other = await createTestToken(tenant)
    expect((await apiFetch('/lists', { token: other })).status).toBe(200)
  })
})
