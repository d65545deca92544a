// The AI provider form ("Integrações → Provedores de IA"), shared by the browser (conform) and the
// server. Messages are i18n keys (ai.*) or the pt-BR reasons of checkOutboundUrl, both shown with t().
// The browser checks the base URL with allowPrivate: true (only the shape); the server applies the
// deployment's real setting.

import { z } from 'zod'
import { textString } from '../../i18n/text'
import { checkOutboundUrl } from '../net/outbound-url'
import { AI_PLATFORMS, PLATFORMS } from './platforms'

/** Buttons of the provider form: all of them save first. */
const PROVIDER_FORM_INTENTS = ['save', 'models', 'test'] as const

const MAX_NAME_CHARS = 80
const MAX_KEY_CHARS = 512
const MAX_MODEL_CHARS = 200
const MAX_URL_CHARS = 2048

/** The provider form schema; `allowPrivate` is the deployment's ALLOW_PRIVATE_URLS. */
export function providerFormSchema(options: { allowPrivate: boolean }) {
  return z
    .object({
      intent: z.enum(PROVIDER_FORM_INTENTS, { error: 'ai.errors.intent' }),
      id: z.string().trim().max(64, 'ai.errors.tooLong').optional(),
      platform: z.enum(AI_PLATFORMS, { error: 'ai.errors.platform' }),
      name: z.string().trim().max(MAX_NAME_CHARS, 'ai.errors.tooLong').optional(),
      baseUrl: z
        .string({ error: 'ai.errors.baseUrlRequired' })
        .trim()
        .min(1, 'ai.errors.baseUrlRequired')
        .max(MAX_URL_CHARS, 'ai.errors.tooLong'),
      apiKey: z.string().trim().max(MAX_KEY_CHARS, 'ai.errors.tooLong').optional(),
      model: z.string().trim().max(MAX_MODEL_CHARS, 'ai.errors.tooLong').optional(),
    })
    .superRefine((value, ctx) => {
      const url = checkOutboundUrl(value.baseUrl, { allowPrivate: options.allowPrivate })
      if (!url.ok) ctx.addIssue({ code: 'custom', path: ['baseUrl'], message: textString(url.text) })
      if (value.platform === 'openai-compatible' && !value.name) {
        ctx.addIssue({ code: 'custom', path: ['name'], message: 'ai.errors.nameRequired' })
      }
      if (value.apiKey && /\s/.test(value.apiKey)) {
        ctx.addIssue({ code: 'custom', path: ['apiKey'], message: 'ai.errors.keySpaces' })
      }
      if (!value.id && PLATFORMS[value.platform].keyRequired && !value.apiKey) {
        ctx.addIssue({ code: 'custom', path: ['apiKey'], message: 'ai.errors.keyRequired' })
      }
      if (value.model && /[\s"'<>]/.test(value.model)) {
        ctx.addIssue({ code: 'custom', path: ['model'], message: 'ai.errors.model' })
      }
    })
}

export type ProviderFormValues = z.infer<ReturnType<typeof providerFormSchema>>

/** "Usar como padrão" and "Excluir": only the provider id. */
export const ProviderIdActionSchema = z.object({
  intent: z.enum(['default', 'delete'], { error: 'ai.errors.intent' }),
  id: z.string({ error: 'ai.errors.missingId' }).trim().min(1, 'ai.errors.missingId').max(64),
})

/** The form key of a card: the provider id, or `new-<platform>` for a provider not saved yet. */
export function providerFormKey(id: string | null | undefined, platform: string): string {
  return id ? id : `new-${platform}`
}
