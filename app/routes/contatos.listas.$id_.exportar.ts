// GET /contatos/listas/:id/exportar: "Exportar CSV" of a list: every contact with name, phone, e-mail,
// company, extra columns and opt-out state (formula-safe, UTF-8 BOM, ';', São Paulo times), streamed.
// Any signed-in role may export; another tenant's list answers 404 before anything is streamed.
import type { LoaderFunctionArgs } from '@remix-run/cloudflare'
import { listExport } from '~/core/contacts/exports.server'
import { makeTranslator } from '~/i18n'
import { csvResponse } from '~/lib/csv-response.server'
import { notFound, orNotFound, requireUser } from '~/lib/guard.server'

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { scope, locale } = await requireUser(context, request)
  if (!params.id) throw notFound()
  const { fileName, body } = await orNotFound(listExport(scope, params.id, makeTranslator(locale)))
  return csvResponse(fileName, body)
}
