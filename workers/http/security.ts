// Hono middleware applied to every request: CSRF origin check (403), security headers.
import type { MiddlewareHandler } from 'hono'
import { isSameOriginRequest } from '../../app/core/auth/csrf'
import { baselineHeaders } from '../../app/core/http/security-headers'

const CSRF_PAGE = `<!doctype html><html lang="pt-BR"><meta charset="utf-8"><title>Pedido recusado</title>
<body style="font-family:system-ui;max-width:36rem;margin:4rem auto;padding:0 1rem">
<h1>Pedido recusado (403)</h1><p>Este pedido não veio de uma página do Disparo, então foi recusado por segurança.
Recarregue a página e tente de novo.</p><p><a href="/">Voltar ao início</a></p></body></html>`

export const csrfGuard: MiddlewareHandler = async (c, next) => {
  if (!isSameOriginRequest(c.req.raw)) {
    return c.html(CSRF_PAGE, 403)
  }
  await next()
}

/**
 * Adds the hardening headers to every response that did not set its own (pages set their CSP with a
 * nonce in app/entry.server.tsx; downloads and images set their Cache-Control). HSTS in production.
 */
export const securityHeaders: MiddlewareHandler<{ Bindings: Env }> = async (c, next) => {
  await next()
  // Same default as readConfig: a deploy without APP_ENV is production.
  const appEnv: string = c.env.APP_ENV ?? 'production'
  const production = appEnv === 'production'
  const h = c.res.headers
  for (const [name, value] of baselineHeaders(production)) if (!h.has(name)) h.set(name, value)
}
