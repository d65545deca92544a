// GET /opt-outs/exportar: the tenant's opt-out list as CSV (formula-safe, UTF-8 BOM, ';').
import type { LoaderFunctionArgs } from '@remix-run/cloudflare'
import { optOutsCsv } from '~/core/contacts/optouts.server'
import { requireUser } from '~/lib/guard.server'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { scope } = await requireUser(context, request)
  return new Response(await optOutsCsv(scope), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="opt-outs.csv"',
      'Cache-Control': 'private, no-store',
    },
  })
}
