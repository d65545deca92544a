// The composer's rules (/campanhas/nova and /campanhas/:id/editar), one entry for every POST:
// submitComposer stores the image, turns an uploaded CSV into the campaign's list, applies the
// "Usar este texto" and risk-fix intents to the posted form, asks for AI suggestions, sends a test,
// and decides save / schedule / "Enviar agora" (saved as a draft, answered with the confirmation;
// the launch is the confirmation's POST, launch.server.ts). The route reads the form (conform, through
// `parse`) and turns the outcome into a response.
import type { Text } from '../../i18n/text'
import { generateVariants } from '../ai/provider-use.server'
import { startImport } from '../contacts/import/start.server'
import type { TenantScope } from '../db/tenant.server'
import { placeAiVariant } from './ai-variant'
import { checkReferences, type FieldErrors, getCampaign } from './campaigns.server'
import { saveComposer } from './composer-save.server'
import {
  type ComposerInput,
  completenessProblems,
  isSavingIntent,
  localDateTimeToEpoch,
  textsOf,
} from './composer-schema'
import { applyRiskFix } from './launch-risk-fix'
import { unschedule } from './lifecycle.server'
import { type ComposerMedia, describeMedia, isOwnMediaKey, storeMedia } from './media.server'
import { pollSpecOf } from './poll'
import { type LaunchSummary, launchSummary } from './preview.server'
import { applyStepIntent } from './steps-form'
import { sendTestMessage } from './test-send.server'

const AI_VARIANT_COUNT = 3

/** What the route's form reader answers (conform's submission has this shape). */
export type ParsedComposer = {
  status?: 'success' | 'error'
  value?: ComposerInput
  payload: Record<string, unknown>
}

export type ComposerRequest<P extends ParsedComposer> = {
  /** null on /campanhas/nova. */
  campaignId: string | null
  /** The form as posted, files included. */
  form: FormData
  baseUrl: string
  userName: string
  /** Reads the prepared form (the image and the CSV already replaced by their key and list). */
  parse: (form: FormData) => P
}

/** What a test send answered, shown next to its button. */
type TestOutcome = { ok: boolean; message: string; vars: Record<string, string | number> }

/** The form comes back: with the values as posted, the attached image, and errors from here. */
type Shown<P> = {
  parsed: P
  media: ComposerMedia | null
  token: string | null
  /** The review's seed: the campaign's id (or the one the new form will get). */
  seed: string
  /** Errors found here (the image, the CSV, the database checks); the route adds the parse's own. */
  fieldErrors: FieldErrors
  /** A risk fix changed the posted values: the page takes them. */
  riskFixed: boolean
}

export type ComposerOutcome<P> =
  | { kind: 'not-editable'; campaignId: string }
  | { kind: 'unscheduled'; campaignId: string; ok: boolean; message: string }
  | { kind: 'saved'; campaignId: string; message: string }
  | { kind: 'scheduled'; campaignId: string; ok: boolean; message: string }
  /** "Enviar agora" for a campaign already past its draft (`campaigns.already.<status>`). */
  | { kind: 'launched'; campaignId: string; message: string }
  /** An edited campaign that could not be saved (it was launched or cancelled meanwhile). */
  | { kind: 'refused'; campaignId: string; message: string }
  | (Shown<P> &
      (
        | { kind: 'form'; status: number }
        | { kind: 'invalid'; status: number; formErrors?: string[]; quiet?: boolean }
        | { kind: 'ai-variants'; variants: string[] }
        | { kind: 'ai-error'; text: Text }
        | { kind: 'test'; status: number; test: TestOutcome }
        | { kind: 'confirm'; summary: LaunchSummary }
      ))

/** Merges field errors (conform marks validated fields with null: those are dropped). */
export function mergeErrors(...sources: Record<string, string[] | null>[]): FieldErrors {
  const out: FieldErrors = {}
  for (const source of sources) {
    for (const [k, v] of Object.entries(source)) if (v && v.length > 0) out[k] = [...(out[k] ?? []), ...v]
  }
  return out
}

