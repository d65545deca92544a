// The server's versions of the forms that set a password: the browser schemas (schemas.ts) plus the
// guessability check (password-strength.server.ts), which needs dictionaries too big for the browser.
// The person's own name, email and company count as guessable words. (Resetting a member's password
// is checked in app/core/tenants/team.server.ts, where the member's name and email are known.)
import type { z } from 'zod'
import { passwordTexts } from '../crypto/password'
import { passwordStrengthProblem } from './password-strength.server'
import { SetupSchema, TeamActionSchema } from './schemas'

const text = (value: unknown) => (typeof value === 'string' ? value : null)

/** Adds the guessability issue to `password` (only once the cheap rules pass: one message at a time). */
function checkStrength(ctx: z.RefinementCtx, password: unknown, context: unknown[]) {
  if (typeof password !== 'string' || passwordTexts(password).length > 0) return
  const problem = passwordStrengthProblem(password, context.map(text))
  if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem })
}

export const SetupServerSchema = SetupSchema.superRefine((value, ctx) => {
  const v = value as Partial<Record<keyof typeof value, unknown>>
  checkStrength(ctx, v.password, [v.email, v.name, v.tenantName])
})

export const TeamActionServerSchema = TeamActionSchema.superRefine((value, ctx) => {
  const v = value as Partial<Record<string, unknown>> | undefined
  if (v?.intent === 'add') checkStrength(ctx, v.password, [v.email, v.name])
})
