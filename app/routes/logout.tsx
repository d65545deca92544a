// Sign out: POST only (no state change on GET). Revokes the server-side session and clears the cookie.
import { type ActionFunctionArgs, redirect } from '@remix-run/cloudflare'
import { clearSessionCookie, revokeAuthSession } from '~/core/auth/session.server'
import { flashCookie } from '~/lib/flash.server'

export async function loader() {
  return redirect('/')
}

export async function action({ request, context }: ActionFunctionArgs) {
  await revokeAuthSession(context.app, request)
  const headers = new Headers({ Location: '/login' })
  headers.append('Set-Cookie', clearSessionCookie(request))
  headers.append('Set-Cookie', flashCookie({ kind: 'info', message: 'logout.done' }))
  return new Response(null, { status: 303, headers })
}
