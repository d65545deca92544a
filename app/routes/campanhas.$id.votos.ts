// GET /campanhas/:id/votos: "quem votou em quê" of a poll campaign as CSV (decision 038): name, phone,
// options, voted at (São Paulo time), votes received; Excel pt-BR (';', BOM, CRLF, formula-safe).
// Any signed-in role may export; another tenant's id (or a campaign that is not a poll) answers 404.
import type { LoaderFunctionArgs } from '@remix-run/cloudflare'
import { pollVotesExport } from '~/core/polls/results.server'
import { makeTranslator } from '~/i18n'
import { csvResponse } from '~/lib/csv-response.server'
import { orNotFound, requireUser } from '~/lib/guard.server'

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { scope, locale } = await requireUser(context, request)
  const file = await orNotFound(pollVotesExport(scope, params.id ?? '', makeTranslator(locale)))
  if (!file) throw new Response('Not Found', { status: 404 })
  return csvResponse(file.fileName, file.body)
}
