// /api/v1/webhooks: outbound webhook endpoints and their delivery log (scope webhooks:manage,
// decision 033). Thin: parse, call app/core/webhooks (the same functions as Integrações → Webhooks),
// answer. The signing secret is in the 201 of a create and the answer of a rotation, nowhere else.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import { decodeCursor, encodeCursor } from '../../../app/core/api/cursor'
import { apiLocale } from '../../../app/core/api/problem'
import { pageOf } from '../../../app/core/api/schemas'
import {
  CreatedWebhookEndpointSchema,
  CreateWebhookEndpointSchema,
  RedeliveredSchema,
  TestEventSentSchema,
  UpdateWebhookEndpointSchema,
  WebhookDeliveriesQuerySchema,
  WebhookDeliveryParamSchema,
  WebhookDeliverySchema,
  WebhookEndpointSchema,
  WebhookIdParamSchema,
  WebhookSecretSchema,
} from '../../../app/core/api/schemas-webhooks'
import { deliveryLog, redeliver } from '../../../app/core/webhooks/deliveries.server'
import {
  createEndpoint,
  type DeliveryCursor,
  deleteEndpoint,
  type EndpointView,
  getEndpoint,
  listEndpoints,
  patchEndpoint,
  rotateEndpointSecret,
  type SaveEndpointResult,
  sendTestEvent,
} from '../../../app/core/webhooks/endpoints.server'
import { translate } from '../../../app/i18n'
import { text } from '../../../app/i18n/text'
import { type ApiEnv, ApiProblem } from './context'
import { idempotent, requireScope } from './guard'
import { validationHook } from './hook'
import { idempotencyHeader, jsonBody, needs, noContent, ok, problems } from './openapi'

export const webhooksApi = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook })

const TAG = ['Webhooks']
const SCOPE = 'webhooks:manage'
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())

function presentEndpoint(e: EndpointView) {
  return {
    id: e.id,
    url: e.url,
    description: e.description,
    eventTypes: e.eventTypes,
    enabled: e.enabled,
    disabledAt: iso(e.disabledAt),
    disabledReason: e.disabledCode,
    failureStreak: e.failureStreak,
    lastSuccessAt: iso(e.lastSuccessAt),
    createdAt: new Date(e.createdAt).toISOString(),
  }
}

function refuseUrl(saved: SaveEndpointResult): asserts saved is Extract<SaveEndpointResult, { ok: true }> {
  if (!saved.ok) throw new ApiProblem('validation', { errors: [{ pointer: '/url', text: saved.text }] })
}

const isDeliveryCursor = (v: unknown): v is DeliveryCursor =>
  typeof v === 'object' &&
  v !== null &&
  Number.isSafeInteger((v as DeliveryCursor).createdAt) &&
  typeof (v as DeliveryCursor).id === 'string'

webhooksApi.openapi(
  createRoute({
    method: 'get',
    path: '/webhooks',
    tags: TAG,
    summary: 'List webhook endpoints, newest first',
    security: needs(SCOPE),
    middleware: [requireScope(SCOPE)] as const,
    responses: {
      200: ok(pageOf(WebhookEndpointSchema, 'WebhookEndpointPage'), 'Every endpoint of the team'),
      ...problems(),
    },
  }),
  async (c) =>
    c.json({ data: (await listEndpoints(c.get('scope'))).map(presentEndpoint), nextCursor: null }, 200),
)

webhooksApi.openapi(
  createRoute({
    method: 'post',
    path: '/webhooks',
    tags: TAG,
    summary: 'Create a webhook endpoint',
    description:
      'The URL must be HTTPS on the public internet. The answer carries the signing secret (Standard Webhooks, whsec_…) once: store it then.',
    security: needs(SCOPE),
    middleware: [requireScope(SCOPE), idempotent] as const,
    request: { headers: idempotencyHeader, body: jsonBody(CreateWebhookEndpointSchema) },
    responses: { 201: ok(CreatedWebhookEndpointSchema, 'The new endpoint'), ...problems(400, 409, 413, 422) },
  }),
  async (c) => {
    const scope = c.get('scope')
    const saved = await createEndpoint(scope, { intent: 'create', ...c.req.valid('json') })
    refuseUrl(saved)
    const endpoint = presentEndpoint(await getEndpoint(scope, saved.id))
    return c.json({ ...endpoint, secret: saved.secret ?? '' }, 201)
  },
)

webhooksApi.openapi(
  createRoute({
    method: 'get',
    path: '/webhooks/{id}',
    tags: TAG,
    summary: 'Get a webhook endpoint',
    security: needs(SCOPE),
    middleware: [requireScope(SCOPE)] as const,
    request: { params: WebhookIdParamSchema },
    responses: { 200: ok(WebhookEndpointSchema, 'The endpoint'), ...problems(404) },
  }),
  async (c) => c.json(presentEndpoint(await getEndpoint(c.get('scope'), c.req.valid('param').id)), 200),
)

