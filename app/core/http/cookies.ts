// Minimal cookie parsing/serialising (RFC 6265) shared by auth, flash and preferences.

export type CookieOptions = {
  maxAge?: number
  httpOnly?: boolean
  secure?: boolean
  sameSite?: 'Lax' | 'Strict'
  path?: string
}

/** Parses a Cookie header into a map; malformed pairs are ignored. */
export function parseCookies(header: string | null): Map<string, string> {
  const out = new Map<string, string>()
  if (!header) return out
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq <= 0) continue
    const name = part.slice(0, eq).trim()
    const raw = part.slice(eq + 1).trim()
    try {
      if (!out.has(name)) out.set(name, decodeURIComponent(raw))
    } catch {
      // undecodable value: ignore the cookie rather than fail the request
    }
  }
  return out
}

/** Serialises one Set-Cookie value. */
export function serializeCookie(name: string, value: string, opts: CookieOptions = {}): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, `Path=${opts.path ?? '/'}`]
  if (opts.maxAge !== undefined) parts.push(`Max-Age=${Math.max(0, Math.floor(opts.maxAge))}`)
  if (opts.httpOnly) parts.push('HttpOnly')
  if (opts.secure) parts.push('Secure')
  parts.push(`SameSite=${opts.sameSite ?? 'Lax'}`)
  return parts.join('; ')
}

/** True when the request arrived over https (cookies then get Secure and the __Host- prefix). */
export function isSecureRequest(request: Request): boolean {
  return new URL(request.url).protocol === 'https:'
}
