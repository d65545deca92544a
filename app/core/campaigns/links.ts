// Link tracking helpers: find http(s) URLs in message text and rewrite each occurrence (one
// tracked URL per occurrence), and check that a redirect target is a plain http(s) URL.
// A URL must not start inside a word; trailing punctuation (. , ; : ! ? quotes, WhatsApp
// markers * _ ~) and unbalanced closing brackets are left outside it.

const URL_CANDIDATE = /(?<![\p{L}\p{N}_@./:-])https?:\/\/[^\s<>"'`]+/giu
const TRAILING = new Set(['.', ',', ';', ':', '!', '?', '*', '_', '~', "'", '"', '…'])
const PAIRS: Record<string, string> = { ')': '(', ']': '[', '}': '{' }

function count(text: string, ch: string): number {
  let n = 0
  for (const c of text) if (c === ch) n++
  return n
}

function trimUrl(candidate: string): string {
  let url = candidate
  for (;;) {
    const last = url.slice(-1)
    const open = PAIRS[last]
    if (TRAILING.has(last)) url = url.slice(0, -1)
    else if (open && count(url, open) < count(url, last)) url = url.slice(0, -1)
    else return url
  }
}

function hasHost(url: string): boolean {
  try {
    return new URL(url).hostname.length > 0
  } catch {
    return false
  }
}

/** A found link: its 0-based occurrence index and the original URL. */
export interface FoundLink {
  index: number
  url: string
}

/** Finds the http(s) URLs in text, in order. */
export function findLinks(text: string): Array<FoundLink & { start: number; end: number }> {
  const found: Array<FoundLink & { start: number; end: number }> = []
  for (const match of text.matchAll(URL_CANDIDATE)) {
    const url = trimUrl(match[0])
    if (!hasHost(url)) continue
    const start = match.index ?? 0
    found.push({ index: found.length, url, start, end: start + url.length })
  }
  return found
}

/** Replaces every URL occurrence with makeUrl(original, index); returns the new text and the links. */
export function rewriteLinks(
  text: string,
  makeUrl: (original: string, index: number) => string,
): { text: string; links: FoundLink[] } {
  const found = findLinks(text)
  let out = ''
  let cursor = 0
  for (const link of found) {
    out += text.slice(cursor, link.start) + makeUrl(link.url, link.index)
    cursor = link.end
  }
  out += text.slice(cursor)
  return { text: out, links: found.map(({ index, url }) => ({ index, url })) }
}

/** True for an absolute http(s) URL with a host, no credentials and no whitespace/control chars. */
export function isSafeRedirectTarget(url: string): boolean {
  if (typeof url !== 'string' || url.length === 0 || url.length > 4096) return false
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (/[\s\u0000-\u001f\u007f\\]/.test(url)) return false
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false
  if (!/^https?:\/\//i.test(url)) return false
  return parsed.hostname.length > 0 && parsed.username === '' && parsed.password === ''
}
