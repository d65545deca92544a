// Calls to a tenant's stored AI providers: "Carregar modelos", "Testar conexão" (recorded as status
// Ativo/Erro with last_tested_at and last_error) and "Usar IA" (generateVariants). Outbound calls go
// through the AI client (safeFetch, outbound URL rules with the deployment's ALLOW_PRIVATE_URLS);
// `deps.fetch` lets tests drive them with a fake provider.
import { ptText } from '../../i18n'
import { type Text, text } from '../../i18n/text'
import type { TenantScope } from '../db/tenant.server'
import {
  type AiCallOptions,
  chatCompletion,
  hasModel,
  listModels,
  type ProviderTest,
  testProvider,
} from './client'
import type { AiResult } from './errors'
import { PLATFORMS } from './platforms'
import {
  chooseProviderModel,
  getProviderForUse,
  providerConfig,
  recordProviderTest,
} from './providers.server'
import { buildVariantsPrompt, MAX_BRIEF_CHARS, MAX_VARIANTS, parseVariants } from './variants'

/** Injectable dependencies of provider calls. */
export interface ProviderCallDeps {
  fetch?: typeof fetch
  timeoutMs?: number
}

/** The AI client options for this tenant's calls. */
function aiCallOptions(scope: TenantScope, deps: ProviderCallDeps = {}): AiCallOptions {
  return {
    fetch: deps.fetch,
    timeoutMs: deps.timeoutMs,
    allowPrivate: scope.config.allowPrivateUrls,
    clock: { now: scope.clock },
  }
}

/** The model "Carregar modelos" selects when none was chosen: the platform's suggestion, else the first. */
export function suggestedModel(models: string[], suggestion: string): string | null {
  if (suggestion && hasModel(models, suggestion)) {
    return (
      models.find((m) => m === suggestion) ?? models.find((m) => m === `${suggestion}:latest`) ?? suggestion
    )
  }
  return models[0] ?? null
}

/** What "Carregar modelos" found: the list, the provider's model now, and whether it was just chosen. */
export interface LoadedModels {
  list: string[]
  model: string | null
  chosen: boolean
}

/**
 * "Carregar modelos": the models the stored provider offers (NotFoundError for a foreign id). A
 * provider without a model gets the one the form then shows as selected (the platform's suggestion
 * when offered, else the first), so what the page shows is what "Gerar sugestões" will use.
 */
export async function loadProviderModels(
  scope: TenantScope,
  id: string,
  deps: ProviderCallDeps = {},
): Promise<AiResult<LoadedModels>> {
  const config = await providerConfig(scope, id)
  const listed = await listModels(config, aiCallOptions(scope, deps))
  if (!listed.ok) return listed
  const current = config.model?.trim() || null
  if (current) return { ok: true, value: { list: listed.value, model: current, chosen: false } }
  const pick = suggestedModel(listed.value, PLATFORMS[config.platform].defaultModel)
  if (!pick) return { ok: true, value: { list: listed.value, model: null, chosen: false } }
  const model = await chooseProviderModel(scope, config.id, pick)
  return { ok: true, value: { list: listed.value, model, chosen: model === pick } }
}

/** "Testar conexão": tests the stored provider and records Ativo / Erro (NotFoundError for a foreign id). */
export async function testStoredProvider(
  scope: TenantScope,
  id: string,
  deps: ProviderCallDeps = {},
): Promise<AiResult<ProviderTest>> {
  const config = await providerConfig(scope, id)
  const result = await testProvider(config, aiCallOptions(scope, deps))
  await recordProviderTest(
    scope,
    config.id,
    result.ok ? { ok: true } : { ok: false, text: result.error.text },
  )
  return result
}

/** Input of generateVariants. */
export interface GenerateVariantsInput {
  /** Omitted or null: the tenant's default provider. */
  providerId?: string | null
  brief: string
  tone?: string
  count: number
}

/** Output of generateVariants; a refusal says why by code (`text`) and in pt-BR (`message`). */
export type GenerateVariantsResult =
  | { ok: true; variants: string[]; providerId: string; model: string | null }
  | { ok: false; text: Text; message: string }

const refused = (t: Text): GenerateVariantsResult => ({ ok: false, text: t, message: ptText(t) })

/**
 * "Usar IA": asks the chosen (or default) provider for `count` message variants from the brief and
 * tone. Only the brief and tone are sent: never contact data.
 */
export async function generateVariants(
  scope: TenantScope,
  input: GenerateVariantsInput,
  deps: ProviderCallDeps = {},
): Promise<GenerateVariantsResult> {
  const brief = (input.brief ?? '').trim()
  if (brief === '') return refused(text('ai.use.briefRequired'))
  if (brief.length > MAX_BRIEF_CHARS) return refused(text('ai.use.briefTooLong', { max: MAX_BRIEF_CHARS }))
  const provider = await getProviderForUse(scope, input.providerId)
  if (!provider) return refused(text(input.providerId ? 'ai.use.providerNotFound' : 'ai.use.noDefault'))
  const count = Math.min(
    MAX_VARIANTS,
    Math.max(1, Math.floor(Number.isFinite(input.count) ? input.count : 3)),
  )
  const messages = buildVariantsPrompt({ brief, tone: input.tone, count })
  const answer = await chatCompletion(provider, messages, {
    ...aiCallOptions(scope, deps),
    maxTokens: Math.min(4000, 400 * count),
    temperature: 0.9,
  })
  if (!answer.ok) return refused(answer.error.text)
  const variants = parseVariants(answer.value.text, count)
  if (variants.length === 0) return refused(text('ai.use.noVariants'))
  return { ok: true, variants, providerId: provider.id, model: answer.value.model }
}
