import type { AppLoadContext, EntryContext } from '@remix-run/cloudflare'
import { RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToReadableStream } from 'react-dom/server'
import { newCspNonce, pageCsp } from './core/http/security-headers'
import { NonceProvider } from './lib/nonce'

export const streamTimeout = 5_000

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  _loadContext: AppLoadContext,
) {
  // One nonce per page: Remix's inline scripts carry it and the policy allows only those (decision 012).
  const nonce = newCspNonce()
  const page = (
    <NonceProvider value={nonce}>
      <RemixServer context={remixContext} url={request.url} nonce={nonce} />
    </NonceProvider>
  )
  // Abort a render that is still going after the timeout; once everything is rendered the timer is
  // cleared, so a late abort never touches a finished stream (React throws "This ReadableStream is
  // closed" from the abort listener when a reader left the body unread).
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), streamTimeout + 1_000)
  const body = await renderToReadableStream(page, {
    nonce,
    signal: controller.signal,
    onError(error: unknown) {
      // Errors while streaming are logged; the shell already went out with its status.
      if (!request.signal.aborted) console.error(error)
      responseStatusCode = 500
    },
  })
  body.allReady.then(
    () => clearTimeout(timer),
    () => clearTimeout(timer),
  )
  if (isbot(request.headers.get('user-agent') || '')) await body.allReady
  responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
  responseHeaders.set('Content-Security-Policy', pageCsp(nonce))
  // The other hardening headers (nosniff, Referrer-Policy, no-store, HSTS...) are added to every
  // response by the Worker: workers/http/security.ts.
  return new Response(body, { headers: responseHeaders, status: responseStatusCode })
}
