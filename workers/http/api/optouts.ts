// /api/v1/opt-outs: the team's opt-out list (numbers never messaged): list, add, remove (scopes
// contacts:read / contacts:write). Thin: parse, call app/core/contacts, answer.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import { decodeCursor, encodeCursor } from '../../../app/core/api/cursor'
import {
  AddOptOutSchema,
  IdParamSchema,
  OptOutSchema,
  OptOutsQuerySchema,
  pageOf,
  RemoveOptOutQuerySchema,
} from '../../../app/core/api/schemas'
import { addOptOut, normaliseTenantPhone, removeOptOut } from '../../../app/core/contacts/optouts.server'
import {
  getOptOut,
  getOptOutByPhone,
  type OptOutRow,
  pageOptOuts,
} from '../../../app/core/contacts/optouts-page.server'
import { text } from '../../../app/i18n/text'
import { type ApiEnv, ApiProblem, composerText } from './context'
import { idempotent, requireScope } from './guard'
import { validationHook } from './hook'
import { idempotencyHeader, jsonBody, needs, noContent, ok, problems } from './openapi'

export const optOutsApi = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook })

const isId = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) > 0

function present(r: OptOutRow) {
  return {
    id: r.id,
    phone: r.phoneE164,
    reason: r.reason,
    source: r.source,
    note: r.note,
    createdAt: new Date(r.createdAt).toISOString(),
  }
}

optOutsApi.openapi(
  createRoute({
    method: 'get',
    path: '/opt-outs',
    tags: ['Opt-outs'],
    summary: "List the team's opt-outs, newest first",
    security: needs('contacts:read'),
    middleware: [requireScope('contacts:read')] as const,
    request: { query: OptOutsQuerySchema },
    responses: { 200: ok(pageOf(OptOutSchema, 'OptOutPage'), 'A page of opt-outs'), ...problems(400, 422) },
  }),
  async (c) => {
    const q = c.req.valid('query')
    const scope = c.get('scope')
    const beforeId = q.cursor ? decodeCursor(q.cursor, isId) : undefined
    if (beforeId === null)
      throw new ApiProblem('badRequest', { detail: text('api.problem.badRequest.cursor') })
    let phoneE164: string | undefined
    if (q.phone !== undefined) {
      const phone = await normaliseTenantPhone(scope, q.phone)
      if (!phone.ok) throw new ApiProblem('validation', { errors: [{ pointer: '/phone', text: phone.text }] })
      phoneE164 = phone.e164
    }
    const page = await pageOptOuts(scope, { beforeId, limit: q.limit, phoneE164 })
    return c.json(
      { data: page.rows.map(present), nextCursor: page.next === null ? null : encodeCursor(page.next) },
      200,
    )
  },
)

optOutsApi.openapi(
  createRoute({
    method: 'post',
    path: '/opt-outs',
    tags: ['Opt-outs'],
    summary: 'Add a number to the opt-out list',
    description:
      'The number is never messaged again by any campaign or single message, and the lists holding it count it as opted out. Adding a number already there answers 200 with the existing entry.',
    security: needs('contacts:write'),
    middleware: [requireScope('contacts:write'), idempotent] as const,
    request: { headers: idempotencyHeader, body: jsonBody(AddOptOutSchema) },
    responses: {
      201: ok(OptOutSchema, 'Added'),
      200: ok(OptOutSchema, 'Already on the list'),
      ...problems(400, 413, 422),
    },
  }),
  async (c) => {
    const scope = c.get('scope')
    const body = c.req.valid('json')
    const result = await addOptOut(scope, body)
    if (!result.ok)
      throw new ApiProblem('validation', {
        errors: [{ pointer: '/phone', text: composerText(result.message) }],
      })
    const row = await getOptOutByPhone(scope, String(result.vars?.phone ?? ''))
    return c.json(present(row), result.message === 'optouts.added' ? 201 : 200)
  },
)

optOutsApi.openapi(
  createRoute({
    method: 'delete',
    path: '/opt-outs/{id}',
    tags: ['Opt-outs'],
    summary: 'Remove a number from the opt-out list',
    description:
      'The number may be messaged again. The reason is required and kept in the audit log. Only remove a number when the person asked to receive messages again.',
    security: needs('contacts:write'),
    middleware: [requireScope('contacts:write')] as const,
    request: { params: IdParamSchema, query: RemoveOptOutQuerySchema },
    responses: { 204: noContent, ...problems(404, 422) },
  }),
  async (c) => {
    const scope = c.get('scope')
    const { id } = c.req.valid('param')
    await getOptOut(scope, id)
    const result = await removeOptOut(scope, id, c.req.valid('query').reason)
    if (!result.ok)
      throw new ApiProblem('validation', {
        errors: [{ pointer: '/reason', text: composerText(result.message) }],
      })
    return c.body(null, 204)
  },
)
