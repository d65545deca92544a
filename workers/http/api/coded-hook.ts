// The validation hook of /api/v1/tags and /api/v1/segments: like ./hook.ts, but an issue whose message
// is one of the pages' catalogue codes (a segment condition's `segments.error.*`, `api.tags.*`) keeps
// that code and its sentence, so the API says what to fix in the Segmentos page's own words.
import type { Hook } from '@hono/zod-openapi'
import type { z } from 'zod'
import { issueTexts, type ProblemIssue } from '../../../app/core/api/problem'
import { TAG_BATCH_MAX } from '../../../app/core/api/schemas-people'
import { catalogueMessage } from '../../../app/i18n'
import { type MessageCode, text } from '../../../app/i18n/text'
import { type ApiEnv, ApiProblem } from './context'

const CODED = /^(segments\.error\.|api\.tags\.)/

function codedIssueTexts(issues: readonly z.core.$ZodIssue[]): ProblemIssue[] {
  const generic = issueTexts(issues)
  return issues.map((issue, i) =>
    CODED.test(issue.message) && catalogueMessage('pt-BR', issue.message) !== undefined
      ? { pointer: generic[i]?.pointer ?? '', text: text(issue.message as MessageCode) }
      : (generic[i] as ProblemIssue),
  )
}

// biome-ignore lint/suspicious/noExplicitAny: the hook serves every route of its apps, whatever its schemas
export const codedHook: Hook<any, ApiEnv, any, any> = (result) => {
  if (result.success) return
  const data = (result as { data?: { people?: unknown } }).data
  if (Array.isArray(data?.people) && data.people.length > TAG_BATCH_MAX) {
    const tooMany = text('api.tags.batchTooLarge', { max: TAG_BATCH_MAX, count: data.people.length })
    throw new ApiProblem('validation', { detail: tooMany, errors: [{ pointer: '/people', text: tooMany }] })
  }
  throw new ApiProblem('validation', { errors: codedIssueTexts(result.error.issues) })
}