/** Handles one POST of the composer. */
export async function submitComposer<P extends ParsedComposer>(
  scope: TenantScope,
  req: ComposerRequest<P>,
): Promise<ComposerOutcome<P>> {
  const existing = req.campaignId ? await getCampaign(scope, req.campaignId) : null
  if (existing && existing.status !== 'draft' && existing.status !== 'scheduled')
    return { kind: 'not-editable', campaignId: existing.id }
  const form = req.form
  const intent = form.get('intent')
  if (intent === 'unschedule' && existing) {
    const result = await unschedule(scope, existing.id)
    return {
      kind: 'unscheduled',
      campaignId: existing.id,
      ok: result.ok,
      message: result.ok ? 'campaigns.unscheduled' : result.message,
    }
  }
  const { media, errors: fileErrors } = await takeFiles(scope, form, intent)
  // "Usar este texto" (without JS): the suggestion goes into the first text still empty now.
  const aiUseError = placeAiVariant(form, intent)
  // A risk fix ("Adicionar variante", "Espalhar em mais dias"…) changes the posted values; nothing is saved.
  const riskFix = applyRiskFix(form, intent)
  // "Adicionar etapa", "Remover etapa N", "Usar na etapa N" (decision 040): the form changes, nothing is saved.
  const stepsChanged = applyStepIntent(form, intent)
  const parsed = req.parse(form)
  const token = existing ? null : String(form.get('token') ?? '')
  const shown = (fieldErrors: FieldErrors = {}): Shown<P> => ({
    parsed,
    media,
    token,
    seed: existing?.id ?? `cmp_${token}`,
    fieldErrors: mergeErrors(fileErrors, fieldErrors),
    riskFixed: Boolean(riskFix.fix && !riskFix.error) || stepsChanged,
  })
  const invalid = (fieldErrors: FieldErrors = {}, more: { quiet?: boolean } = {}) =>
    ({ ...shown(fieldErrors), kind: 'invalid', status: 400, ...more }) as const
  const hasFileErrors = Object.keys(fileErrors).length > 0

  const v = parsed.value
  if (parsed.status !== 'success' || !v)
    return { ...shown(), kind: 'form', status: parsed.status === 'error' ? 400 : 200 }

  if (v.intent === 'ai') {
    // Only the brief and the tone go to the provider (generateVariants builds the prompt from them).
    const drafts = await generateVariants(scope, {
      providerId: v.aiProviderId ?? '',
      brief: v.aiBrief ?? '',
      tone: v.aiTone,
      count: AI_VARIANT_COUNT,
    })
    return drafts.ok
      ? { ...shown(), kind: 'ai-variants', variants: drafts.variants }
      : { ...shown(), kind: 'ai-error', text: drafts.text }
  }
  if (v.intent === 'test') {
    if (hasFileErrors) return invalid()
    const sent = await sendTestMessage(scope, {
      phone: v.testPhone ?? '',
      sessionId: v.testSessionId ?? '',
      texts: textsOf(v),
      listId: v.listId || null,
      media,
      linkPreview: v.linkPreview ?? false,
      poll: pollSpecOf(v),
      seed: shown().seed,
      baseUrl: req.baseUrl,
      userName: req.userName,
    })
    if (sent.ok) {
      const vars = { phone: sent.to, session: sent.sessionName, name: sent.contactName }
      return {
        ...shown(),
        kind: 'test',
        status: 200,
        test: { ok: true, message: 'campaigns.test.sent', vars },
      }
    }
    // A refused number or session is said at its field; the other fields are not in question.
    if (sent.field) return invalid({ [sent.field]: [sent.message] }, { quiet: true })
    const status = sent.message === 'campaigns.test.errors.rateLimited' ? 429 : 502
    return {
      ...shown(),
      kind: 'test',
      status,
      test: { ok: false, message: sent.message, vars: sent.vars ?? {} },
    }
  }
  if (aiUseError) return invalid({ texts: [aiUseError] })
  if (riskFix.error) return invalid({ texts: [riskFix.error] })
  if (!isSavingIntent(v.intent)) return { ...shown(), kind: 'form', status: 200 }
  // (fileErrors also carries a refused audience CSV: nothing is saved until both are fixed)
  if (hasFileErrors) return invalid()

  // Saving a scheduled campaign keeps it scheduled, so it must stay complete.
  const keepsSchedule = v.intent === 'save' && existing?.status === 'scheduled'
  const problems = keepsSchedule ? completenessProblems(v).map((p) => ({ [p.field]: [p.message] })) : []
  const mode = v.intent === 'launch' ? 'launch' : v.intent === 'schedule' || keepsSchedule ? 'full' : 'save'
  let at: number | null = null
  // The one check of the time (the schema checked it is a date): it must be in the future.
  if (v.intent === 'schedule') {
    at = localDateTimeToEpoch(v.scheduleDate ?? '', v.scheduleTime ?? '')
    if (at !== null && at <= scope.clock())
      problems.push({ scheduleDate: ['campaigns.errors.scheduleInPast'] })
  }
  const fieldErrors = mergeErrors(...problems, await checkReferences(scope, v, mode))
  if (Object.keys(fieldErrors).length > 0) return invalid(fieldErrors)

  const target = existing ? { id: existing.id } : { token: token ?? '' }
  const saved = await saveComposer(scope, target, v, at, req.baseUrl)
  if (!saved.ok) {
    if (existing) return { kind: 'refused', campaignId: existing.id, message: saved.message }
    return { ...invalid(), formErrors: [saved.message] }
  }
  const { campaign } = saved
  if (saved.schedule)
    return {
      kind: 'scheduled',
      campaignId: campaign.id,
      ok: saved.schedule.ok,
      message: saved.schedule.message,
    }
  if (v.intent === 'save')
    return {
      kind: 'saved',
      campaignId: campaign.id,
      message: keepsSchedule ? 'campaigns.savedScheduled' : 'campaigns.saved',
    }
  // "Enviar agora": saved as a draft; the confirmation (a page without JS, a dialog with it) launches it.
  if (campaign.status !== 'draft' && campaign.status !== 'scheduled')
    return { kind: 'launched', campaignId: campaign.id, message: `campaigns.already.${campaign.status}` }
  return { ...shown(), kind: 'confirm', summary: await launchSummary(scope, campaign) }
}

