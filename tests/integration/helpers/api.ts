// Drives /api/v1 through the real Worker with a bearer token, and checks answers against the
// OpenAPI document the Worker serves (@cfworker/json-schema: no code generation, so it runs in workerd).
import { Validator } from '@cfworker/json-schema'
import type { ApiScope } from '../../../app/core/api/scopes'
import { createApiToken } from '../../../app/core/api/tokens.server'
import { scopeTo } from '../../../app/core/db/tenant.server'
import { appFetch, type TestTenant } from './app'

export type ApiRequest = {
  method?: string
  token?: string | null
  json?: unknown
  body?: string | Uint8Array<ArrayBuffer>
  headers?: Record<string, string>
}

/** A token of the tenant made by its admin (all scopes unless told). */
export async function createTestToken(
  tenant: TestTenant,
  scopes: ApiScope[] = ['contacts:read', 'contacts:write'],
  expiresOn?: string,
): Promise<string> {
  const scope = scopeTo(tenant.ctx, tenant.tenantId, tenant.users.admin.id)
  const made = await createApiToken(scope, { name: `teste ${scopes.join(' ')}`, scopes, expiresOn })
  if (!made.ok) throw new Error(made.message)
  return made.token
}

/** A request to /api/v1 as a machine would send it: no cookie, no Origin. */
export function apiFetch(path: string, opts: ApiRequest = {}): Promise<Response> {
  const headers: Record<string, string> = { ...opts.headers }
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`
  let body: string | Uint8Array<ArrayBuffer> | undefined = opts.body
  if (opts.json !== undefined) {
    body = JSON.stringify(opts.json)
    headers['Content-Type'] = 'application/json'
  }
  const method = opts.method ?? (body !== undefined ? 'POST' : 'GET')
  return appFetch(`/api/v1${path}`, { method, headers, body, origin: null })
}

type OpenApiDoc = {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>
  >
  components: { schemas: Record<string, unknown> }
}

let docPromise: Promise<OpenApiDoc> | null = null

/** The document the Worker serves. */
function openApiDocument(): Promise<OpenApiDoc> {
  docPromise ??= appFetch('/api/v1/openapi.json').then((r) => r.json() as Promise<OpenApiDoc>)
  return docPromise
}

/**
 * Checks a response against the document: the operation (`method` `path` template) must declare its
 * status and content type, and the body must match that schema. Returns the parsed body.
 */
export async function expectDocumented(res: Response, method: string, template: string): Promise<unknown> {
  const doc = await openApiDocument()
  const op = doc.paths[template]?.[method.toLowerCase()]
  if (!op) throw new Error(`${method} ${template} is not in the OpenAPI document`)
  const declared = op.responses[String(res.status)]
  if (!declared) throw new Error(`${method} ${template} does not declare status ${res.status}`)
  const type = (res.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? ''
  if (!declared.content) {
    if ((await res.text()) !== '') throw new Error(`${method} ${template} ${res.status} should have no body`)
    return null
  }
  const media = declared.content[type]
  if (!media) throw new Error(`${method} ${template} ${res.status} does not declare ${type}`)
  const body: unknown = await res.json()
  const schema = { ...(media.schema as object), components: doc.components }
  const result = new Validator(schema as never, '2020-12', false).validate(body)
  if (!result.valid) {
    throw new Error(
      `${method} ${template} ${res.status} body does not match the document: ${JSON.stringify(result.errors.slice(0, 3))}`,
    )
  }
  return body
}
