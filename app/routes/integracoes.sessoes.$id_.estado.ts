// GET /integracoes/sessoes/:id/estado: the live state of one session as JSON, polled by the session
// page (JS on) every 2–3 s while it starts or shows a QR code. Asks WAHA meanwhile and mirrors what
// it learns into D1 and the SenderSession Durable Object.
import type { LoaderFunctionArgs } from '@remix-run/cloudflare'
import { refreshLiveState } from '~/core/sessions/live-state.server'
import { getSessionRow } from '~/core/sessions/sessions.server'
import { makeTranslator } from '~/i18n'
import { orNotFound, requireUser } from '~/lib/guard.server'

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { scope, locale } = await requireUser(context, request)
  const row = await orNotFound(getSessionRow(scope, params.id ?? ''))
  const live = await refreshLiveState(scope, row)
  // The poll error travels as the reader's words (the panel shows it as they are).
  const pollError = live.pollError ? makeTranslator(locale)(live.pollError) : null
  return Response.json({ ...live, pollError }, { headers: { 'Cache-Control': 'no-store' } })
}
