// /api/v1/messages: one message to one number now (scope messages:send), through the campaign engine
// (app/core/campaigns/single-message.server.ts): pacing, opt-outs, person rules and the number guard
// apply, and with an Idempotency-Key it is sent at most once even across crashed requests.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import { SendMessageSchema, SentMessageSchema } from '../../../app/core/api/schemas-campaigns'
import { sendSingleMessage, singleMessageId } from '../../../app/core/campaigns/single-message.server'
import type { MessageStatus } from '../../../app/core/campaigns/status'
import { type ApiEnv, ApiProblem, composerText } from './context'
import { idempotent, requireScope } from './guard'
import { validationHook } from './hook'
import { idempotencyHeader, jsonBody, needs, ok, problems } from './openapi'

export const messagesApi = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook })

messagesApi.openapi(
  createRoute({
    method: 'post',
    path: '/messages',
    tags: ['Messages'],
    summary: 'Send one message to one number now',
    description:
      "Goes through the same engine as campaigns: the session's pacing (it may wait for the session's next slot), the opt-out list (an opted-out number is refused, and checked again just before sending), the protections of the person and the number guard. Send an Idempotency-Key: a retry with it never sends twice. The answer is 202: the message is queued; follow its status with GET /campaigns/{campaignId}/messages (scope campaigns:read).",
    security: needs('messages:send'),
    middleware: [requireScope('messages:send'), idempotent] as const,
    request: { headers: idempotencyHeader, body: jsonBody(SendMessageSchema) },
    responses: { 202: ok(SentMessageSchema, 'Queued'), ...problems(400, 409, 413, 422) },
  }),
  async (c) => {
    const scope = c.get('scope')
    const id = await singleMessageId(c.get('caller').tokenId, c.req.header('idempotency-key'))
    const sent = await sendSingleMessage(scope, id, c.req.valid('json'), new URL(c.req.url).origin)
    if (!sent.ok) {
      if (sent.field === null) throw new ApiProblem('conflict', { detail: composerText(sent.message) })
      throw new ApiProblem('validation', {
        errors: [{ pointer: `/${sent.field}`, text: composerText(sent.message) }],
      })
    }
    return c.json(
      {
        id: sent.messageId,
        campaignId: sent.campaignId,
        phone: sent.phoneE164,
        status: sent.status as MessageStatus,
      },
      202,
    )
  },
)
