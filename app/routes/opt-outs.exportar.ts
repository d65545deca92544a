// GET /opt-outs/exportar: the tenant's opt-out list as CSV (formula-safe, UTF-8 BOM, ';', São Paulo
// times, words in the viewer's language), streamed.
import type { LoaderFunctionArgs } from '@remix-run/cloudflare'
import { optOutsExport } from '~/core/contacts/exports.server'
import { makeTranslator } from '~/i18n'
import { csvResponse } from '~/lib/csv-response.server'
import { requireUser } from '~/lib/guard.server'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { scope, locale } = await requireUser(context, request)
  const { fileName, body } = optOutsExport(scope, makeTranslator(locale))
  return csvResponse(fileName, body)
}
