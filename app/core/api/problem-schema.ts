// The RFC 9457 body of /api/v1 refusals as a zod schema (for the OpenAPI document; problem.ts builds it).
import { z } from 'zod'

export const ProblemSchema = z
  .object({
    type: z.string().meta({ example: '/api/v1/docs#problem-unauthorized' }),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    errors: z
      .array(
        z.object({
          pointer: z
            .string()
            .meta({ description: 'JSON Pointer (RFC 6901) to the field', example: '/contacts/0/phone' }),
          code: z.string(),
          detail: z.string(),
        }),
      )
      .optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' })
