// Validation of user-given outbound URLs (WAHA server, AI base URL) before the Worker calls them.
// docs/design.md §4: http(s) only, no credentials in the URL, private/loopback/link-local/CGNAT/multicast/
// unspecified addresses refused unless the operator allows private targets (local development).
// Only literal addresses and well-known internal names can be checked here: Workers have no DNS
// API, so a public name that resolves to a private address is left to the platform (Cloudflare's
// edge does not route Worker subrequests into private networks).

import { ptText } from '../../i18n'
import { type Text, text } from '../../i18n/text'
import { classifyIPv4, classifyIPv6, parseIPv4, parseIPv6 } from './ip-address'

/** Why an outbound URL was refused. */
export type OutboundUrlReason =
  | 'invalid_url'
  | 'unsupported_protocol'
  | 'credentials'
  | 'missing_host'
  | 'private_address'
  | 'private_host'

/** Result of checkOutboundUrl: the normalised URL, or a reason with a text (`net.url.*`) that says what to fix. */
export type OutboundUrlCheck =
  | { ok: true; url: URL }
  | { ok: false; reason: OutboundUrlReason; text: Text; message: string }

/** Options for checkOutboundUrl. */
export interface OutboundUrlOptions {
  /** Allow loopback/private/internal targets (local development or an operator's explicit choice). */
  allowPrivate: boolean
}

/** Longer URLs are refused. */
export const MAX_URL_LENGTH = 2048

const INTERNAL_SUFFIXES = ['.localhost', '.internal', '.local', '.home.arpa', '.lan', '.intranet', '.corp']
const INTERNAL_NAMES = new Set(['localhost', 'local', 'internal', 'home.arpa'])

const refuse = (reason: OutboundUrlReason): OutboundUrlCheck => {
  const t = text(`net.url.${reason}`)
  return { ok: false, reason, text: t, message: ptText(t) }
}

/** Returns the special-use label when the hostname is a private/reserved IP literal, else null. */
function privateAddressLabel(hostname: string): string | null {
  if (hostname.startsWith('[') || hostname.includes(':')) {
    const groups = parseIPv6(hostname)
    return groups ? classifyIPv6(groups) : null
  }
  const v4 = parseIPv4(hostname)
  return v4 === null ? null : classifyIPv4(v4)
}

/** True when the hostname is a name that only resolves inside a private network. */
function isInternalHostname(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.+$/, '')
  if (INTERNAL_NAMES.has(name)) return true
  if (INTERNAL_SUFFIXES.some((suffix) => name.endsWith(suffix))) return true
  // Single-label names ("waha", "ollama") only resolve through local/container DNS.
  return !name.includes('.') && parseIPv4(name) === null && !name.startsWith('[')
}

/** Checks a user-given URL for outbound use; strips the fragment; never throws. */
export function checkOutboundUrl(raw: string, options: OutboundUrlOptions): OutboundUrlCheck {
  const text = typeof raw === 'string' ? raw.trim() : ''
  if (text === '' || text.length > MAX_URL_LENGTH) return refuse('invalid_url')
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return refuse(
      /^[a-z][a-z0-9+.-]*:/i.test(text) && !/^https?:/i.test(text) ? 'unsupported_protocol' : 'invalid_url',
    )
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return refuse('unsupported_protocol')
  if (url.username !== '' || url.password !== '') return refuse('credentials')
  if (url.hostname === '') return refuse('missing_host')
  url.hash = ''
  if (!options.allowPrivate) {
    if (privateAddressLabel(url.hostname) !== null) return refuse('private_address')
    const isIpLiteral = url.hostname.startsWith('[') || parseIPv4(url.hostname) !== null
    if (!isIpLiteral && isInternalHostname(url.hostname)) return refuse('private_host')
  }
  return { ok: true, url }
}
