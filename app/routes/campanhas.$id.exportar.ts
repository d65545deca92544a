// GET /campanhas/:id/exportar: the campaign's per-contact results as CSV for Excel pt-BR (';', UTF-8
// BOM, CRLF, formula-safe, São Paulo times, words in the viewer's language), streamed page by page.
// Any signed-in role may export; another tenant's id answers 404 before anything is streamed.
import type { LoaderFunctionArgs } from '@remix-run/cloudflare'
import { campaignExport } from '~/core/tracking/report-export.server'
import { makeTranslator } from '~/i18n'
import { csvResponse } from '~/lib/csv-response.server'
import { redirectWithFlash } from '~/lib/flash.server'
import { orNotFound, requireUser } from '~/lib/guard.server'

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { scope, locale } = await requireUser(context, request)
  const id = params.id ?? ''
  const result = await orNotFound(campaignExport(scope, id, makeTranslator(locale), locale))
  // An archived campaign whose R2 object is missing or damaged (decision 042): back to its page.
  if ('problem' in result)
    return redirectWithFlash(`/campanhas/${id}`, { kind: 'error', message: `archives.${result.problem}` })
  return csvResponse(result.fileName, result.body)
}
