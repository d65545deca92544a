// RFC 9457 problem details for /api/v1 (decision 030): every refusal is `application/problem+json`
// with a `type` documented on /api/v1/docs, a `title` and a `detail` in the caller's language
// (Portuguese unless Accept-Language prefers English), and for validation the `errors` by JSON
// Pointer. Texts are catalogue codes (decision 025); a 401 or 403 never says why beyond its title.
import type { z } from 'zod'
import { type Locale, translate } from '../../i18n'
import { type Text, text } from '../../i18n/text'

const PROBLEM_STATUS = {
  badRequest: 400,
  unauthorized: 401,
  forbidden: 403,
  notFound: 404,
  inProgress: 409,
  listNotReady: 409,
  conflict: 409,
  payloadTooLarge: 413,
  validation: 422,
  idempotencyMismatch: 422,
  rateLimited: 429,
  internal: 500,
  teamMoving: 503,
} as const

export type ProblemKind = keyof typeof PROBLEM_STATUS

export const PROBLEM_KINDS = Object.keys(PROBLEM_STATUS) as ProblemKind[]

type ProblemError = { pointer: string; code: string; detail: string }

export type ProblemBody = {
  type: string
  title: string
  status: number
  detail: string
  errors?: ProblemError[]
}

/** The documented type of a problem kind (an anchor of the reference page). */
export function problemType(kind: ProblemKind): string {
  return `/api/v1/docs#problem-${kind}`
}

/** pt-BR unless Accept-Language ranks English above Portuguese. */
export function apiLocale(acceptLanguage: string | null | undefined): Locale {
  let best: { locale: Locale; q: number } = { locale: 'pt-BR', q: 0 }
  for (const part of (acceptLanguage ?? '').split(',')) {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';')
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    const q = qParam ? Number(qParam.slice(2)) : 1
    if (!Number.isFinite(q) || q <= best.q) continue
    if (tag === 'en' || tag.startsWith('en-')) best = { locale: 'en', q }
    else if (tag === 'pt' || tag.startsWith('pt-')) best = { locale: 'pt-BR', q }
  }
  return best.locale
}

export type ProblemIssue = { pointer: string; text: Text }

/** A problem body in `locale`; `detail` defaults to the kind's own sentence. */
export function problemBody(
  locale: Locale,
  kind: ProblemKind,
  extra: { detail?: Text; errors?: ProblemIssue[] } = {},
): ProblemBody {
  const body: ProblemBody = {
    type: problemType(kind),
    title: translate(locale, `api.problem.${kind}.title`),
    status: PROBLEM_STATUS[kind],
    detail: translate(locale, extra.detail ?? `api.problem.${kind}.detail`),
  }
  if (extra.errors)
    body.errors = extra.errors.map((e) => ({
      pointer: e.pointer,
      code: e.text.code,
      detail: translate(locale, e.text),
    }))
  return body
}

/** A JSON Pointer (RFC 6901) of a zod issue's path. */
function pointer(path: readonly PropertyKey[]): string {
  return path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('')
}

/** Texts for zod's issues, so a validation problem reads well in both languages. */
export function issueTexts(issues: readonly z.core.$ZodIssue[]): ProblemIssue[] {
  return issues.map((issue) => {
    const at = pointer(issue.path)
    switch (issue.code) {
      case 'invalid_type':
        return {
          pointer: at,
          text:
            issue.input === undefined
              ? text('api.validation.required')
              : text('api.validation.type', { expected: issue.expected }),
        }
      case 'too_big':
        return {
          pointer: at,
          text: text(issue.origin === 'array' ? 'api.validation.tooManyItems' : 'api.validation.tooLong', {
            max: Number(issue.maximum),
          }),
        }
      case 'too_small':
        return {
          pointer: at,
          text: text(issue.origin === 'array' ? 'api.validation.tooFewItems' : 'api.validation.tooShort', {
            min: Number(issue.minimum),
          }),
        }
      case 'invalid_format':
        return { pointer: at, text: text('api.validation.format', { format: issue.format }) }
      case 'unrecognized_keys':
        return { pointer: at, text: text('api.validation.unknownKeys', { keys: issue.keys.join(', ') }) }
      case 'invalid_value':
        return {
          pointer: at,
          text: text('api.validation.value', { values: issue.values.map((v) => String(v)).join(', ') }),
        }
      default:
        return { pointer: at, text: text('api.validation.invalid') }
    }
  })
}
