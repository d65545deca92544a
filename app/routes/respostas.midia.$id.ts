// GET /respostas/midia/:id?exp&sig: a file a contact sent (decision 032), from our R2 copy. It needs
// both a signed-in member of the team and a link signed in the last ten minutes (the conversation page
// makes them): a copied link stops working, another team's file is simply not found.
import type { LoaderFunctionArgs } from '@remix-run/cloudflare'
import { readInboundMedia } from '~/core/inbox/media.server'
import { makeTranslator } from '~/i18n'
import { notFound, requireUser } from '~/lib/guard.server'

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { scope, locale } = await requireUser(context, request)
  const id = Number(params.id)
  if (!Number.isSafeInteger(id) || id <= 0) throw notFound()
  const url = new URL(request.url)
  const file = await readInboundMedia(scope, id, url.searchParams.get('exp'), url.searchParams.get('sig'))
  if (!file.ok) {
    if (file.status === 404) throw notFound()
    return new Response(makeTranslator(locale)('inbox.media.expired'), {
      status: 403,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    })
  }
  return new Response(file.body, { headers: file.headers })
}
