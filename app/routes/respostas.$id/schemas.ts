// Form schemas of one conversation in Respostas (messages are i18n keys).
import { z } from 'zod'

const AnswerSchema = z.object({
  intent: z.literal('answer'),
  body: z
    .string({ error: 'inbox.answer.empty' })
    .trim()
    .min(1, 'inbox.answer.empty')
    .max(4000, 'errors.tooLong'),
  key: z.string({ error: 'errors.required' }).min(8).max(100),
  sessionId: z.string().max(64).optional(),
})
const HandledSchema = z.object({ intent: z.enum(['handled', 'reopen']) })
const AssignSchema = z.object({ intent: z.literal('assign'), userId: z.string().max(64).optional() })

const PossibleSchema = z.object({
  intent: z.enum(['confirmPossible', 'dismissPossible']),
  possibleId: z.coerce.number({ error: 'errors.required' }).int().positive(),
})

export const ConversationActionSchema = z.discriminatedUnion('intent', [
  AnswerSchema,
  HandledSchema,
  AssignSchema,
  PossibleSchema,
])
