// /api/v1/contacts: batch upsert into a list, list by cursor (filters: list, phone), get, delete, and
// the LGPD erasure of a phone (scopes contacts:read / contacts:write). Thin: parse, call
// app/core/contacts, answer.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import { decodeCursor, encodeCursor } from '../../../app/core/api/cursor'
import { apiLocale } from '../../../app/core/api/problem'
import {
  ContactSchema,
  ContactsQuerySchema,
  EraseResultSchema,
  EraseSchema,
  IdParamSchema,
  pageOf,
  UpsertContactsSchema,
  UpsertResultSchema,
} from '../../../app/core/api/schemas'
import { deleteContact } from '../../../app/core/contacts/lists.server'
import { erasePerson, normaliseTenantPhone } from '../../../app/core/contacts/optouts.server'
import { getContact, pageContacts, upsertContacts } from '../../../app/core/contacts/records.server'
import { translate } from '../../../app/i18n'
import { text } from '../../../app/i18n/text'
import { type ApiEnv, ApiProblem } from './context'
import { idempotent, requireScope } from './guard'
import { validationHook } from './hook'
import { idempotencyHeader, jsonBody, needs, noContent, ok, problems } from './openapi'
import { presentContact } from './present'

export const contactsApi = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook })

const isAfterId = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0

contactsApi.openapi(
  createRoute({
    method: 'post',
    path: '/contacts',
    tags: ['Contacts'],
    summary: 'Add or update up to 1,000 contacts in a list',
    description:
      'Each phone is normalised like an import (Brazilian numbers need their DDD; +55, 0 and carrier prefixes are understood). A contact whose phone is already in the list is updated: fields left out keep their value, `extra` is replaced. Items are judged one by one: a refused phone fails alone, with its reason in `results`.',
    security: needs('contacts:write'),
    middleware: [requireScope('contacts:write'), idempotent] as const,
    request: { headers: idempotencyHeader, body: jsonBody(UpsertContactsSchema) },
    responses: {
      200: ok(UpsertResultSchema, 'What happened to each item'),
      ...problems(400, 404, 409, 413, 422),
    },
  }),
  async (c) => {
    const body = c.req.valid('json')
    const locale = apiLocale(c.req.header('accept-language'))
    const result = await upsertContacts(c.get('scope'), body.listId, body.contacts)
    if (!result.ok) throw new ApiProblem('listNotReady')
    return c.json(
      {
        listId: body.listId,
        created: result.created,
        updated: result.updated,
        failed: result.failed,
        results: result.results.map((r) =>
          r.status === 'failed'
            ? {
                index: r.index,
                status: r.status,
                error: { code: r.error.code, detail: translate(locale, r.error) },
              }
            : { index: r.index, status: r.status, id: r.id, phone: r.phoneE164 },
        ),
      },
      200,
    )
  },
)

contactsApi.openapi(
  createRoute({
    method: 'get',
    path: '/contacts',
    tags: ['Contacts'],
    summary: "List the team's contacts in id order",
    security: needs('contacts:read'),
    middleware: [requireScope('contacts:read')] as const,
    request: { query: ContactsQuerySchema },
    responses: {
      200: ok(pageOf(ContactSchema, 'ContactPage'), 'A page of contacts'),
      ...problems(400, 404, 422),
    },
  }),
  async (c) => {
    const q = c.req.valid('query')
    const scope = c.get('scope')
    const afterId = q.cursor ? decodeCursor(q.cursor, isAfterId) : undefined
    if (afterId === null)
      throw new ApiProblem('badRequest', { detail: text('api.problem.badRequest.cursor') })
    let phoneE164: string | undefined
    if (q.phone !== undefined) {
      const phone = await normaliseTenantPhone(scope, q.phone)
      if (!phone.ok) throw new ApiProblem('validation', { errors: [{ pointer: '/phone', text: phone.text }] })
      phoneE164 = phone.e164
    }
    const page = await pageContacts(scope, { listId: q.listId, phoneE164, afterId, limit: q.limit })
    return c.json(
      {
        data: page.rows.map(presentContact),
        nextCursor: page.next === null ? null : encodeCursor(page.next),
      },
      200,
    )
  },
)

contactsApi.openapi(
  createRoute({
    method: 'get',
    path: '/contacts/{id}',
    tags: ['Contacts'],
    summary: 'Get a contact',
    security: needs('contacts:read'),
    middleware: [requireScope('contacts:read')] as const,
    request: { params: IdParamSchema },
    responses: { 200: ok(ContactSchema, 'The contact'), ...problems(404, 422) },
  }),
  async (c) => c.json(presentContact(await getContact(c.get('scope'), c.req.valid('param').id)), 200),
)

contactsApi.openapi(
  createRoute({
    method: 'delete',
    path: '/contacts/{id}',
    tags: ['Contacts'],
    summary: 'Remove a contact from its list',
    description: 'To erase a person everywhere (LGPD), use POST /contacts/erase.',
    security: needs('contacts:write'),
    middleware: [requireScope('contacts:write')] as const,
    request: { params: IdParamSchema },
    responses: { 204: noContent, ...problems(404, 422) },
  }),
  async (c) => {
    const scope = c.get('scope')
    const contact = await getContact(scope, c.req.valid('param').id)
    await deleteContact(scope, contact.listId, contact.id)
    return c.body(null, 204)
  },
)

contactsApi.openapi(
  createRoute({
    method: 'post',
    path: '/contacts/erase',
    tags: ['Contacts'],
    summary: "Erase a person's data (LGPD)",
    description:
      "Deletes the phone's contacts from every list, blanks their name and texts in every campaign message (the rows stay for the counts), drops rejected import rows holding the number, and keeps the phone on the opt-out list so it is never messaged again.",
    security: needs('contacts:write'),
    middleware: [requireScope('contacts:write'), idempotent] as const,
    request: { headers: idempotencyHeader, body: jsonBody(EraseSchema) },
    responses: { 200: ok(EraseResultSchema, 'Erased'), ...problems(400, 409, 413, 422) },
  }),
  async (c) => {
    const scope = c.get('scope')
    const { phone } = c.req.valid('json')
    const checked = await normaliseTenantPhone(scope, phone)
    if (!checked.ok)
      throw new ApiProblem('validation', { errors: [{ pointer: '/phone', text: checked.text }] })
    const result = await erasePerson(scope, { phone })
    if (!result.ok)
      throw new ApiProblem('validation', {
        errors: [{ pointer: '/phone', text: text('api.validation.invalid') }],
      })
    return c.json(
      { phone: String(result.vars?.phone ?? ''), contactsDeleted: Number(result.vars?.count ?? 0) },
      200,
    )
  },
)
