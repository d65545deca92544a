// Hono middleware applied to every request: CSRF origin check (403), security headers.
import type { MiddlewareHandler } from 'hono'
import { isSameOriginRequest } from '../../app/core/auth/csrf'

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

export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next()
  const h = c.res.headers
  if (!h.has('X-Content-Type-Options')) h.set('X-Content-Type-Options', 'nosniff')
  if (!h.has('Referrer-Policy')) h.set('Referrer-Policy', 'same-origin')
}