webhooksApi.openapi(
  createRoute({
    method: 'patch',
    path: '/webhooks/{id}',
    tags: TAG,
    summary: 'Change a webhook endpoint',
    description: 'Only the fields sent change. The signing secret stays (rotate it with POST …/secret).',
    security: needs(SCOPE),
    middleware: [requireScope(SCOPE)] as const,
    request: { params: WebhookIdParamSchema, body: jsonBody(UpdateWebhookEndpointSchema) },
    responses: { 200: ok(WebhookEndpointSchema, 'The endpoint'), ...problems(400, 404, 413, 422) },
  }),
  async (c) => {
    const scope = c.get('scope')
    const { id } = c.req.valid('param')
    refuseUrl(await patchEndpoint(scope, id, c.req.valid('json')))
    return c.json(presentEndpoint(await getEndpoint(scope, id)), 200)
  },
)

webhooksApi.openapi(
  createRoute({
    method: 'delete',
    path: '/webhooks/{id}',
    tags: TAG,
    summary: 'Delete a webhook endpoint and its delivery log',
    security: needs(SCOPE),
    middleware: [requireScope(SCOPE)] as const,
    request: { params: WebhookIdParamSchema },
    responses: { 204: noContent, ...problems(404) },
  }),
  async (c) => {
    await deleteEndpoint(c.get('scope'), c.req.valid('param').id)
    return c.body(null, 204)
  },
)

webhooksApi.openapi(
  createRoute({
    method: 'post',
    path: '/webhooks/{id}/secret',
    tags: TAG,
    summary: 'Rotate the signing secret',
    description: 'The old secret stops verifying at once. The new one is in this answer only.',
    security: needs(SCOPE),
    middleware: [requireScope(SCOPE), idempotent] as const,
    request: { headers: idempotencyHeader, params: WebhookIdParamSchema },
    responses: { 200: ok(WebhookSecretSchema, 'The new secret'), ...problems(400, 404, 409, 422) },
  }),
  async (c) => c.json({ secret: await rotateEndpointSecret(c.get('scope'), c.req.valid('param').id) }, 200),
)

webhooksApi.openapi(
  createRoute({
    method: 'post',
    path: '/webhooks/{id}/test',
    tags: TAG,
    summary: 'Send a webhook.test event to this endpoint',
    description: 'Sent whether or not the endpoint subscribes to anything; see it in the delivery log.',
    security: needs(SCOPE),
    middleware: [requireScope(SCOPE), idempotent] as const,
    request: { headers: idempotencyHeader, params: WebhookIdParamSchema },
    responses: { 202: ok(TestEventSentSchema, 'Queued'), ...problems(400, 404, 409, 422) },
  }),
  async (c) => {
    const { id } = c.req.valid('param')
    await sendTestEvent(c.get('scope'), id)
    return c.json({ endpointId: id, type: 'webhook.test' as const }, 202)
  },
)

webhooksApi.openapi(
  createRoute({
    method: 'get',
    path: '/webhooks/{id}/deliveries',
    tags: TAG,
    summary: 'The delivery log: newest deliveries first, each with its attempts',
    description: 'Finished deliveries are kept 30 days.',
    security: needs(SCOPE),
    middleware: [requireScope(SCOPE)] as const,
    request: { params: WebhookIdParamSchema, query: WebhookDeliveriesQuerySchema },
    responses: {
      200: ok(pageOf(WebhookDeliverySchema, 'WebhookDeliveryPage'), 'A page of deliveries'),
      ...problems(400, 404, 422),
    },
  }),
  async (c) => {
    const q = c.req.valid('query')
    const after = q.cursor ? decodeCursor(q.cursor, isDeliveryCursor) : undefined
    if (after === null) throw new ApiProblem('badRequest', { detail: text('api.problem.badRequest.cursor') })
    const locale = apiLocale(c.req.header('accept-language'))
    const rows = await deliveryLog(c.get('scope'), c.req.valid('param').id, { limit: q.limit + 1, after })
    const page = rows.slice(0, q.limit)
    const last = page.at(-1)
    return c.json(
      {
        data: page.map((d) => ({
          id: d.id,
          eventId: d.eventId,
          type: d.type,
          status: d.status,
          attemptCount: d.attempts,
          nextAttemptAt: d.status === 'pending' ? iso(d.nextAttemptAt) : null,
          createdAt: new Date(d.createdAt).toISOString(),
          attempts: d.log.map((a) => ({
            at: new Date(a.at).toISOString(),
            httpStatus: a.httpStatus,
            error: a.error ? translate(locale, a.error) : null,
            durationMs: a.durationMs,
            responseSnippet: a.responseSnippet,
          })),
        })),
        nextCursor:
          rows.length > q.limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null,
      },
      200,
    )
  },
)

webhooksApi.openapi(
  createRoute({
    method: 'post',
    path: '/webhooks/{id}/deliveries/{deliveryId}/redeliver',
    tags: TAG,
    summary: 'Send a delivery again',
    description:
      'A new delivery of the same event (same webhook-id, so a receiver that has it can drop it), with its own retry window.',
    security: needs(SCOPE),
    middleware: [requireScope(SCOPE), idempotent] as const,
    request: { headers: idempotencyHeader, params: WebhookDeliveryParamSchema },
    responses: { 202: ok(RedeliveredSchema, 'Queued'), ...problems(400, 404, 409, 422) },
  }),
  async (c) => {
    const { id, deliveryId } = c.req.valid('param')
    const again = await redeliver(c.get('scope'), deliveryId, id)
    return c.json({ id: again.deliveryId, endpointId: again.endpointId }, 202)
  },
)
