// Loader and action glue shared by /campanhas/nova and /campanhas/:id/editar: read the form (conform +
// zod), hand it to the composer's one entry in core (submitComposer), and answer its outcome with a
// redirect or the re-rendered form (values, field errors, AI suggestions, review panel, a test send's
// outcome, the launch confirmation). Works with JS on and off.
import { parseWithZod } from '@conform-to/zod/v4'
import { type AppLoadContext, data } from '@remix-run/cloudflare'
import { mergeErrors, submitComposer } from '~/core/campaigns/composer.server'
import { composerReview } from '~/core/campaigns/composer-review.server'
import { ComposerSchema } from '~/core/campaigns/composer-schema'
import type { TenantScope } from '~/core/db/tenant.server'
import type { Locale } from '~/i18n'
import { redirectWithFlash } from '~/lib/flash.server'
import { orNotFound, requireUser } from '~/lib/guard.server'

export { type ComposerLoaderData, composerLoaderData } from './composer-loader.server'

const parse = (form: FormData) => parseWithZod(form, { schema: ComposerSchema })
type Outcome = Awaited<ReturnType<typeof submitComposer<ReturnType<typeof parse>>>>
type Shown = Extract<Outcome, { parsed: unknown }>

/** Handles every POST of the composer. `campaignId` is null on /campanhas/nova. */
export async function composerAction(context: AppLoadContext, request: Request, campaignId: string | null) {
  const { user, scope, locale } = await requireUser(context, request, 'campaigns:write')
  const outcome = await orNotFound(
    submitComposer(scope, {
      campaignId,
      form: await request.formData(),
      baseUrl: new URL(request.url).origin,
      userName: user.name,
      parse,
    }),
  )
  const flash = (to: string, ok: boolean, message: string) =>
    redirectWithFlash(to, { kind: ok ? 'success' : 'error', message })
  switch (outcome.kind) {
    case 'not-editable':
      return flash(`/campanhas/${outcome.campaignId}`, false, 'campaigns.errors.notEditable')
    case 'refused':
      return flash(`/campanhas/${outcome.campaignId}`, false, outcome.message)
    case 'unscheduled':
    case 'saved':
      return flash(
        `/campanhas/${outcome.campaignId}/editar`,
        outcome.kind === 'saved' || outcome.ok,
        outcome.message,
      )
    case 'scheduled':
      return flash(
        `/campanhas/${outcome.campaignId}${outcome.ok ? '' : '/editar'}`,
        outcome.ok,
        outcome.message,
      )
    case 'launched':
      return flash(`/campanhas/${outcome.campaignId}`, true, outcome.message)
    default:
      return render(scope, locale, outcome)
  }
}

/** The form again, with the outcome's errors, suggestions, test result or confirmation. */
async function render(scope: TenantScope, locale: Locale, o: Shown) {
  const { parsed } = o
  const payload = parsed.payload as Record<string, unknown>
  const status = 'status' in o ? o.status : 200
  const formErrorsGiven = o.kind === 'invalid' ? o.formErrors : undefined
  const fieldErrors = mergeErrors(
    (parsed as { error?: Record<string, string[] | null> | null }).error ?? {},
    o.fieldErrors,
  )
  const hasErrors = Object.keys(fieldErrors).length > 0 || (formErrorsGiven?.length ?? 0) > 0
  // A test send's refusal is said next to its button; the other fields are not in question.
  const quiet = (o.kind === 'invalid' && o.quiet) || o.kind === 'test'
  const formErrors = formErrorsGiven ?? (quiet ? [] : ['campaigns.compose.fixErrors'])
  const reply = hasErrors ? parsed.reply({ fieldErrors, formErrors }) : parsed.reply()
  // With JS the form is already on the page: a conform "update" of the whole form puts the fixed values in.
  const result = o.riskFixed
    ? { ...reply, intent: { type: 'update' as const, payload: { value: payload } } }
    : reply
  const posted = Array.isArray(payload.aiVariants)
    ? payload.aiVariants.filter((v): v is string => typeof v === 'string')
    : []
  return data(
    {
      result,
      media: o.media,
      token: o.token,
      aiVariants: o.kind === 'ai-variants' ? o.variants : posted,
      aiError: o.kind === 'ai-error' ? o.text : null,
      // The typed values, rest packages included (decision 020: the composer sets them).
      review: await composerReview(scope, payload, o.seed, o.media, locale),
      test: o.kind === 'test' ? o.test : null,
      confirm: o.kind === 'confirm' ? o.summary : null,
    },
    { status: hasErrors && status === 200 ? 400 : status },
  )
}
