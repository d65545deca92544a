// GET /contatos/listas/:id/rejeitados: "Baixar rejeitados (CSV)": line, original text, reason
// (formula-safe, UTF-8 BOM, ';' for Excel pt-BR), streamed; another tenant's list answers 404.
import type { LoaderFunctionArgs } from '@remix-run/cloudflare'
import { rejectsExport } from '~/core/contacts/exports.server'
import { makeTranslator } from '~/i18n'
import { csvResponse } from '~/lib/csv-response.server'
import { notFound, orNotFound, requireUser } from '~/lib/guard.server'

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { scope, locale } = await requireUser(context, request)
  if (!params.id) throw notFound()
  const { fileName, body } = await orNotFound(rejectsExport(scope, params.id, makeTranslator(locale)))
  return csvResponse(fileName, body)
}
