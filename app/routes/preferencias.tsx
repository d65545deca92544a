// Language and theme: a plain form post that sets cookies and returns to the page it came from.
import { type ActionFunctionArgs, redirect } from '@remix-run/cloudflare'
import { safeRedirectTarget } from '~/core/http/redirects'
import { preferenceCookies } from '~/lib/preferences.server'

export async function loader() {
  return redirect('/')
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData()
  const headers = new Headers({ Location: safeRedirectTarget(form.get('returnTo'), request.url) })
  for (const cookie of preferenceCookies({ lang: form.get('lang'), theme: form.get('theme') })) {
    headers.append('Set-Cookie', cookie)
  }
  return new Response(null, { status: 303, headers })
}
