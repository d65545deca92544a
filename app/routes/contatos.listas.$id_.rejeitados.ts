// GET /contatos/listas/:id/rejeitados: "Baixar rejeitados (CSV)": line, original text, reason
// (formula-safe, UTF-8 BOM, ';' for Excel pt-BR).
import type { LoaderFunctionArgs } from '@remix-run/cloudflare'
import { rejectsCsv } from '~/core/contacts/lists.server'
import { notFound, orNotFound, requireUser } from '~/lib/guard.server'

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { scope } = await requireUser(context, request)
  if (!params.id) throw notFound()
  const { name, csv } = await orNotFound(rejectsCsv(scope, params.id))
  const safe =
    name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^\w-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'lista'
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="rejeitados-${safe}.csv"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
