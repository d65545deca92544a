// Pieces every /api/v1 route definition shares: the bearer security with its scope, the
// Idempotency-Key header of POSTs, the RateLimit headers and the problem responses.
import { z } from 'zod'
import { ProblemSchema } from '../../../app/core/api/problem-schema'
import type { ApiScope } from '../../../app/core/api/scopes'

export const BEARER = 'bearerAuth'

/** `security` of a route needing `scope` (OpenAPI 3.1 allows role names for http schemes). */
export const needs = (scope: ApiScope) => [{ [BEARER]: [scope] }]

const rateLimitHeaders = {
  RateLimit: {
    description: 'IETF draft-ietf-httpapi-ratelimit-headers: remaining requests (r) and seconds to reset (t)',
    schema: { type: 'string' as const, example: '"token";r=119;t=60' },
  },
  'RateLimit-Policy': {
    description: 'Quota (q) per window of w seconds',
    schema: { type: 'string' as const, example: '"token";q=120;w=60' },
  },
}

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'Bad request (malformed JSON, cursor or Idempotency-Key)',
  401: 'Missing, malformed, unknown, expired or revoked token',
  403: 'The token lacks the scope this operation needs',
  404: 'No such resource for this team',
  409: 'A request with this Idempotency-Key is still running, or the list is not ready',
  413: 'Body over 1 MB',
  422: 'Invalid request, or an Idempotency-Key reused with another request',
  429: 'Rate limit reached: retry after Retry-After seconds',
}

/** Problem responses for the given statuses (401, 403 and 429 are added to every route). */
export function problems(...statuses: number[]) {
  const all = [...new Set([401, 403, 429, ...statuses])].sort()
  return Object.fromEntries(
    all.map((status) => [
      status,
      {
        description: PROBLEM_DESCRIPTIONS[status] ?? 'Problem',
        headers:
          status === 429
            ? { ...rateLimitHeaders, 'Retry-After': { schema: { type: 'integer' as const } } }
            : undefined,
        content: { 'application/problem+json': { schema: ProblemSchema } },
      },
    ]),
  )
}

/** A JSON success response with the rate limit headers. */
export function ok<T extends z.ZodType>(schema: T, description: string) {
  return { description, headers: rateLimitHeaders, content: { 'application/json': { schema } } }
}

export const noContent = { description: 'Done', headers: rateLimitHeaders }

export const idempotencyHeader = z.object({
  'idempotency-key': z
    .string()
    .max(255)
    .optional()
    .meta({ description: 'Retry-safe POST: the same key and body within 24 h replays the first answer' }),
})

export function jsonBody<T extends z.ZodType>(schema: T) {
  return { required: true, content: { 'application/json': { schema } } }
}
