// GET /campanhas/:id/imagem: the campaign's attachment, for signed-in staff of its tenant only.
import type { LoaderFunctionArgs } from '@remix-run/cloudflare'
import { getCampaign } from '~/core/campaigns/campaigns.server'
import { mediaResponse, readMedia } from '~/core/campaigns/media.server'
import { notFound, orNotFound, requireUser } from '~/lib/guard.server'

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { scope } = await requireUser(context, request)
  const campaign = await orNotFound(getCampaign(scope, params.id ?? ''))
  const image = campaign.mediaKey ? await readMedia(scope, campaign.mediaKey) : null
  if (!image) throw notFound()
  return mediaResponse(image)
}
