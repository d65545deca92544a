// Form fields the composer's message and each follow-up step (decision 040) share: the alternative
// texts and a poll's option inputs, with the same limits.
import { z } from 'zod'
import { POLL_MAX_OPTIONS } from './poll'
import { WHATSAPP_TEXT_LIMIT } from './template'

/** Alternative texts per message. */
export const MAX_TEXTS = 10

/** Up to MAX_TEXTS texts (blank ones allowed: the form posts every input). */
export const textsField = z
  .array(
    z
      .string()
      .max(WHATSAPP_TEXT_LIMIT * 2, 'campaigns.errors.textTooLong')
      .optional(),
  )
  .max(MAX_TEXTS)
  .optional()

/** A poll's option inputs: a fixed set, blank ones ignored later (decision 038). */
export const pollOptionsField = z
  .array(z.string().max(400, 'campaigns.errors.tooLong').optional())
  .max(POLL_MAX_OPTIONS + 8)
  .optional()
