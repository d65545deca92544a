// /api/v1/ai: the team's AI providers (list, save with the key write-only, test) and message drafts from
// a brief (scope ai:use). Thin: parse, call app/core/ai, answer. Only the brief and the tone reach the
// provider, never contact data (as in the composer).
import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { providerFormSchema } from '../../../app/core/ai/provider-form'
import { generateVariants, testStoredProvider } from '../../../app/core/ai/provider-use.server'
import { listProviders, type ProviderView, saveProvider } from '../../../app/core/ai/providers.server'
import { apiLocale, issueTexts, type ProblemIssue } from '../../../app/core/api/problem'
import {
  AiProviderIdParamSchema,
  AiProviderSchema,
  AiProviderTestSchema,
  DraftVariantsResultSchema,
  DraftVariantsSchema,
  SaveAiProviderSchema,
} from '../../../app/core/api/schemas-integrations'
import { found } from '../../../app/core/db/tenant.server'
import { translate } from '../../../app/i18n'
import type { Text } from '../../../app/i18n/text'
import { type ApiEnv, ApiProblem, composerText } from './context'
import { idempotent, requireScope } from './guard'
import { validationHook } from './hook'
import { idempotencyHeader, jsonBody, needs, ok, problems } from './openapi'

export const aiApi = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook })

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())

function present(c: Context<ApiEnv>, p: ProviderView) {
  return {
    id: p.id,
    platform: p.platform,
    name: p.name,
    baseUrl: p.baseUrl,
    model: p.model,
    hasKey: p.hasKey,
    keyMask: p.keyMask,
    status: p.status,
    lastTestedAt: iso(p.lastTestedAt),
    lastError: p.lastError ? translate(apiLocale(c.req.header('accept-language')), p.lastError) : null,
    isDefault: p.isDefault,
  }
}

async function providerView(c: Context<ApiEnv>, id: string) {
  return present(
    c,
    found(
      (await listProviders(c.get('scope'))).find((p) => p.id === id),
      'provider',
    ),
  )
}

aiApi.openapi(
  createRoute({
    method: 'get',
    path: '/ai/providers',
    tags: ['AI'],
    summary: "List the team's AI providers (keys are never returned)",
    security: needs('ai:use'),
    middleware: [requireScope('ai:use')] as const,
    responses: {
      200: ok(AiProviderSchema.array().meta({ id: 'AiProviderList' }), 'Every provider'),
      ...problems(),
    },
  }),
  async (c) =>
    c.json(
      (await listProviders(c.get('scope'))).map((p) => present(c, p)),
      200,
    ),
)

aiApi.openapi(
  createRoute({
    method: 'post',
    path: '/ai/providers',
    tags: ['AI'],
    summary: 'Create or update an AI provider',
    description:
      'Checked as the "Provedores de IA" form. The key is write-only. Changing the URL, key or model makes the provider untested again; the first provider becomes the default.',
    security: needs('ai:use'),
    middleware: [requireScope('ai:use'), idempotent] as const,
    request: { headers: idempotencyHeader, body: jsonBody(SaveAiProviderSchema) },
    responses: {
      201: ok(AiProviderSchema, 'Created'),
      200: ok(AiProviderSchema, 'Updated'),
      ...problems(400, 404, 409, 413, 422),
    },
  }),
  async (c) => {
    const scope = c.get('scope')
    const parsed = providerFormSchema({ allowPrivate: scope.config.allowPrivateUrls }).safeParse({
      ...c.req.valid('json'),
      intent: 'save',
    })
    if (!parsed.success) {
      const errors: ProblemIssue[] = parsed.error.issues.map((i) => {
        const [generic] = issueTexts([i])
        const own = i.code === 'custom' || /^ai\./.test(i.message)
        return {
          pointer: generic?.pointer ?? '',
          text: own ? composerText(i.message) : (generic?.text as Text),
        }
      })
      throw new ApiProblem('validation', { errors })
    }
    const saved = await saveProvider(scope, parsed.data)
    if (!saved.ok) {
      const t: Text = saved.text ?? composerText(saved.message)
      if (saved.field)
        throw new ApiProblem('validation', { errors: [{ pointer: `/${saved.field}`, text: t }] })
      throw new ApiProblem('conflict', { detail: t })
    }
    return c.json(await providerView(c, saved.id), saved.created ? 201 : 200)
  },
)

aiApi.openapi(
  createRoute({
    method: 'post',
    path: '/ai/providers/{id}/test',
    tags: ['AI'],
    summary: 'Test a provider (records Ativo / Erro on it)',
    security: needs('ai:use'),
    middleware: [requireScope('ai:use'), idempotent] as const,
    request: { params: AiProviderIdParamSchema, headers: idempotencyHeader },
    responses: { 200: ok(AiProviderTestSchema, 'The outcome, good or bad'), ...problems(400, 404, 409) },
  }),
  async (c) => {
    const id = c.req.valid('param').id
    const tested = await testStoredProvider(c.get('scope'), id)
    const locale = apiLocale(c.req.header('accept-language'))
    return c.json(
      {
        ok: tested.ok,
        model: tested.ok ? tested.value.model : null,
        latencyMs: tested.ok ? tested.value.latencyMs : null,
        models: tested.ok ? tested.value.models.slice(0, 20) : [],
        error: tested.ok ? null : translate(locale, tested.error.text),
        provider: await providerView(c, id),
      },
      200,
    )
  },
)

aiApi.openapi(
  createRoute({
    method: 'post',
    path: '/ai/variants',
    tags: ['AI'],
    summary: 'Draft message variants from a brief',
    description:
      'Only the brief and the tone go to the provider. Use the variants as the texts of a campaign (POST /campaigns).',
    security: needs('ai:use'),
    middleware: [requireScope('ai:use'), idempotent] as const,
    request: { headers: idempotencyHeader, body: jsonBody(DraftVariantsSchema) },
    responses: { 200: ok(DraftVariantsResultSchema, 'The drafts'), ...problems(400, 404, 409, 413, 422) },
  }),
  async (c) => {
    const body = c.req.valid('json')
    const drafts = await generateVariants(c.get('scope'), {
      providerId: body.providerId,
      brief: body.brief,
      tone: body.tone,
      count: body.count ?? 3,
    })
    if (!drafts.ok) {
      if (drafts.text.code === 'ai.use.providerNotFound') throw new ApiProblem('notFound')
      throw new ApiProblem('conflict', { detail: drafts.text })
    }
    return c.json({ variants: drafts.variants, providerId: drafts.providerId, model: drafts.model }, 200)
  },
)
