import type { AppLoadContext, EntryContext } from '@remix-run/cloudflare'
import { RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToReadableStream } from 'react-dom/server'

export const streamTimeout = 5_000

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  _loadContext: AppLoadContext,
) {
  const body = await renderToReadableStream(<RemixServer context={remixContext} url={request.url} />, {
    signal: AbortSignal.timeout(streamTimeout + 1_000),
    onError(error: unknown) {
      // Errors while streaming are logged; the shell already went out with its status.
      if (!request.signal.aborted) console.error(error)
      responseStatusCode = 500
    },
  })
  if (isbot(request.headers.get('user-agent') || '')) await body.allReady
  responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
  responseHeaders.set('X-Content-Type-Options', 'nosniff')
  responseHeaders.set('Referrer-Policy', 'same-origin')
  responseHeaders.set('X-Frame-Options', 'DENY')
  return new Response(body, { headers: responseHeaders, status: responseStatusCode })
}
