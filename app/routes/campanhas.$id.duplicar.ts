// POST /campanhas/:id/duplicar: copies a campaign as a new draft and opens it in the composer.
import type { ActionFunctionArgs } from '@remix-run/cloudflare'
import { duplicateCampaign } from '~/core/campaigns/campaigns.server'
import { redirectWithFlash } from '~/lib/flash.server'
import { notFound, orNotFound, requireUser } from '~/lib/guard.server'

export async function loader() {
  throw notFound()
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { scope, locale } = await requireUser(context, request, 'campaigns:write')
  const id = await orNotFound(
    duplicateCampaign(scope, params.id ?? '', locale === 'en' ? ' (copy)' : ' (cópia)'),
  )
  return redirectWithFlash(`/campanhas/${id}/editar`, { kind: 'success', message: 'campaigns.duplicated' })
}
