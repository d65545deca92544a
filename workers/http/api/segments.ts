// /api/v1/segments: saved segments (decision 037): list, create, get, update, delete, and the count with
// a sample of 10 people for a saved segment or for a definition sent as is (scopes contacts:read /
// contacts:write). The definition is the Segmentos page's zod schema and its messages; deleted lists,
// tags or campaigns are reported as the page does. Thin: parse, call app/core/contacts/segments, answer.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { decodeCursor, encodeCursor } from '../../../app/core/api/cursor'
import { apiLocale } from '../../../app/core/api/problem'
import { IdParamSchema, pageOf } from '../../../app/core/api/schemas'
import {
  CreateSegmentSchema,
  PreviewSegmentSchema,
  SegmentPreviewSchema,
  SegmentSchema,
  SegmentsQuerySchema,
  UpdateSegmentSchema,
} from '../../../app/core/api/schemas-people'
import type { SegmentDefinition } from '../../../app/core/contacts/segments/definition'
import {
  deleteSegment,
  getSegment,
  previewSegment,
  type SaveResult,
  saveSegment,
} from '../../../app/core/contacts/segments/segments.server'
import {
  missingTexts,
  pageSegments,
  updateSegment,
} from '../../../app/core/contacts/segments/segments-api.server'
import { translate } from '../../../app/i18n'
import { type MessageCode, text } from '../../../app/i18n/text'
import { codedHook } from './coded-hook'
import { type ApiEnv, ApiProblem } from './context'
import { idempotent, requireScope } from './guard'
import { idempotencyHeader, jsonBody, needs, noContent, ok, problems } from './openapi'

export const segmentsApi = new OpenAPIHono<ApiEnv>({ defaultHook: codedHook })

const isId = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) > 0

type SegmentRow = {
  id: number
  name: string
  definition: SegmentDefinition
  createdAt: number
  updatedAt: number
}

const present = (s: SegmentRow) => ({
  id: s.id,
  name: s.name,
  definition: s.definition,
  createdAt: new Date(s.createdAt).toISOString(),
  updatedAt: new Date(s.updatedAt).toISOString(),
})

/** A refused save as a 422 at the field its code is about. */
function refused(result: SaveResult & { ok: false }): never {
  const pointer = result.code.startsWith('segments.error.name') ? '/name' : '/definition'
  throw new ApiProblem('validation', { errors: [{ pointer, text: text(result.code as MessageCode) }] })
}

async function preview(c: Context<ApiEnv>, definition: SegmentDefinition) {
  const locale = apiLocale(c.req.header('accept-language'))
  const p = await previewSegment(c.get('scope'), definition)
  return {
    count: p.count,
    sample: p.sample.map((s) => ({ id: s.id, name: s.name, phone: s.phoneE164 })),
    missing: p.missing,
    warnings: missingTexts(p.missing).map((t) => ({ code: t.code, detail: translate(locale, t) })),
  }
}

segmentsApi.openapi(
  createRoute({
    method: 'get',
    path: '/segments',
    tags: ['Segments'],
    summary: "List the team's saved segments, oldest first",
    security: needs('contacts:read'),
    middleware: [requireScope('contacts:read')] as const,
    request: { query: SegmentsQuerySchema },
    responses: { 200: ok(pageOf(SegmentSchema, 'SegmentPage'), 'A page of segments'), ...problems(400, 422) },
  }),
  async (c) => {
    const q = c.req.valid('query')
    const afterId = q.cursor ? decodeCursor(q.cursor, isId) : undefined
    if (afterId === null)
      throw new ApiProblem('badRequest', { detail: text('api.problem.badRequest.cursor') })
    const page = await pageSegments(c.get('scope'), { afterId, limit: q.limit })
    return c.json(
      { data: page.rows.map(present), nextCursor: page.next === null ? null : encodeCursor(page.next) },
      200,
    )
  },
)

