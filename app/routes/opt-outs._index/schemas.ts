// Form schemas of the opt-outs page (shared by the browser and the server; messages are i18n keys).
import { z } from 'zod'

const phone = z
  .string({ error: 'errors.required' })
  .trim()
  .min(1, 'errors.required')
  .max(64, 'errors.tooLong')

export const AddOptOutSchema = z.object({
  intent: z.literal('add'),
  phone,
  note: z.string().trim().max(300, 'errors.tooLong').optional(),
})

export const EraseSchema = z.object({
  intent: z.literal('erase'),
  phone,
  confirm: z.literal('on', { error: 'optouts.erase.confirmRequired' }),
})

export const RemoveSchema = z.object({
  intent: z.literal('remove'),
  id: z.coerce.number({ error: 'errors.required' }).int().positive(),
  reason: z
    .string({ error: 'optouts.remove.reasonRequired' })
    .trim()
    .min(1, 'optouts.remove.reasonRequired')
    .max(500, 'errors.tooLong'),
})

export const OptOutActionSchema = z.discriminatedUnion('intent', [AddOptOutSchema, EraseSchema, RemoveSchema])
