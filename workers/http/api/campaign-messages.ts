// /api/v1/campaigns/{id}/messages (each message with its status, id order) and /api/v1/replies (what
// contacts wrote, kept by the inbox, id order): scope campaigns:read, cursor pagination.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import { decodeCursor, encodeCursor } from '../../../app/core/api/cursor'
import { apiLocale } from '../../../app/core/api/problem'
import { pageOf } from '../../../app/core/api/schemas'
import {
  CampaignIdParamSchema,
  CampaignMessageSchema,
  CampaignMessagesQuerySchema,
  RepliesQuerySchema,
  ReplySchema,
} from '../../../app/core/api/schemas-campaigns'
import { pageCampaignMessages, pageReplies } from '../../../app/core/campaigns/api-read.server'
import { normaliseTenantPhone } from '../../../app/core/contacts/optouts.server'
import { text } from '../../../app/i18n/text'
import { type ApiEnv, ApiProblem } from './context'
import { requireScope } from './guard'
import { validationHook } from './hook'
import { needs, ok, problems } from './openapi'
import { presentCampaignMessage, presentReply } from './present-campaigns'

export const campaignMessagesApi = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook })

const isAfterId = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0

function afterIdOf(cursor: string | undefined): number | undefined {
  if (!cursor) return undefined
  const id = decodeCursor(cursor, isAfterId)
  if (id === null) throw new ApiProblem('badRequest', { detail: text('api.problem.badRequest.cursor') })
  return id
}

campaignMessagesApi.openapi(
  createRoute({
    method: 'get',
    path: '/campaigns/{id}/messages',
    tags: ['Campaigns'],
    summary: "A campaign's messages with their statuses, in id order",
    description:
      'Messages are created as the campaign is dispatched; `status` follows each one (queued, sent, delivered, read, failed…). A skipped message was not sent (opt-out, a protection, a cancelled campaign); `error` says why.',
    security: needs('campaigns:read'),
    middleware: [requireScope('campaigns:read')] as const,
    request: { params: CampaignIdParamSchema, query: CampaignMessagesQuerySchema },
    responses: {
      200: ok(pageOf(CampaignMessageSchema, 'CampaignMessagePage'), 'A page of messages'),
      ...problems(400, 404, 422),
    },
  }),
  async (c) => {
    const q = c.req.valid('query')
    const page = await pageCampaignMessages(c.get('scope'), c.req.valid('param').id, {
      afterId: afterIdOf(q.cursor),
      limit: q.limit,
      status: q.status,
    })
    const locale = apiLocale(c.req.header('accept-language'))
    return c.json(
      {
        data: page.rows.map((r) => presentCampaignMessage(r, locale)),
        nextCursor: page.next === null ? null : encodeCursor(page.next),
      },
      200,
    )
  },
)

campaignMessagesApi.openapi(
  createRoute({
    method: 'get',
    path: '/replies',
    tags: ['Campaigns'],
    summary: 'What contacts wrote to the team’s numbers, oldest first',
    description:
      'The messages kept by Respostas (the inbox). With campaignId, only replies to that campaign’s messages. A revoked message keeps its row with an empty text.',
    security: needs('campaigns:read'),
    middleware: [requireScope('campaigns:read')] as const,
    request: { query: RepliesQuerySchema },
    responses: { 200: ok(pageOf(ReplySchema, 'ReplyPage'), 'A page of replies'), ...problems(400, 404, 422) },
  }),
  async (c) => {
    const q = c.req.valid('query')
    const scope = c.get('scope')
    let phoneE164: string | undefined
    if (q.phone !== undefined) {
      const phone = await normaliseTenantPhone(scope, q.phone)
      if (!phone.ok) throw new ApiProblem('validation', { errors: [{ pointer: '/phone', text: phone.text }] })
      phoneE164 = phone.e164
    }
    const page = await pageReplies(scope, {
      afterId: afterIdOf(q.cursor),
      limit: q.limit,
      campaignId: q.campaignId,
      phoneE164,
    })
    return c.json(
      { data: page.rows.map(presentReply), nextCursor: page.next === null ? null : encodeCursor(page.next) },
      200,
    )
  },
)
