// Loader and action glue shared by /campanhas/nova and /campanhas/:id/editar: parse the form
// (conform + zod, plus the image upload), call app/core/campaigns, and answer with a redirect or the
// re-rendered form (values, field errors, AI suggestions, review panel, a test send's outcome).
// "Enviar agora" saves and answers the confirmation (who and how many sessions); the launch itself
// is the confirmation's POST to /campanhas/:id. Works with JS on and off.
import { parseWithZod } from '@conform-to/zod/v4'
import { type AppLoadContext, data } from '@remix-run/cloudflare'
import { generateVariants } from '~/core/ai/provider-use.server'
import { placeAiVariant } from '~/core/campaigns/ai-variant'
import {
  checkReferences,
  type FieldErrors,
  getCampaign,
  saveCampaign,
  unschedule,
} from '~/core/campaigns/campaigns.server'
import {
  ComposerSchema,
  completenessProblems,
  isSavingIntent,
  localDateTimeToEpoch,
  textsOf,
} from '~/core/campaigns/composer-schema'
import { applyRiskFix } from '~/core/campaigns/launch-risk-fix'
import { schedule } from '~/core/campaigns/lifecycle.server'
import { isOwnMediaKey, storeImage } from '~/core/campaigns/media.server'
import { buildReview, type LaunchSummary, launchSummary } from '~/core/campaigns/preview.server'
import { sendTestMessage } from '~/core/campaigns/test-send.server'
import { startImport } from '~/core/contacts/import/start.server'
import { redirectWithFlash } from '~/lib/flash.server'
import { orNotFound, requireUser } from '~/lib/guard.server'
import { reviewInputFromPayload } from './composer-review.server'

export { type ComposerLoaderData, composerLoaderData } from './composer-loader.server'

/** What a test send answered, shown next to its button. */
export type TestOutcome = { ok: boolean; message: string; vars: Record<string, string | number> }

const AI_VARIANT_COUNT = 3

/** Merges field errors (conform marks validated fields with null: those are dropped). */
function mergeErrors(a: Record<string, string[] | null>, b: Record<string, string[] | null>): FieldErrors {
  const out: FieldErrors = {}
  for (const source of [a, b]) {
    for (const [k, v] of Object.entries(source)) if (v && v.length > 0) out[k] = [...(out[k] ?? []), ...v]
  }
  return out
}

