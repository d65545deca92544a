// The 400 answer of a form action that re-renders the form: the parse errors as they are, or the
// action's failure on its field (or on the whole form). Hidden fields (API keys) are never echoed.
import type { SubmissionResult } from '@conform-to/react'
import { data } from '@remix-run/cloudflare'

type ReplyOptions = { fieldErrors?: Record<string, string[]>; formErrors?: string[]; hideFields?: string[] }
type Replying = { reply(options?: ReplyOptions): SubmissionResult<string[]> }

export function formErrorReply(
  submission: Replying,
  failure?: { message: string; field?: string },
  hideFields: string[] = ['apiKey'],
) {
  if (!failure) return data({ result: submission.reply({ hideFields }) }, { status: 400 })
  const fieldErrors = failure.field ? { [failure.field]: [failure.message] } : undefined
  const formErrors = fieldErrors ? undefined : [failure.message]
  return data({ result: submission.reply({ fieldErrors, formErrors, hideFields }) }, { status: 400 })
}