/**
 * The posted files, out of the form: a new attachment replaces the attached one ("remover anexo"
 * clears it) and the form gets its key; a CSV goes through the import pipeline and the form gets its list.
 */
async function takeFiles(scope: TenantScope, form: FormData, intent: unknown) {
  let errors: FieldErrors = {}
  const file = form.get('image')
  form.delete('image')
  const postedKey = String(form.get('mediaKey') ?? '')
  // The attachment's kind, type and name come from R2 (set from its bytes), never the hidden fields.
  let media: ComposerMedia | null = null
  if (postedKey && intent !== 'remove-image' && isOwnMediaKey(scope, postedKey)) {
    // A file gone from R2 stays named so the save says "envie de novo" (checkReferences).
    media = (await describeMedia(scope, postedKey)) ?? { key: postedKey, type: '', kind: 'image', name: null }
  }
  // No file chosen posts an empty part without a name; a named empty file is refused as empty.
  if (file instanceof File && (file.size > 0 || file.name !== '')) {
    const stored = await storeMedia(scope, file)
    if (stored.ok) media = { key: stored.key, type: stored.type, kind: stored.kind, name: stored.name }
    else errors = { image: [stored.message] }
  }
  form.set('mediaKey', media?.key ?? '')
  form.set('mediaType', media?.type ?? '')
  form.set('mediaKind', media?.kind ?? '')
  form.set('mediaName', media?.name ?? '')

  const audienceFile = form.get('audienceFile')
  form.delete('audienceFile')
  if (audienceFile instanceof File && audienceFile.size > 0) {
    const name =
      String(form.get('name') ?? '')
        .trim()
        .slice(0, 80) || 'Campanha'
    const listName = `${name} (contatos)`
    const imported = await startImport(scope, { file: audienceFile, fileName: audienceFile.name, listName })
    if (imported.ok) form.set('listId', imported.listId)
    else errors = mergeErrors(errors, { listId: [imported.message] })
  }
  return { media, errors }
}
