// The "Novo token" form (Integrações → API), shared by the browser (conform) and the server. Messages
// are i18n keys. The expiry is a calendar date: the token works through that day, São Paulo time.
import { z } from 'zod'
import { API_SCOPES } from './scopes'

const TOKEN_NAME_MAX = 80

export const CreateTokenSchema = z.object({
  intent: z.literal('create'),
  name: z
    .string({ error: 'errors.required' })
    .trim()
    .min(1, 'errors.required')
    .max(TOKEN_NAME_MAX, 'errors.tooLong'),
  scopes: z
    .array(z.enum(API_SCOPES, { error: 'api.tokens.errors.scope' }), { error: 'api.tokens.errors.scopes' })
    .min(1, 'api.tokens.errors.scopes'),
  expiresOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'api.tokens.errors.expiry')
    .optional(),
})

export const RevokeTokenSchema = z.object({
  intent: z.literal('revoke'),
  id: z.string().regex(/^apt_[0-9a-z]{16}$/),
  confirm: z.literal('on', { error: 'api.tokens.errors.confirm' }),
})
