// The campaign composer form, shared by /campanhas/nova and /campanhas/:id/editar. Every control is
// a plain form control or submit button, so the whole form works without JavaScript; with JS,
// conform validates in the browser and adds/removes texts without a round trip, and the review
// follows the list, texts, image, sessions and pacing by itself (a debounced intent=refresh fetcher;
// without JS the "Atualizar revisão" button does the same). "Enviar agora" answers a confirmation:
// a page without JS, a dialog with it.
import { getFormProps, getInputProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form, type ShouldRevalidateFunction, useFetcher } from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'
import type { z } from 'zod'
import { ComposerSchema } from '~/core/campaigns/composer-schema'
import type { LaunchSummary, Review } from '~/core/campaigns/preview.server'
import type { Translate } from '~/i18n'
import type { Text } from '~/i18n/text'
import { CampaignAudienceMore } from './campaign-audience-more'
import { LaunchConfirmDialog, LaunchConfirmPage } from './campaign-launch-confirm'
import type { ShownMedia } from './campaign-media-field'
import { CampaignAiFields, CampaignMessageFields } from './campaign-message-fields'
import { CampaignReview } from './campaign-review'
import { CampaignAudienceField, CampaignPacingFields, CampaignSessionsField } from './campaign-send-fields'
import { CampaignStepsFields, CampaignStepsReview } from './campaign-steps-fields'
import { CampaignTestSend, type TestSendOutcome } from './campaign-test-send'
import { guessKind, withPickedFile } from './composer-picked-file'
import { FieldErrors, FormError } from './form-field'
import { SubmitButton } from './submit-button'
import { useHydrated } from './use-hydrated'
import { useSerialSubmit } from './use-serial-submit'

export type ComposerActionData = {
  result?: SubmissionResult<string[]>
  media?: ShownMedia | null
  token?: string | null
  aiVariants?: string[]
  aiError?: Text | null
  review?: Review | null
  test?: TestSendOutcome | null
  confirm?: LaunchSummary | null
}

/** The review's background refreshes change nothing the loaders read: no revalidation for them. */
export const composerShouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get('intent') === 'refresh' ? false : defaultShouldRevalidate

/** Fields whose change changes the review (names as posted: texts[0], priority.<id>…). */
const REVIEW_FIELD =
  /^(listId|audienceLists|audienceSegments|excludeLists|excludeSegments|excludeMessagedDays|texts\[\d+\]|sessionIds|priority\..+|minDelayS|maxDelayS|maxPerMinute|dailyCap|windowDays|windowStart|windowEnd|packageMin|packageMax|restMinMin|restMaxMin|areaCodeAffinity)$/
const REVIEW_DEBOUNCE_MS = 600

/**
 * The review shown: the page's (loader or last action), replaced by a fresher one the fetcher brings
 * while the user edits. A new action result (a real submit) wins over an older fetch.
 */
function useLiveReview(base: Review | null, actionData: ComposerActionData | undefined) {
  const fetcher = useFetcher<ComposerActionData>()
  const [live, setLive] = useState<Review | null | undefined>(undefined)
  const [localMedia, setLocalMedia] = useState<Review['media']>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const submit = useSerialSubmit(fetcher)
  useEffect(() => {
    if (fetcher.data && 'review' in fetcher.data) setLive(fetcher.data.review ?? null)
  }, [fetcher.data])
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new action result resets the live review
  useEffect(() => {
    setLive(undefined)
    setLocalMedia(null)
  }, [actionData])
  useEffect(() => () => (timer.current ? clearTimeout(timer.current) : undefined), [])
  const onFormChange = (event: React.FormEvent<HTMLFormElement>) => {
    const target = event.target as HTMLInputElement
    if (target.name === 'image') {
      const file = target.files?.[0]
      if (event.type === 'change' && file) setLocalMedia(localPreviewOf(file))
      return
    }
    if (!REVIEW_FIELD.test(target.name ?? '')) return
    const form = event.currentTarget
    if (timer.current) clearTimeout(timer.current)
    timer.current = setTimeout(() => {
      const body = new FormData(form)
      // Files are not sent for a preview: the image is uploaded when the form is submitted.
      body.delete('image')
      body.delete('audienceFile')
      body.set('intent', 'refresh')
      submit(body, { method: 'post', encType: 'multipart/form-data' })
    }, REVIEW_DEBOUNCE_MS)
  }
  const review = live !== undefined ? live : (actionData?.review ?? base)
  const shown =
    review && localMedia
      ? { ...review, media: localMedia, image: localMedia.kind === 'image' ? localMedia.url : null }
      : review
  return { review: shown, busy: fetcher.state !== 'idle', onFormChange }
}

/**
 * A chosen file's preview before it is uploaded (JS only). The browser's type only guesses the kind for
 * this preview; on submit the server decides by the file's bytes (decision 034).
 */
function localPreviewOf(file: File): NonNullable<Review['media']> {
  const url = URL.createObjectURL(file)
  const kind = guessKind(file.type)
  return { url, kind, name: kind === 'document' ? file.name : null }
}

export type ComposerProps = {
  locale: string
  campaign: { id: string; status: string; name: string; scheduledAt: number | null } | null
  token: string | null
  media: ShownMedia | null
  defaults: Record<string, unknown>
  lists: { id: string; name: string; validCount: number; status?: string; empty?: boolean }[]
  /** Saved segments (decision 039); absent: none offered. */
  segments?: { id: string; name: string }[]
  sessions: { id: string; displayName: string; phone: string | null; status: string }[]
  providers: { id: string; name: string; model: string | null }[]
  review: Review | null
}

