// GET /campanhas/midia/:file: a file this tenant uploaded (also before the campaign is saved).
// The R2 key is built from the signed-in user's tenant, so another tenant's file is simply not found.
import type { LoaderFunctionArgs } from '@remix-run/cloudflare'
import { mediaKeyFor, mediaResponse, readMedia } from '~/core/campaigns/media.server'
import { notFound, requireUser } from '~/lib/guard.server'

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { scope } = await requireUser(context, request)
  const key = mediaKeyFor(scope, params.file ?? '')
  const image = key ? await readMedia(scope, key) : null
  if (!image) throw notFound()
  return mediaResponse(image)
}
