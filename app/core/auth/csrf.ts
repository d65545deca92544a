// CSRF defence (docs/design.md §4): every state-changing request must come from our own origin.
// Browsers send Origin on every POST; Sec-Fetch-Site is the fallback. Neither present => refused.

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * The machine route with its own authentication (WAHA's webhook, HMAC per session), exempt from the
 * check: POST /webhooks/waha/<session id>, nothing under or beside it.
 */
const EXEMPT_POST = /^\/webhooks\/waha\/[^/]+$/

/**
 * The public API authenticates with a bearer token, never a cookie, so a forged cross-site request has
 * nothing to ride on: /api/v1/* is exempt for every method (decision 030).
 */
const EXEMPT_API = /^\/api\/v1\//

/** The operator's routes authenticate with their own bearer token (OPS_TOKEN), never a cookie. */
const EXEMPT_OPS = /^\/ops\//

/** Returns true when the request may change state. */
export function isSameOriginRequest(request: Request): boolean {
  const method = request.method.toUpperCase()
  if (SAFE_METHODS.has(method)) return true
  const url = new URL(request.url)
  if (method === 'POST' && EXEMPT_POST.test(url.pathname)) return true
  if (EXEMPT_API.test(url.pathname) || EXEMPT_OPS.test(url.pathname)) return true
  const origin = request.headers.get('Origin')
  if (origin && origin !== 'null') return origin === url.origin
  const site = request.headers.get('Sec-Fetch-Site')
  if (site) return site === 'same-origin' || site === 'none'
  return false
}
