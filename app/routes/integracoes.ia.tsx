// Integrações → Provedores de IA: one card per platform (Groq, OpenRouter, DeepSeek, Mistral, Qwen,
// Ollama, several OpenAI-compatible). Everyone reads; only admins save, load models, test, pick the
// default and delete. Every button is a plain form post (JS off works); conform validates with JS on.
// API keys never leave the server: the page only gets the masked tail.
import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/cloudflare'
import { useActionData, useLoaderData } from '@remix-run/react'
import { AiPlatformCard } from '~/components/ai-platform-card'
import type { AiActionData } from '~/components/ai-provider-form'
import { AI_PLATFORMS, isAiPlatform } from '~/core/ai/platforms'
import { ProviderIdActionSchema, providerFormKey, providerFormSchema } from '~/core/ai/provider-form'
import { loadProviderModels, testStoredProvider } from '~/core/ai/provider-use.server'
import { deleteProvider, listProviders, saveProvider, setDefaultProvider } from '~/core/ai/providers.server'
import { can } from '~/core/auth/roles'
import { makeTranslator } from '~/i18n'
import { textString } from '~/i18n/text'
import { redirectWithFlash } from '~/lib/flash.server'
import { notFound, orNotFound, requireUser } from '~/lib/guard.server'
import { titled } from '~/lib/meta'

const PATH = '/integracoes/ia'

export const meta = titled('title.aiProviders')

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, scope, locale } = await requireUser(context, request)
  return {
    locale,
    isAdmin: can(user.role, 'integrations:manage'),
    allowPrivate: scope.config.allowPrivateUrls,
    providers: await listProviders(scope),
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { scope } = await requireUser(context, request, 'integrations:manage')
  const formData = await request.formData()
  const intent = formData.get('intent')

  if (intent === 'default' || intent === 'delete') {
    const parsed = ProviderIdActionSchema.safeParse({ intent, id: formData.get('id') ?? undefined })
    if (!parsed.success) throw notFound()
    if (parsed.data.intent === 'default') {
      await orNotFound(setDefaultProvider(scope, parsed.data.id))
      return redirectWithFlash(PATH, { kind: 'success', message: 'ai.flash.defaultSet' })
    }
    await orNotFound(deleteProvider(scope, parsed.data.id))
    return redirectWithFlash(PATH, { kind: 'success', message: 'ai.flash.deleted' })
  }

  // Only a tampered request names no known platform: there is no card to show the error on.
  if (!isAiPlatform(formData.get('platform')))
    return redirectWithFlash(PATH, { kind: 'error', message: 'ai.errors.platform' })
  const formKey = providerFormKey(String(formData.get('id') ?? ''), String(formData.get('platform') ?? ''))
  const submission = parseWithZod(formData, {
    schema: providerFormSchema({ allowPrivate: scope.config.allowPrivateUrls }),
  })
  if (submission.status !== 'success') {
    return data<AiActionData>(
      { formKey, result: submission.reply({ hideFields: ['apiKey'] }) },
      { status: 400 },
    )
  }
  const saved = await orNotFound(saveProvider(scope, submission.value))
  if (!saved.ok) {
    const said = saved.text ? textString(saved.text) : saved.message
    const fieldErrors = saved.field ? { [saved.field]: [said] } : undefined
    return data<AiActionData>(
      {
        formKey,
        result: submission.reply({
          fieldErrors,
          formErrors: fieldErrors ? undefined : [said],
          hideFields: ['apiKey'],
        }),
      },
      { status: 400 },
    )
  }

  if (submission.value.intent === 'models') {
    const models = await loadProviderModels(scope, saved.id)
    return data<AiActionData>({
      formKey: saved.id,
      models: models.ok
        ? { list: models.value.list, error: null, chosen: models.value.chosen ? models.value.model : null }
        : { list: [], error: models.error.text, chosen: null },
    })
  }
  if (submission.value.intent === 'test') {
    const tested = await testStoredProvider(scope, saved.id)
    return tested.ok
      ? redirectWithFlash(PATH, {
          kind: 'success',
          message: 'ai.flash.testOk',
          vars: { ms: String(tested.value.latencyMs), model: tested.value.model },
        })
      : redirectWithFlash(PATH, {
          kind: 'error',
          message: tested.error.message,
          text: textString(tested.error.text),
        })
  }
  return redirectWithFlash(PATH, {
    kind: 'success',
    message: saved.created ? 'ai.flash.created' : 'ai.flash.saved',
  })
}

export default function AiProviders() {
  const { locale, isAdmin, allowPrivate, providers } = useLoaderData<typeof loader>()
  const actionData = useActionData<AiActionData>()
  const t = makeTranslator(locale)
  return (
    <>
      <h1>{t('ai.title')}</h1>
      <p className="muted">{t('ai.intro')}</p>
      {isAdmin ? null : <p className="muted">{t('ai.readOnly')}</p>}
      {AI_PLATFORMS.map((platform) => (
        <AiPlatformCard
          key={platform}
          platform={platform}
          providers={providers.filter((p) => p.platform === platform)}
          isAdmin={isAdmin}
          allowPrivate={allowPrivate}
          actionData={actionData ?? undefined}
          locale={locale}
          t={t}
        />
      ))}
    </>
  )
}
