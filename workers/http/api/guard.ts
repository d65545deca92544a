// The /api/v1 gate, in order: the bearer token (401), the per-token rate limit (429, with the IETF
// RateLimit headers on every answer), the route's scope (403), then for POSTs the Idempotency-Key.
// No answer says why a token was refused (decision 030).
import type { MiddlewareHandler } from 'hono'
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  isIdempotencyKey,
  releaseIdempotencyKey,
  requestFingerprint,
} from '../../../app/core/api/idempotency.server'
import type { ApiScope } from '../../../app/core/api/scopes'
import { authenticateApiToken } from '../../../app/core/api/tokens.server'
import { createAppContext } from '../../../app/core/context.server'
import { hitRateLimit } from '../../../app/core/db/rate-limit.server'
import { TeamMovingError } from '../../../app/core/db/shards.server'
import { scopeAt } from '../../../app/core/db/tenant.server'
import { text } from '../../../app/i18n/text'
import { type ApiEnv, ApiProblem } from './context'

/** Requests per token per window. */
export const API_RATE_LIMIT = 120
export const API_RATE_WINDOW_MS = 60_000
const POLICY = `"token";q=${API_RATE_LIMIT};w=${API_RATE_WINDOW_MS / 1000}`

export const authenticate: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const app = createAppContext(c.env)
  const caller = await authenticateApiToken(app, c.req.header('authorization'))
  if (!caller)
    throw new ApiProblem('unauthorized', { headers: { 'WWW-Authenticate': 'Bearer realm="disparo"' } })
  const limit = await hitRateLimit(app, `api:${caller.tokenId}`, API_RATE_LIMIT, API_RATE_WINDOW_MS)
  c.header('RateLimit-Policy', POLICY)
  if (!limit.allowed) {
    const seconds = Math.max(1, Math.ceil(limit.retryAfterMs / 1000))
    c.header('RateLimit', `"token";r=0;t=${seconds}`)
    throw new ApiProblem('rateLimited', {
      detail: text('api.problem.rateLimited.retryIn', { seconds }),
      headers: { 'Retry-After': String(seconds) },
    })
  }
  c.header('RateLimit', `"token";r=${limit.remaining};t=${Math.ceil(limit.resetMs / 1000)}`)
  c.set('caller', caller)
  try {
    c.set('scope', await scopeAt(app, caller.tenantId, null))
  } catch (error) {
    // The team is being moved between shards (decision 043): nothing is lost, try again shortly.
    if (error instanceof TeamMovingError)
      throw new ApiProblem('teamMoving', { headers: { 'Retry-After': '60' } })
    throw error
  }
  await next()
}

/** Refuses (403) a token without `scope`. */
export function requireScope(scope: ApiScope): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    if (!c.get('caller').scopes.has(scope)) throw new ApiProblem('forbidden')
    await next()
  }
}

/** Refuses (403) a token holding none of `scopes`. */
export function requireAnyScope(...scopes: ApiScope[]): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const held = c.get('caller').scopes
    if (!scopes.some((s) => held.has(s))) throw new ApiProblem('forbidden')
    await next()
  }
}

/**
 * Idempotency-Key (optional on every POST): the first request with a key runs and its answer is kept
 * 24 hours; the same key with the same request replays it (`Idempotent-Replayed: true`), with another
 * request is a 422, and while the first still runs a 409. A 5xx gives the key back.
 */
export const idempotent: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const key = c.req.header('idempotency-key')
  if (key === undefined) return next()
  if (!isIdempotencyKey(key))
    throw new ApiProblem('badRequest', { detail: text('api.problem.badRequest.idempotencyKey') })
  const caller = c.get('caller')
  const url = new URL(c.req.url)
  const fingerprint = await requestFingerprint(c.req.method, url.pathname + url.search, await c.req.text())
  const owner = { tokenId: caller.tokenId, tenantId: caller.tenantId }
  const ctx = c.get('scope')
  const claim = await claimIdempotencyKey(ctx, owner, key, fingerprint)
  if (claim.kind === 'mismatch') throw new ApiProblem('idempotencyMismatch')
  if (claim.kind === 'inProgress') throw new ApiProblem('inProgress', { headers: { 'Retry-After': '1' } })
  if (claim.kind === 'replay') {
    const problem = claim.status >= 400
    c.header('Idempotent-Replayed', 'true')
    return c.body(claim.body, claim.status as 200, {
      'Content-Type': problem ? 'application/problem+json; charset=utf-8' : 'application/json',
    })
  }
  try {
    await next()
  } catch (error) {
    await releaseIdempotencyKey(ctx, owner, key)
    throw error
  }
  if (c.res.status >= 500) await releaseIdempotencyKey(ctx, owner, key)
  else
    await completeIdempotencyKey(ctx, owner, key, { status: c.res.status, body: await c.res.clone().text() })
}