segmentsApi.openapi(
  createRoute({
    method: 'post',
    path: '/segments',
    tags: ['Segments'],
    summary: 'Save a segment',
    security: needs('contacts:write'),
    middleware: [requireScope('contacts:write'), idempotent] as const,
    request: { headers: idempotencyHeader, body: jsonBody(CreateSegmentSchema) },
    responses: { 201: ok(SegmentSchema, 'The saved segment'), ...problems(400, 413, 422) },
  }),
  async (c) => {
    const scope = c.get('scope')
    const result = await saveSegment(scope, c.req.valid('json'))
    if (!result.ok) refused(result)
    return c.json(present(await getSegment(scope, result.id)), 201)
  },
)

segmentsApi.openapi(
  createRoute({
    method: 'post',
    path: '/segments/preview',
    tags: ['Segments'],
    summary: 'Count the people of a definition, with a sample of 10',
    description:
      'Nothing is saved. Deleted lists, tags or campaigns the definition names are reported in `missing` and `warnings`; the rest of the definition still applies.',
    security: needs('contacts:read'),
    middleware: [requireScope('contacts:read'), idempotent] as const,
    request: { headers: idempotencyHeader, body: jsonBody(PreviewSegmentSchema) },
    responses: {
      200: ok(SegmentPreviewSchema, 'The count and the first 10 people'),
      ...problems(400, 413, 422),
    },
  }),
  async (c) => c.json(await preview(c, c.req.valid('json').definition as SegmentDefinition), 200),
)

segmentsApi.openapi(
  createRoute({
    method: 'get',
    path: '/segments/{id}',
    tags: ['Segments'],
    summary: 'Get a saved segment',
    security: needs('contacts:read'),
    middleware: [requireScope('contacts:read')] as const,
    request: { params: IdParamSchema },
    responses: { 200: ok(SegmentSchema, 'The segment'), ...problems(404, 422) },
  }),
  async (c) => c.json(present(await getSegment(c.get('scope'), c.req.valid('param').id)), 200),
)

segmentsApi.openapi(
  createRoute({
    method: 'get',
    path: '/segments/{id}/preview',
    tags: ['Segments'],
    summary: 'Count the people of a saved segment, with a sample of 10',
    description:
      'Deleted lists, tags or campaigns are reported in `missing` and `warnings`; the rest still applies.',
    security: needs('contacts:read'),
    middleware: [requireScope('contacts:read')] as const,
    request: { params: IdParamSchema },
    responses: { 200: ok(SegmentPreviewSchema, 'The count and the first 10 people'), ...problems(404, 422) },
  }),
  async (c) => {
    const segment = await getSegment(c.get('scope'), c.req.valid('param').id)
    return c.json(await preview(c, segment.definition), 200)
  },
)

segmentsApi.openapi(
  createRoute({
    method: 'patch',
    path: '/segments/{id}',
    tags: ['Segments'],
    summary: "Change a saved segment's name or definition",
    description: 'Only the fields sent change; a definition sent replaces the whole definition.',
    security: needs('contacts:write'),
    middleware: [requireScope('contacts:write')] as const,
    request: { params: IdParamSchema, body: jsonBody(UpdateSegmentSchema) },
    responses: { 200: ok(SegmentSchema, 'The segment'), ...problems(400, 404, 413, 422) },
  }),
  async (c) => {
    const scope = c.get('scope')
    const { id } = c.req.valid('param')
    const result = await updateSegment(scope, id, c.req.valid('json'))
    if (!result.ok) refused(result)
    return c.json(present(await getSegment(scope, id)), 200)
  },
)

segmentsApi.openapi(
  createRoute({
    method: 'delete',
    path: '/segments/{id}',
    tags: ['Segments'],
    summary: 'Delete a saved segment',
    security: needs('contacts:write'),
    middleware: [requireScope('contacts:write')] as const,
    request: { params: IdParamSchema },
    responses: { 204: noContent, ...problems(404, 422) },
  }),
  async (c) => {
    await deleteSegment(c.get('scope'), c.req.valid('param').id)
    return c.body(null, 204)
  },
)
