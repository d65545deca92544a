// The campaign composer form, shared by /campanhas/nova and /campanhas/:id/editar. Every control is
// a plain form control or submit button, so the whole form works without JavaScript; with JS,
// conform validates in the browser and adds/removes texts without a round trip.
import { type SubmissionResult, getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import type { z } from 'zod'
import { ComposerSchema } from '~/core/campaigns/composer-schema'
import type { Review } from '~/core/campaigns/preview.server'
import type { Translate } from '~/i18n'
import { CampaignAiFields, CampaignMessageFields } from './campaign-message-fields'
import { CampaignReview } from './campaign-review'
import { CampaignAudienceField, CampaignPacingFields, CampaignSessionsField } from './campaign-send-fields'
import { FieldErrors, FormError } from './form-field'
import { SubmitButton } from './submit-button'

export type ComposerActionData = {
  result?: SubmissionResult<string[]>
  media?: { key: string; type: string } | null
  token?: string | null
  aiVariants?: string[]
  aiError?: string | null
  review?: Review | null
}

export type ComposerProps = {
  locale: string
  campaign: { id: string; status: string; name: string; scheduledAt: number | null } | null
  token: string | null
  media: { key: string; type: string } | null
  defaults: Record<string, unknown>
  lists: { id: string; name: string; validCount: number; status?: string; empty?: boolean }[]
  sessions: { id: string; displayName: string; phone: string | null; status: string }[]
  providers: { id: string; name: string; model: string | null }[]
  review: Review | null
}

export function CampaignComposer({
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
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ComposerSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  const media = actionData && 'media' in actionData ? (actionData.media ?? null) : data.media
  const token = actionData?.token ?? data.token
  const review = actionData?.review ?? data.review
  const scheduled = data.campaign?.status === 'scheduled'
  const imageFile = media?.key.split('/').pop()
  const imageErrors = (form.allErrors.image ?? []) as string[]
  return (
    <Form method="post" {...getFormProps(form)} encType="multipart/form-data">
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
      <CampaignAudienceField field={fields.listId} lists={data.lists} t={t} locale={data.locale} />
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
      />
      <CampaignSessionsField
        sessionIds={fields.sessionIds}
        priority={fields.priority}
        sessions={data.sessions}
        t={t}
      />
      <CampaignPacingFields fields={fields} t={t} />
      <CampaignReview review={review} t={t} locale={data.locale} />
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
