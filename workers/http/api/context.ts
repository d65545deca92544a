// What every /api/v1 handler shares: the Hono env (the caller, its tenant scope, the reply language),
// the problem error handlers throw, and the JSON/problem responses.
import type { Context } from 'hono'
import { apiLocale, type ProblemIssue, type ProblemKind, problemBody } from '../../../app/core/api/problem'
import type { ApiCaller } from '../../../app/core/api/tokens.server'
import type { TenantScope } from '../../../app/core/db/tenant.server'
import { fromTextString, type MessageCode, type Text } from '../../../app/i18n/text'

export type ApiEnv = {
  Bindings: Env
  Variables: { caller: ApiCaller; scope: TenantScope }
}

/** Thrown by handlers and middleware; the app's error handler answers it as problem+json. */
export class ApiProblem extends Error {
  constructor(
    readonly kind: ProblemKind,
    readonly extra: { detail?: Text; errors?: ProblemIssue[]; headers?: Record<string, string> } = {},
  ) {
    super(kind)
    this.name = 'ApiProblem'
  }
}

/** The problem+json response of a kind, in the caller's language. */
export function problemResponse(c: Context, problem: ApiProblem): Response {
  const locale = apiLocale(c.req.header('accept-language'))
  const body = problemBody(locale, problem.kind, problem.extra)
  const headers = new Headers(problem.extra.headers)
  headers.set('Content-Type', 'application/problem+json; charset=utf-8')
  headers.set('Content-Language', locale)
  // headers set earlier on this response (the rate limit's) stay
  for (const [name, value] of c.res.headers) if (/^ratelimit/i.test(name)) headers.set(name, value)
  return new Response(JSON.stringify(body), { status: body.status, headers })
}

/** A core message (a catalogue key, or a text string such as a phone refusal) as a text. */
export function composerText(message: string): Text {
  return fromTextString(message) ?? { code: message as MessageCode }
}