/** Handles every POST of the composer. `campaignId` is null on /campanhas/nova. */
export async function composerAction(context: AppLoadContext, request: Request, campaignId: string | null) {
  const { user, scope, locale } = await requireUser(context, request, 'campaigns:write')
  const existing = campaignId ? await orNotFound(getCampaign(scope, campaignId)) : null
  if (existing && existing.status !== 'draft' && existing.status !== 'scheduled') {
    return redirectWithFlash(`/campanhas/${existing.id}`, {
      kind: 'error',
      message: 'campaigns.errors.notEditable',
    })
  }
  const baseUrl = new URL(request.url).origin
  const formData = await request.formData()
  const intent = formData.get('intent')

  if (intent === 'unschedule' && existing) {
    const result = await unschedule(scope, existing.id)
    return redirectWithFlash(`/campanhas/${existing.id}/editar`, {
      kind: result.ok ? 'success' : 'error',
      message: result.ok ? 'campaigns.unscheduled' : result.message,
    })
  }

  // The image: a new upload replaces the attached one; "remover imagem" clears it.
  let imageErrors: FieldErrors = {}
  const file = formData.get('image')
  formData.delete('image')
  const postedKey = String(formData.get('mediaKey') ?? '')
  let media: { key: string; type: string } | null =
    postedKey && isOwnMediaKey(scope, postedKey)
      ? { key: postedKey, type: String(formData.get('mediaType') ?? '') }
      : null
  if (intent === 'remove-image') media = null
  if (file instanceof File && file.size > 0) {
    const stored = await storeImage(scope, file)
    if (stored.ok) media = { key: stored.key, type: stored.type }
    else imageErrors = { image: [stored.message] }
  }
  formData.set('mediaKey', media?.key ?? '')
  formData.set('mediaType', media?.type ?? '')

  // A CSV uploaded right here goes through the import pipeline and becomes the campaign's list.
  const audienceFile = formData.get('audienceFile')
  formData.delete('audienceFile')
  if (audienceFile instanceof File && audienceFile.size > 0) {
    const listName = `${
      String(formData.get('name') ?? '')
        .trim()
        .slice(0, 80) || 'Campanha'
    } (contatos)`
    const imported = await startImport(scope, { file: audienceFile, fileName: audienceFile.name, listName })
    if (imported.ok) formData.set('listId', imported.listId)
    else imageErrors = mergeErrors(imageErrors, { listId: [imported.message] })
  }

  // "Usar este texto" (without JS): the suggestion goes into the first text still empty now.
  const aiUseError = placeAiVariant(formData, intent)
  // A risk fix ("Adicionar variante", "Espalhar em mais dias"…) changes the posted values; nothing is saved.
  const riskFix = applyRiskFix(formData, intent)
  const submission = parseWithZod(formData, { schema: ComposerSchema })
  const payload = submission.payload as Record<string, unknown>
  const token = existing ? null : String(formData.get('token') ?? '')
  const seed = existing?.id ?? `cmp_${token}`
  const aiVariants = Array.isArray(payload.aiVariants)
    ? payload.aiVariants.filter((v): v is string => typeof v === 'string')
    : []

  const render = async (
    status: number,
    extra: {
      fieldErrors?: FieldErrors
      formErrors?: string[]
      aiVariants?: string[]
      aiError?: string
      test?: TestOutcome
      confirm?: LaunchSummary
      /** Field errors only (a test send's number or session): no "fix the fields below" on top. */
      quiet?: boolean
    } = {},
  ) => {
    const fieldErrors = mergeErrors(
      (submission as { error?: Record<string, string[] | null> | null }).error ?? {},
      mergeErrors(imageErrors, extra.fieldErrors ?? {}),
    )
    const hasErrors = Object.keys(fieldErrors).length > 0 || (extra.formErrors?.length ?? 0) > 0
    // A test send's refusal is said next to its button; the other fields are not in question.
    const formErrors = extra.formErrors ?? (extra.quiet || extra.test ? [] : ['campaigns.compose.fixErrors'])
    const reply = hasErrors ? submission.reply({ fieldErrors, formErrors }) : submission.reply()
    // With JS the form is already on the page: a conform "update" of the whole form puts the fixed values in.
    const result =
      riskFix.fix && !riskFix.error
        ? { ...reply, intent: { type: 'update' as const, payload: { value: payload } } }
        : reply
    // The typed values, rest packages included (decision 020: the composer sets them).
    const review = await buildReview(scope, reviewInputFromPayload(payload, seed, media?.key ?? null), locale)
    return data(
      {
        result,
        media,
        token,
        aiVariants: extra.aiVariants ?? aiVariants,
        aiError: extra.aiError ?? null,
        review,
        test: extra.test ?? null,
        confirm: extra.confirm ?? null,
      },
      { status: hasErrors && status === 200 ? 400 : status },
    )
  }

  if (submission.status !== 'success') return render(submission.status === 'error' ? 400 : 200)
  const v = submission.value

  if (v.intent === 'ai') {
    // Only the brief and the tone go to the provider (generateVariants builds the prompt from them).
    const drafts = await generateVariants(scope, {
      providerId: v.aiProviderId ?? '',
      brief: v.aiBrief ?? '',
      tone: v.aiTone,
      count: AI_VARIANT_COUNT,
    })
    return drafts.ok ? render(200, { aiVariants: drafts.variants }) : render(200, { aiError: drafts.message })
  }
  if (v.intent === 'test') {
    if (Object.keys(imageErrors).length > 0) return render(400)
    const sent = await sendTestMessage(scope, {
      phone: v.testPhone ?? '',
      sessionId: v.testSessionId ?? '',
      texts: textsOf(v),
      listId: v.listId || null,
      media,
      seed,
      baseUrl,
      userName: user.name,
    })
    if (sent.ok) {
      const vars = { phone: sent.to, session: sent.sessionName, name: sent.contactName }
      return render(200, { test: { ok: true, message: 'campaigns.test.sent', vars } })
    }
    const test: TestOutcome = { ok: false, message: sent.message, vars: sent.vars ?? {} }
    if (sent.field) return render(400, { fieldErrors: { [sent.field]: [sent.message] }, quiet: true })
    return render(sent.message === 'campaigns.test.errors.rateLimited' ? 429 : 502, { test })
  }
  if (aiUseError) return render(400, { fieldErrors: { texts: [aiUseError] } })
  if (riskFix.error) return render(400, { fieldErrors: { texts: [riskFix.error] } })
  if (!isSavingIntent(v.intent)) return render(200)
  if (Object.keys(imageErrors).length > 0) return render(400)
  // (imageErrors also carries a refused audience CSV: nothing is saved until both are fixed)

  // Saving a scheduled campaign keeps it scheduled, so it must stay complete.
  const keepsSchedule = v.intent === 'save' && existing?.status === 'scheduled'
  let fieldErrors: FieldErrors = {}
  if (keepsSchedule) {
    for (const p of completenessProblems(v))
      fieldErrors = mergeErrors(fieldErrors, { [p.field]: [p.message] })
  }
  const mode = v.intent === 'launch' ? 'launch' : v.intent === 'schedule' || keepsSchedule ? 'full' : 'save'
  fieldErrors = mergeErrors(fieldErrors, await checkReferences(scope, v, mode))
  let at: number | null = null
  if (v.intent === 'schedule') {
    at = localDateTimeToEpoch(v.scheduleDate ?? '', v.scheduleTime ?? '')
    if (at !== null && at <= scope.clock())
      fieldErrors = mergeErrors(fieldErrors, { scheduleDate: ['campaigns.errors.scheduleInPast'] })
  }
  if (Object.keys(fieldErrors).length > 0) return render(400, { fieldErrors })

  const saved = await saveCampaign(scope, existing ? { id: existing.id } : { token: token ?? '' }, v)
  if (!saved.ok) {
    if (existing)
      return redirectWithFlash(`/campanhas/${existing.id}`, { kind: 'error', message: saved.message })
    return render(400, { formErrors: [saved.message] })
  }
  const id = saved.id
  if (v.intent === 'save') {
    return redirectWithFlash(`/campanhas/${id}/editar`, {
      kind: 'success',
      message: keepsSchedule ? 'campaigns.savedScheduled' : 'campaigns.saved',
    })
  }
  if (v.intent === 'launch') {
    // Saved as a draft; the confirmation (a page without JS, a dialog with it) launches it.
    const campaign = await getCampaign(scope, id)
    if (campaign.status !== 'draft' && campaign.status !== 'scheduled')
      return redirectWithFlash(`/campanhas/${id}`, {
        kind: 'success',
        message: `campaigns.already.${campaign.status}`,
      })
    return render(200, { confirm: await launchSummary(scope, campaign) })
  }
  const result = await schedule(scope, id, at ?? 0, baseUrl)
  const target = result.ok ? `/campanhas/${id}` : `/campanhas/${id}/editar`
  return redirectWithFlash(target, { kind: result.ok ? 'success' : 'error', message: result.message })
}
