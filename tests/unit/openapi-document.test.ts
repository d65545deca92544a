// The /api/v1 OpenAPI document, as the Worker builds it from the zod schemas, against the OpenAPI 3.1
// schema (@seriousme/openapi-schema-validator). Responses are checked against it in
// tests/integration/api-*.test.ts.
import { Validator } from '@seriousme/openapi-schema-validator'
import { describe, expect, it } from 'vitest'
import { API_SCOPES } from '../../app/core/api/scopes'
import { apiDocument, apiV1 } from '../../workers/http/api/app'

const EXPECTED_OPERATIONS = [
  'DELETE /contacts/{id}',
  'DELETE /lists/{id}',
  'DELETE /opt-outs/{id}',
  'DELETE /segments/{id}',
  'DELETE /sessions/{id}',
  'DELETE /tags/{id}',
  'DELETE /webhooks/{id}',
  'GET /ai/providers',
  'GET /campaigns',
  'GET /campaigns/{id}',
  'GET /campaigns/{id}/messages',
  'GET /contacts',
  'GET /contacts/{id}',
  'GET /lists',
  'GET /lists/{id}',
  'GET /opt-outs',
  'GET /replies',
  'GET /segments',
  'GET /segments/{id}',
  'GET /segments/{id}/preview',
  'GET /sessions',
  'GET /sessions/{id}',
  'GET /sessions/{id}/live',
  'GET /tags',
  'GET /tags/{id}',
  'GET /webhooks',
  'GET /webhooks/{id}',
  'GET /webhooks/{id}/deliveries',
  'PATCH /segments/{id}',
  'PATCH /tags/{id}',
  'PATCH /webhooks/{id}',
  'POST /ai/providers',
  'POST /ai/providers/{id}/test',
  'POST /ai/variants',
  'POST /campaigns',
  'POST /campaigns/{id}/cancel',
  'POST /campaigns/{id}/launch',
  'POST /campaigns/{id}/pause',
  'POST /campaigns/{id}/resume',
  'POST /campaigns/{id}/schedule',
  'POST /contacts',
  'POST /contacts/erase',
  'POST /lists',
  'POST /media',
  'POST /messages',
  'POST /opt-outs',
  'POST /segments',
  'POST /segments/preview',
  'POST /sessions',
  'POST /sessions/{id}/logout',
  'POST /sessions/{id}/pairing-code',
  'POST /sessions/{id}/restart',
  'POST /sessions/{id}/start',
  'POST /sessions/{id}/stop',
  'POST /tags',
  'POST /tags/{id}/people',
  'POST /tags/{id}/people/remove',
  'POST /webhooks',
  'POST /webhooks/{id}/deliveries/{deliveryId}/redeliver',
  'POST /webhooks/{id}/secret',
  'POST /webhooks/{id}/test',
]

describe('OpenAPI document', () => {
  it('should be a valid OpenAPI 3.1 document', async () => {
    const doc = apiDocument('https://disparo.test')
    const result = await new Validator().validate(doc as never)
    expect(result.errors ?? []).toEqual([])
    expect(result.valid).toBe(true)
    expect(doc.openapi).toBe('3.1.0')
  })

  it('should describe every operation with its scope, problems and the POSTs with Idempotency-Key', () => {
    const doc = apiDocument('https://disparo.test')
    const ops = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
      Object.entries(item as Record<string, Record<string, unknown>>).map(([method, op]) => ({
        path,
        method,
        op,
      })),
    )
    expect(ops.map((o) => `${o.method.toUpperCase()} ${o.path}`).sort()).toEqual(EXPECTED_OPERATIONS)
    for (const { method, path, op } of ops) {
      // each alternative names one scope (POST /media takes campaigns:write or messages:send)
      const scopes = (op.security as Array<Record<string, string[]>>).flatMap((s) => Object.values(s).flat())
      expect(scopes.length).toBe(path === '/media' ? 2 : 1)
      for (const scope of scopes) expect(API_SCOPES).toContain(scope)
      const responses = op.responses as Record<string, unknown>
      for (const status of ['401', '403', '429']) expect(responses[status]).toBeDefined()
      // an upload is raw bytes, not replayable JSON: each stores a new file (decision 030)
      if (method === 'post' && path !== '/media') {
        const params = op.parameters as Array<{ name: string; in: string }>
        expect(params).toContainEqual(expect.objectContaining({ name: 'idempotency-key', in: 'header' }))
      }
    }
  })

  it('should hold every route the API answers (nothing served is missing from the document)', () => {
    const doc = apiDocument('https://disparo.test')
    const documented = new Set(
      Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
        Object.keys(item as object).map((method) => `${method.toUpperCase()} ${path}`),
      ),
    )
    const served = apiV1.routes
      .filter((r) => r.method !== 'ALL' && !['/openapi.json', '/docs'].includes(r.path))
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`)
    expect([...new Set(served)].sort()).toEqual(EXPECTED_OPERATIONS)
    for (const route of served) expect(documented, route).toContain(route)
  })

  it('should offer as token scopes exactly the scopes the operations need', () => {
    const doc = apiDocument('https://disparo.test')
    const used = new Set(
      Object.values(doc.paths ?? {}).flatMap((item) =>
        Object.values(item as Record<string, { security: Array<Record<string, string[]>> }>).flatMap((op) =>
          op.security.flatMap((s) => Object.values(s).flat()),
        ),
      ),
    )
    expect([...used].sort()).toEqual([...API_SCOPES].sort())
  })
})
