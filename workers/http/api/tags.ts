// /api/v1/tags: the team's tags (decision 036): list by name, create, get, rename, delete, and give or
// take a tag to/from up to 1,000 people by id or phone (scopes contacts:read / contacts:write). Thin:
// parse, call app/core/contacts (the pages' rename and delete, tags-api.server.ts for the rest), answer.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import { decodeCursor, encodeCursor } from '../../../app/core/api/cursor'
import { apiLocale } from '../../../app/core/api/problem'
import { IdParamSchema, pageOf } from '../../../app/core/api/schemas'
import {
  TagNameSchema,
  TagPeopleResultSchema,
  TagPeopleSchema,
  TagSchema,
  TagsQuerySchema,
} from '../../../app/core/api/schemas-people'
import { deleteTag, renameTag } from '../../../app/core/contacts/tags.server'
import {
  createTag,
  getTag,
  type PersonRef,
  pageTags,
  type TagRecord,
  tagPeople,
} from '../../../app/core/contacts/tags-api.server'
import { translate } from '../../../app/i18n'
import { text } from '../../../app/i18n/text'
import { codedHook } from './coded-hook'
import { type ApiEnv, ApiProblem } from './context'
import { idempotent, requireScope } from './guard'
import { idempotencyHeader, jsonBody, needs, noContent, ok, problems } from './openapi'

export const tagsApi = new OpenAPIHono<ApiEnv>({ defaultHook: codedHook })

const isKey = (v: unknown): v is string => typeof v === 'string' && v.length <= 200

const present = (t: TagRecord) => ({
  id: t.id,
  name: t.name,
  people: t.people,
  createdAt: new Date(t.createdAt).toISOString(),
})

tagsApi.openapi(
  createRoute({
    method: 'get',
    path: '/tags',
    tags: ['Tags'],
    summary: "List the team's tags by name",
    description: 'Ordered by name with case and accents ignored, each with how many people carry it.',
    security: needs('contacts:read'),
    middleware: [requireScope('contacts:read')] as const,
    request: { query: TagsQuerySchema },
    responses: { 200: ok(pageOf(TagSchema, 'TagPage'), 'A page of tags'), ...problems(400, 422) },
  }),
  async (c) => {
    const q = c.req.valid('query')
    const afterKey = q.cursor ? decodeCursor(q.cursor, isKey) : undefined
    if (afterKey === null)
      throw new ApiProblem('badRequest', { detail: text('api.problem.badRequest.cursor') })
    const page = await pageTags(c.get('scope'), { afterKey, limit: q.limit })
    return c.json(
      { data: page.rows.map(present), nextCursor: page.next === null ? null : encodeCursor(page.next) },
      200,
    )
  },
)

tagsApi.openapi(
  createRoute({
    method: 'post',
    path: '/tags',
    tags: ['Tags'],
    summary: 'Create a tag',
    description:
      'A name that is already a tag of the team but for case, accents or spacing answers 200 with that tag (its first spelling kept), as adding a tag by name on a person does.',
    security: needs('contacts:write'),
    middleware: [requireScope('contacts:write'), idempotent] as const,
    request: { headers: idempotencyHeader, body: jsonBody(TagNameSchema) },
    responses: {
      201: ok(TagSchema, 'Created'),
      200: ok(TagSchema, 'The tag already had this name'),
      ...problems(400, 413, 422),
    },
  }),
  async (c) => {
    const scope = c.get('scope')
    const result = await createTag(scope, c.req.valid('json').name)
    if (!result.ok) throw new ApiProblem('validation', { errors: [{ pointer: '/name', text: result.text }] })
    return c.json(present(await getTag(scope, result.id)), result.created ? 201 : 200)
  },
)

tagsApi.openapi(
  createRoute({
    method: 'get',
    path: '/tags/{id}',
    tags: ['Tags'],
    summary: 'Get a tag',
    security: needs('contacts:read'),
    middleware: [requireScope('contacts:read')] as const,
    request: { params: IdParamSchema },
    responses: { 200: ok(TagSchema, 'The tag'), ...problems(404, 422) },
  }),
  async (c) => c.json(present(await getTag(c.get('scope'), c.req.valid('param').id)), 200),
)

tagsApi.openapi(
  createRoute({
    method: 'patch',
    path: '/tags/{id}',
    tags: ['Tags'],
    summary: 'Rename a tag everywhere at once',
    description:
      "A name that is another tag's (case, accents and spacing aside) is refused: delete one of them or choose another name.",
    security: needs('contacts:write'),
    middleware: [requireScope('contacts:write')] as const,
    request: { params: IdParamSchema, body: jsonBody(TagNameSchema) },
    responses: { 200: ok(TagSchema, 'The renamed tag'), ...problems(400, 404, 413, 422) },
  }),
  async (c) => {
    const scope = c.get('scope')
    const { id } = c.req.valid('param')
    const result = await renameTag(scope, id, c.req.valid('json').name)
    if (!result.ok) throw new ApiProblem('validation', { errors: [{ pointer: '/name', text: result.text }] })
    return c.json(present(await getTag(scope, id)), 200)
  },
)

tagsApi.openapi(
  createRoute({
    method: 'delete',
    path: '/tags/{id}',
    tags: ['Tags'],
    summary: 'Delete a tag and take it off everyone',
    description: 'Saved segments naming the tag keep working with the rest of their conditions.',
    security: needs('contacts:write'),
    middleware: [requireScope('contacts:write')] as const,
    request: { params: IdParamSchema },
    responses: { 204: noContent, ...problems(404, 422) },
  }),
  async (c) => {
    await deleteTag(c.get('scope'), c.req.valid('param').id)
    return c.body(null, 204)
  },
)

function batchRoute(op: 'add' | 'remove') {
  return createRoute({
    method: 'post',
    path: op === 'add' ? '/tags/{id}/people' : '/tags/{id}/people/remove',
    tags: ['Tags'],
    summary: op === 'add' ? 'Give the tag to up to 1,000 people' : 'Take the tag off up to 1,000 people',
    description:
      'Each item names a person of the team by `personId` or by `phone` (normalised like an import). Items are judged one by one: a refused phone or a person the team does not have fails alone, with its reason in `results`; the others change in one statement.',
    security: needs('contacts:write'),
    middleware: [requireScope('contacts:write'), idempotent] as const,
    request: { params: IdParamSchema, headers: idempotencyHeader, body: jsonBody(TagPeopleSchema) },
    responses: {
      200: ok(TagPeopleResultSchema, 'What happened to each item'),
      ...problems(400, 404, 413, 422),
    },
  })
}

for (const op of ['add', 'remove'] as const)
  tagsApi.openapi(batchRoute(op), async (c) => {
    const { id } = c.req.valid('param')
    const locale = apiLocale(c.req.header('accept-language'))
    const refs = c.req.valid('json').people as PersonRef[]
    const result = await tagPeople(c.get('scope'), id, op, refs)
    return c.json(
      {
        tagId: id,
        changed: result.changed,
        unchanged: result.unchanged,
        failed: result.failed,
        results: result.results.map((r) =>
          r.status === 'failed'
            ? {
                index: r.index,
                status: r.status,
                error: { code: r.error.code, detail: translate(locale, r.error) },
              }
            : {
                index: r.index,
                status: r.status === 'changed' ? (op === 'add' ? 'added' : 'removed') : r.status,
                personId: r.personId,
                phone: r.phoneE164,
              },
        ),
      },
      200,
    )
  })