export function CampaignComposer(props: {
  data: ComposerProps
  actionData?: ComposerActionData
  t: Translate
}) {
  const hydrated = useHydrated()
  const confirm = props.actionData?.confirm ?? null
  // Without JavaScript the confirmation is the whole answer; with it, a dialog over the form.
  if (confirm && !hydrated)
    return <LaunchConfirmPage summary={confirm} t={props.t} locale={props.data.locale} />
  return (
    <>
      <ComposerForm {...props} />
      {confirm ? <LaunchConfirmDialog summary={confirm} t={props.t} locale={props.data.locale} /> : null}
    </>
  )
}

function ComposerForm({
  data,
  actionData,
  t,
}: {
  data: ComposerProps
  actionData?: ComposerActionData
  t: Translate
}) {
  const [form, fields] = useForm<z.input<typeof ComposerSchema>>({
    id: 'composer',
    lastResult: actionData?.result,
    defaultValue: data.defaults as never,
    onValidate: ({ formData }) => parseWithZod(withPickedFile(formData), { schema: ComposerSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  const media = actionData && 'media' in actionData ? (actionData.media ?? null) : data.media
  const token = actionData?.token ?? data.token
  const live = useLiveReview(data.review, actionData)
  const scheduled = data.campaign?.status === 'scheduled'
  const imageFile = media?.key.split('/').pop()
  const imageErrors = (form.allErrors.image ?? []) as string[]
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      encType="multipart/form-data"
      onChange={live.onFormChange}
      onInput={live.onFormChange}
    >
      {token ? <input type="hidden" name="token" value={token} /> : null}
      <FormError errors={form.errors} t={t} />
      <div className="card">
        <div className="field">
          <label htmlFor={fields.name.id}>{t('campaigns.compose.name')}</label>
          <input
            {...getInputProps(fields.name, { type: 'text' })}
            aria-describedby={`${fields.name.id}-hint`}
          />
          <span className="hint" id={`${fields.name.id}-hint`}>
            {t('campaigns.compose.nameHint')}
          </span>
          <FieldErrors id={fields.name.errorId} errors={fields.name.errors} t={t} />
        </div>
      </div>
      <CampaignAudienceField field={fields.listId} lists={data.lists} t={t} locale={data.locale}>
        <CampaignAudienceMore
          fields={fields}
          lists={data.lists.filter((l) => !l.empty)}
          excludable={data.lists}
          segments={data.segments ?? []}
          t={t}
        />
      </CampaignAudienceField>
      <CampaignMessageFields
        form={form}
        fields={fields}
        media={media}
        imageUrl={imageFile ? `/campanhas/midia/${imageFile}` : null}
        imageErrors={imageErrors}
        t={t}
      />
      <CampaignAiFields
        form={form}
        fields={fields}
        providers={data.providers}
        variants={actionData?.aiVariants ?? []}
        error={actionData?.aiError ?? null}
        t={t}
        stepCount={fields.steps.getFieldList().length}
      />
      <CampaignSessionsField
        sessionIds={fields.sessionIds}
        priority={fields.priority}
        sessions={data.sessions}
        t={t}
      />
      <CampaignStepsFields fields={fields} t={t} />
      <CampaignPacingFields fields={fields} t={t} />
      <CampaignReview review={live.review} busy={live.busy} t={t} locale={data.locale} />
      <CampaignStepsReview
        steps={fields.steps.value as never}
        confirmation={fields.confirmation.value as string | undefined}
        t={t}
      />
      <CampaignTestSend
        phone={fields.testPhone}
        session={fields.testSessionId}
        sessions={data.sessions.filter((s) => s.status === 'WORKING')}
        outcome={actionData?.test ?? null}
        t={t}
      />
      <div className="card">
        <p>
          <button type="submit" name="intent" value="refresh" className="secondary" formNoValidate>
            {t('campaigns.compose.refresh')}
          </button>
        </p>
        <div className="row-actions" style={{ alignItems: 'flex-end' }}>
          <SubmitButton
            name="intent"
            value="save"
            label={t(scheduled ? 'campaigns.compose.saveScheduled' : 'campaigns.compose.save')}
            pendingLabel={t('common.saving')}
            className="secondary"
          />
          {scheduled ? (
            <button type="submit" name="intent" value="unschedule" className="secondary" formNoValidate>
              {t('campaigns.compose.unschedule')}
            </button>
          ) : null}
        </div>
        <fieldset style={{ border: 0, padding: 0, margin: '1rem 0' }}>
          <legend style={{ fontWeight: 600 }}>{t('campaigns.compose.schedule')}</legend>
          <div className="row-actions" style={{ alignItems: 'flex-end' }}>
            <div className="field" style={{ marginBottom: 0 }}>
              <label htmlFor={fields.scheduleDate.id}>{t('campaigns.compose.scheduleDate')}</label>
              <input {...getInputProps(fields.scheduleDate, { type: 'date' })} />
            </div>
            <div className="field" style={{ marginBottom: 0 }}>
              <label htmlFor={fields.scheduleTime.id}>{t('campaigns.compose.scheduleTime')}</label>
              <input {...getInputProps(fields.scheduleTime, { type: 'time' })} />
            </div>
            <SubmitButton
              name="intent"
              value="schedule"
              label={t('campaigns.compose.doSchedule')}
              pendingLabel={t('common.saving')}
              className="secondary"
            />
          </div>
          <FieldErrors id={fields.scheduleDate.errorId} errors={fields.scheduleDate.errors} t={t} />
        </fieldset>
        <SubmitButton
          name="intent"
          value="launch"
          label={t('campaigns.compose.launch')}
          pendingLabel={t('campaigns.compose.launching')}
        />
      </div>
    </Form>
  )
}
