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

const possibleId = z.coerce.number({ error: 'errors.required' }).int().positive()
const ConfirmPossibleSchema = z.object({ intent: z.literal('confirmPossible'), id: possibleId })
const DismissPossibleSchema = z.object({ intent: z.literal('dismissPossible'), id: possibleId })

/** Intents that answer with a toast and a redirect (no form to show errors in). */
export const ROW_INTENTS = ['remove', 'confirmPossible', 'dismissPossible']
/** Intents operators may use too; the rest are admin-only. */
export const WRITE_INTENTS = ['add', 'confirmPossible', 'dismissPossible']

export const OptOutActionSchema = z.discriminatedUnion('intent', [
  AddOptOutSchema,
  EraseSchema,
  RemoveSchema,
  ConfirmPossibleSchema,
  DismissPossibleSchema,
])
