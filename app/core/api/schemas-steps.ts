// The /api/v1 shape of a follow-up step (decision 040), as CreateCampaignRequest takes it.
import { z } from 'zod'
import { DELAY_UNITS, STEP_AUDIENCES } from '../campaigns/steps'

export const FollowUpStepSchema = z
  .object({
    texts: z
      .array(z.string().max(8192))
      .max(10)
      .meta({
        description: 'The step’s text and its variants, as the first message’s (a poll: its question)',
        example: ['{{nome}}, ainda dá tempo de aproveitar!'],
      }),
    poll: z
      .object({
        options: z
          .array(z.string().max(400))
          .max(20)
          .meta({ example: ['Sim', 'Não'] }),
        multipleAnswers: z.boolean().optional(),
      })
      .strict()
      .optional()
      .meta({ description: 'Sends the step as a WhatsApp poll (2 to 12 options)' }),
    delay: z
      .object({ value: z.int().meta({ example: 2 }), unit: z.enum(DELAY_UNITS) })
      .strict()
      .meta({
        description:
          'After the previous step (its last message sent): 1 hour to 30 days; the send window still applies',
      }),
    audience: z.enum(STEP_AUDIENCES).meta({
      description:
        'Among those who received the previous step: no_reply, not_read, read_no_reply, clicked, or voted (an option of the previous step’s poll)',
    }),
    option: z.string().max(400).optional().meta({ description: 'With audience voted: the option voted' }),
  })
  .strict()
  .meta({ id: 'FollowUpStepRequest' })
