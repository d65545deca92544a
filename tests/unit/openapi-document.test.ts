// The /api/v1 OpenAPI document, as the Worker builds it from the zod schemas, against the OpenAPI 3.1
// schema (@seriousme/openapi-schema-validator). Responses are checked against it in
// tests/integration/api-*.test.ts.
import { Validator } from '@seriousme/openapi-schema-validator'
import { describe, expect, it } from 'vitest'
import { API_SCOPES } from '../../app/core/api/scopes'
import { apiDocument } from '../../workers/http/api/app'

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
    expect(ops.map((o) => `${o.method.toUpperCase()} ${o.path}`).sort()).toEqual([
      'DELETE /contacts/{id}',
      'DELETE /lists/{id}',
      'GET /contacts',
      'GET /contacts/{id}',
      'GET /lists',
      'GET /lists/{id}',
      'POST /contacts',
      'POST /contacts/erase',
      'POST /lists',
    ])
    for (const { method, op } of ops) {
      const scopes = (op.security as Array<Record<string, string[]>>).flatMap((s) => Object.values(s).flat())
      expect(scopes.length).toBe(1)
      expect(API_SCOPES).toContain(scopes[0])
      const responses = op.responses as Record<string, unknown>
      for (const status of ['401', '403', '429']) expect(responses[status]).toBeDefined()
      if (method === 'post') {
        const params = op.parameters as Array<{ name: string; in: string }>
        expect(params).toContainEqual(expect.objectContaining({ name: 'idempotency-key', in: 'header' }))
      }
    }
  })
})
