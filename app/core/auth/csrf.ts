// CSRF defence (DESIGN §4): every state-changing request must come from our own origin.
// Browsers send Origin on every POST; Sec-Fetch-Site is the fallback. Neither present => refused.

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** Paths called by machines with their own authentication (HMAC, tokens), exempt from the check. */
const EXEMPT_PREFIXES = ['/webhooks/']

/** Returns true when the request may change state. */
export function isSameOriginRequest(request: Request): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return true
  const url = new URL(request.url)
  if (EXEMPT_PREFIXES.some((p) => url.pathname.startsWith(p))) return true
  const origin = request.headers.get('Origin')
  if (origin && origin !== 'null') return origin === url.origin
  const site = request.headers.get('Sec-Fetch-Site')
  if (site) return site === 'same-origin' || site === 'none'
  return false
}
