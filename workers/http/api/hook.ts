// What /api/v1 answers when its zod schemas refuse a request: 422 with every problem by JSON Pointer;
// an upsert over the batch limit says so in words.
import type { Hook } from '@hono/zod-openapi'
import { issueTexts } from '../../../app/core/api/problem'
import { UPSERT_MAX } from '../../../app/core/contacts/upsert-limit'
import { text } from '../../../app/i18n/text'
import { type ApiEnv, ApiProblem } from './context'

// biome-ignore lint/suspicious/noExplicitAny: the hook serves every route, whatever its schemas
export const validationHook: Hook<any, ApiEnv, any, any> = (result) => {
  if (result.success) return
  const data = (result as { data?: { contacts?: unknown } }).data
  if (Array.isArray(data?.contacts) && data.contacts.length > UPSERT_MAX) {
    const tooMany = text('api.contacts.batchTooLarge', { max: UPSERT_MAX, count: data.contacts.length })
    throw new ApiProblem('validation', { detail: tooMany, errors: [{ pointer: '/contacts', text: tooMany }] })
  }
  throw new ApiProblem('validation', { errors: issueTexts(result.error.issues) })
}
