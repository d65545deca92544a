// Hardening headers (decision 012). Pages get a Content-Security-Policy with a fresh nonce for Remix's
// inline scripts (app/entry.server.tsx); every other answer gets a locked-down policy, and the Worker adds
// the rest to every response (workers/http/security.ts).

/** A fresh CSP nonce: 16 random bytes, base64. One per page response. */
export function newCspNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))))
}

/**
 * The policy of every page. Scripts: our own files and the inline ones carrying this response's nonce
 * (Remix's hydration data and module loader, scroll restoration). Styles: our stylesheet; inline style
 * *attributes* are allowed (progress bars and a few layout tweaks set `style=`), inline <style> elements
 * are not. Images: ours, data: URLs (the WhatsApp QR code) and blob: URLs (the composer previews the chosen
 * image before it is uploaded). Video and audio: ours and blob: (the same preview for a chosen video or
 * voice note, decision 034). Nothing may frame us; forms post only to us.
 */
export function pageCsp(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
}

/** For everything that is not a page (machine routes, downloads, data requests, our small HTML notices). */
const LOCKED_DOWN_CSP = [
  "default-src 'none'",
  "style-src-attr 'unsafe-inline'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

/** HTTPS only for a year, subdomains included (production only: local development is plain http). */
const HSTS = 'max-age=31536000; includeSubDomains'

/** Headers every response carries unless it set its own. `production` adds HSTS. */
export function baselineHeaders(production: boolean): [string, string][] {
  const headers: [string, string][] = [
    ['Content-Security-Policy', LOCKED_DOWN_CSP],
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'same-origin'],
    ['X-Frame-Options', 'DENY'],
    // Signed-in pages and their data must not stay in any cache (shared computers, proxies, back button
    // after logout). Answers that may be cached say so themselves (campaign images: private, 5 min).
    ['Cache-Control', 'no-store'],
  ]
  if (production) headers.push(['Strict-Transport-Security', HSTS])
  return headers
}
