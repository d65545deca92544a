// Form schemas for setup, login and team management, shared by the browser (conform) and the server.
// Messages are i18n keys or text strings (textString: password problems); the UI translates them.
import { z } from 'zod'
import { textString } from '../../i18n/text'
import { PASSWORD_MAX_LENGTH, passwordTexts } from '../crypto/password'
import { USER_ROLES } from './role-names'

const email = z
  .string({ error: 'errors.required' })
  .trim()
  .min(1, 'errors.required')
  .max(254, 'errors.emailInvalid')
  .pipe(z.email({ error: 'errors.emailInvalid' }))
  .transform((v) => v.toLowerCase())

const personName = z
  .string({ error: 'errors.required' })
  .trim()
  .min(1, 'errors.required')
  .max(120, 'errors.tooLong')

/** A new password: the strength rules are enforced on both sides with the same messages. */
const NewPasswordSchema = z.string({ error: 'errors.required' }).superRefine((value, ctx) => {
  for (const problem of passwordTexts(value)) ctx.addIssue({ code: 'custom', message: textString(problem) })
})

export const SetupSchema = z.object({
  tenantName: z
    .string({ error: 'errors.required' })
    .trim()
    .min(1, 'errors.required')
    .max(120, 'errors.tooLong'),
  name: personName,
  email,
  password: NewPasswordSchema,
})
export type SetupInput = z.infer<typeof SetupSchema>

export const LoginSchema = z.object({
  email,
  password: z
    .string({ error: 'errors.required' })
    .min(1, 'errors.required')
    .max(PASSWORD_MAX_LENGTH, 'login.invalid'),
  redirectTo: z.string().optional(),
})
export type LoginInput = z.infer<typeof LoginSchema>

const role = z.enum(USER_ROLES, { error: 'errors.roleInvalid' })

export const AddMemberSchema = z.object({
  intent: z.literal('add'),
  name: personName,
  email,
  role,
  password: NewPasswordSchema,
})

export const TeamActionSchema = z.discriminatedUnion('intent', [
  AddMemberSchema,
  z.object({ intent: z.literal('changeRole'), userId: z.string().min(1), role }),
  z.object({ intent: z.literal('resetPassword'), userId: z.string().min(1), password: NewPasswordSchema }),
  z.object({ intent: z.literal('deactivate'), userId: z.string().min(1) }),
  z.object({ intent: z.literal('reactivate'), userId: z.string().min(1) }),
])
export type TeamAction = z.infer<typeof TeamActionSchema>
