// Where to send the browser after sign-in or a preferences change (`redirectTo`, `returnTo`). Every
// such parameter goes through safeRedirectTarget, the only way a user-given value reaches a Location.

/** C0 controls and DEL (tab, line breaks...): URL parsers silently drop some of them. */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x20 || code === 0x7f) return true
  }
  return false
}

/**
 * Resolves `to` as a URL against our own origin and returns it as a same-origin path
 * ("/campanhas?x=1#y"), or `fallback` (the home page) for anything else: other origins, "//host",
 * "/\\host", "/\t/host" (browsers drop the tab), other schemes, control characters, unparsable input.
 */
export function safeRedirectTarget(to: unknown, requestUrl: string | URL, fallback = '/'): string {
  if (typeof to !== 'string' || to === '' || to.length > 2000 || hasControlCharacter(to)) return fallback
  const origin = new URL(requestUrl).origin
  let url: URL
  try {
    url = new URL(to, origin)
  } catch {
    return fallback
  }
  if (url.origin !== origin || (url.protocol !== 'https:' && url.protocol !== 'http:')) return fallback
  return `${url.pathname}${url.search}${url.hash}`
}
