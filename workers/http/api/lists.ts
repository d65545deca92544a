// /api/v1/lists: list, create, get, delete (scopes contacts:read / contacts:write). Thin: parse, call
// app/core/contacts, answer.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import { decodeCursor, encodeCursor } from '../../../app/core/api/cursor'
import {
  CreateListSchema,
  ListIdParamSchema,
  ListSchema,
  ListsQuerySchema,
  pageOf,
} from '../../../app/core/api/schemas'
import { createList, deleteList, getListWithCounts } from '../../../app/core/contacts/lists.server'
import { type ListCursor, pageLists } from '../../../app/core/contacts/records.server'
import { text } from '../../../app/i18n/text'
import { type ApiEnv, ApiProblem } from './context'
import { idempotent, requireScope } from './guard'
import { validationHook } from './hook'
import { idempotencyHeader, jsonBody, needs, noContent, ok, problems } from './openapi'
import { presentList } from './present'

export const listsApi = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook })

const isListCursor = (v: unknown): v is ListCursor =>
  typeof v === 'object' &&
  v !== null &&
  Number.isSafeInteger((v as ListCursor).createdAt) &&
  typeof (v as ListCursor).id === 'string'

listsApi.openapi(
  createRoute({
    method: 'get',
    path: '/lists',
    tags: ['Lists'],
    summary: 'List contact lists, newest first',
    security: needs('contacts:read'),
    middleware: [requireScope('contacts:read')] as const,
    request: { query: ListsQuerySchema },
    responses: { 200: ok(pageOf(ListSchema, 'ListPage'), 'A page of lists'), ...problems(400, 422) },
  }),
  async (c) => {
    const q = c.req.valid('query')
    const after = q.cursor ? decodeCursor(q.cursor, isListCursor) : undefined
    if (after === null) throw new ApiProblem('badRequest', { detail: text('api.problem.badRequest.cursor') })
    const page = await pageLists(c.get('scope'), { after, limit: q.limit })
    return c.json(
      { data: page.rows.map(presentList), nextCursor: page.next ? encodeCursor(page.next) : null },
      200,
    )
  },
)

listsApi.openapi(
  createRoute({
    method: 'post',
    path: '/lists',
    tags: ['Lists'],
    summary: 'Create an empty list',
    security: needs('contacts:write'),
    middleware: [requireScope('contacts:write'), idempotent] as const,
    request: { headers: idempotencyHeader, body: jsonBody(CreateListSchema) },
    responses: { 201: ok(ListSchema, 'The new list'), ...problems(400, 409, 413, 422) },
  }),
  async (c) => {
    const scope = c.get('scope')
    const id = await createList(scope, c.req.valid('json').name)
    return c.json(presentList(await getListWithCounts(scope, id)), 201)
  },
)

listsApi.openapi(
  createRoute({
    method: 'get',
    path: '/lists/{id}',
    tags: ['Lists'],
    summary: 'Get a list with its counters',
    security: needs('contacts:read'),
    middleware: [requireScope('contacts:read')] as const,
    request: { params: ListIdParamSchema },
    responses: { 200: ok(ListSchema, 'The list'), ...problems(404) },
  }),
  async (c) => c.json(presentList(await getListWithCounts(c.get('scope'), c.req.valid('param').id)), 200),
)

listsApi.openapi(
  createRoute({
    method: 'delete',
    path: '/lists/{id}',
    tags: ['Lists'],
    summary: 'Delete a list and its contacts',
    description: 'Opt-outs are kept: they belong to the team, not to the list.',
    security: needs('contacts:write'),
    middleware: [requireScope('contacts:write')] as const,
    request: { params: ListIdParamSchema },
    responses: { 204: noContent, ...problems(404) },
  }),
  async (c) => {
    await deleteList(c.get('scope'), c.req.valid('param').id)
    return c.body(null, 204)
  },
)
