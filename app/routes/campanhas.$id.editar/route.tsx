// /campanhas/:id/editar: the composer for a draft or a scheduled campaign (which stays scheduled).
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/cloudflare'
import { useActionData, useLoaderData } from '@remix-run/react'
import {
  CampaignComposer,
  type ComposerActionData,
  composerShouldRevalidate,
} from '~/components/campaign-composer'
import { CampaignStatusBadge } from '~/components/campaign-status-badge'
import { getCampaign } from '~/core/campaigns/campaigns.server'
import { makeTranslator } from '~/i18n'
import { redirectWithFlash } from '~/lib/flash.server'
import { orNotFound, requireUser } from '~/lib/guard.server'
import { titled } from '~/lib/meta'
import { composerAction, composerLoaderData } from '../campanhas.nova/composer.server'

export const shouldRevalidate = composerShouldRevalidate

export const meta = titled('title.editCampaign')

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { scope, locale } = await requireUser(context, request, 'campaigns:write')
  const campaign = await orNotFound(getCampaign(scope, params.id ?? ''))
  if (campaign.status !== 'draft' && campaign.status !== 'scheduled') {
    throw redirectWithFlash(`/campanhas/${campaign.id}`, {
      kind: 'error',
      message: 'campaigns.errors.notEditable',
    })
  }
  return composerLoaderData(scope, locale, campaign)
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  return composerAction(context, request, params.id ?? '')
}

export default function EditCampaign() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<ComposerActionData>()
  const t = makeTranslator(data.locale)
  const scheduledAt = data.campaign?.scheduledAt
  return (
    <>
      <p>
        <a href={`/campanhas/${data.campaign?.id}`}>← {data.campaign?.name}</a>
      </p>
      <h1>
        {t('campaigns.compose.editTitle')}{' '}
        <CampaignStatusBadge status={data.campaign?.status ?? 'draft'} locale={data.locale} />
      </h1>
      {data.campaign?.status === 'scheduled' && scheduledAt ? (
        <p className="muted">
          {t('campaigns.compose.scheduledNow', {
            date: new Intl.DateTimeFormat(data.locale, {
              dateStyle: 'short',
              timeStyle: 'short',
              timeZone: 'America/Sao_Paulo',
            }).format(scheduledAt),
          })}
        </p>
      ) : null}
      <CampaignComposer key={data.campaign?.id} data={data} actionData={actionData} t={t} />
    </>
  )
}
