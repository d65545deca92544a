// /campanhas/nova: the composer for a new campaign. The hidden token makes the campaign's id, so a
// double click or a resubmitted form never creates two campaigns.
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/cloudflare'
import { useActionData, useLoaderData } from '@remix-run/react'
import {
  CampaignComposer,
  type ComposerActionData,
  composerShouldRevalidate,
} from '~/components/campaign-composer'
import { makeTranslator } from '~/i18n'
import { requireUser } from '~/lib/guard.server'
import { titled } from '~/lib/meta'
import { composerAction, composerLoaderData } from './composer.server'

export const shouldRevalidate = composerShouldRevalidate

export const meta = titled('title.newCampaign')

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { scope, locale } = await requireUser(context, request, 'campaigns:write')
  return composerLoaderData(scope, locale, null)
}

export async function action({ request, context }: ActionFunctionArgs) {
  return composerAction(context, request, null)
}

export default function NewCampaign() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<ComposerActionData>()
  const t = makeTranslator(data.locale)
  return (
    <>
      <p>
        <a href="/campanhas">← {t('campaigns.title')}</a>
      </p>
      <h1>{t('campaigns.compose.newTitle')}</h1>
      <CampaignComposer data={data} actionData={actionData} t={t} />
    </>
  )
}
