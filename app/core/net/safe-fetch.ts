// fetch() for user-given URLs (docs/design.md §4): outbound URL check, one timeout for the whole exchange
// (headers and body), a byte cap on the body (streamed, stops at maxBytes) and no redirects.
//
// Redirect policy: redirects are NEVER followed. `redirect: 'manual'` is always set and any 3xx
// (except 304) is returned as a typed 'redirect' error carrying the Location, so the caller can tell
// the user to fix the configured address. Following would need a fresh outbound check per hop and
// would silently turn a POST into something else; WAHA and the AI providers never need it.
//
// Failures are values (SafeFetchError), split by when they happened, because the WAHA send path
// must know whether the request could have reached the server:
//   connect_failed   DNS failure, refused, unreachable, TLS handshake: the request was never delivered.
//   connection_lost  reset/closed/unknown network error: it may have been delivered (phase tells when).
//   timeout          our timer fired: it may have been delivered (phase 'response' or 'body').
//   too_large / redirect / blocked_url / aborted: self-explanatory; nothing more is read.

import { ptText } from '../../i18n'
import { type Text, text } from '../../i18n/text'
import {
  checkOutboundUrl,
  MAX_URL_LENGTH,
  type OutboundUrlCheck,
  type OutboundUrlReason,
} from './outbound-url'

/** When a failure happened: before the response headers arrived, or while reading the body. */
export type FetchPhase = 'response' | 'body'

/** Every way safeFetch can fail (a text, `net.*`, and its pt-BR `message`: safe to show). */
export type SafeFetchError =
  | { kind: 'blocked_url'; reason: OutboundUrlReason; text: Text; message: string }
  | { kind: 'connect_failed'; code: string | null; text: Text; message: string }
  | { kind: 'connection_lost'; phase: FetchPhase; code: string | null; text: Text; message: string }
  | { kind: 'timeout'; phase: FetchPhase; timeoutMs: number; text: Text; message: string }
  | { kind: 'too_large'; maxBytes: number; text: Text; message: string }
  | { kind: 'redirect'; status: number; location: string | null; text: Text; message: string }
  | { kind: 'aborted'; text: Text; message: string }

/** Thrown by a SafeResponse body stream when reading fails; carries the typed error. */
export class SafeFetchFailure extends Error {
  constructor(readonly error: SafeFetchError) {
    super(error.message)
    this.name = 'SafeFetchFailure'
  }
}

/** Result of reading a SafeResponse body. */
type SafeBodyResult<T> = { ok: true; value: T } | { ok: false; error: SafeFetchError }

/** A response whose body is capped and covered by the request timeout. */
export interface SafeResponse {
  status: number
  statusText: string
  headers: Headers
  /** Capped body stream; errors with SafeFetchFailure. Null when the response has no body. */
  body: ReadableStream<Uint8Array> | null
  /** Reads the whole (capped) body as bytes. */
  readBytes(): Promise<SafeBodyResult<Uint8Array>>
  /** Reads the whole (capped) body as UTF-8 text. */
  readText(): Promise<SafeBodyResult<string>>
  /** Discards the body and releases the connection. */
  discard(): Promise<void>
}

/** Result of safeFetch. */
export type SafeFetchResult = { ok: true; response: SafeResponse } | { ok: false; error: SafeFetchError }

/** Options for safeFetch. */
export interface SafeFetchOptions {
  fetch?: typeof fetch
  /** Whole-exchange timeout (headers + body), default 15 s. */
  timeoutMs?: number
  /** Body size cap in bytes, default 5 MiB. */
  maxBytes?: number
  /** Allow private/loopback targets (see checkOutboundUrl). */
  allowPrivate: boolean
}

const DEFAULT_TIMEOUT_MS = 15_000
const DEFAULT_MAX_BYTES = 5 * 1024 * 1024

const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'EAI_FAIL',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENETDOWN',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
])
const CONNECT_CODE_PATTERN =
  /^(CERT_|ERR_TLS_|ERR_SSL_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT|UNABLE_TO_)/
const CONNECT_MESSAGE_PATTERN =
  /connection refused|ECONNREFUSED|ENOTFOUND|getaddrinfo|DNS lookup|could not resolve|no such host|host unreachable|network is unreachable|certificate|TLS handshake|SSL handshake/i

/** A text and its pt-BR message, spread into a SafeFetchError. */
const said = (t: Text) => ({ text: t, message: ptText(t) })

const MSG = {
  connect: said(text('net.connect')),
  lost: said(text('net.lost')),
  timeout: (ms: number) => said(text('net.timeout', { seconds: Math.round(ms / 1000) })),
  tooLarge: (max: number) => said(text('net.tooLarge', { kb: Math.round(max / 1024) })),
  redirect: (location: string | null) =>
    said(location ? text('net.redirect_to', { location }) : text('net.redirect')),
  aborted: said(text('net.aborted')),
}

function errorCode(error: unknown): string | null {
  let current: unknown = error
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string' && code !== '') return code
    current = (current as { cause?: unknown }).cause
  }
  return null
}

function errorText(error: unknown): string {
  const parts: string[] = []
  let current: unknown = error
  for (let depth = 0; depth < 5 && current; depth++) {
    if (current instanceof Error) parts.push(current.message)
    else if (typeof current === 'string') parts.push(current)
    current = current && typeof current === 'object' ? (current as { cause?: unknown }).cause : undefined
  }
  return parts.join(' | ')
}

/** Maps a thrown fetch/stream error to a SafeFetchError (exported for tests and other clients). */
export function classifyFetchFailure(
  error: unknown,
  phase: FetchPhase,
  state: { timedOut: boolean; aborted: boolean; timeoutMs: number },
): SafeFetchError {
  if (error instanceof SafeFetchFailure) return error.error
  if (state.timedOut)
    return { kind: 'timeout', phase, timeoutMs: state.timeoutMs, ...MSG.timeout(state.timeoutMs) }
  if (state.aborted) return { kind: 'aborted', ...MSG.aborted }
  const code = errorCode(error)
  const connectFailed =
    phase === 'response' &&
    ((code !== null && (CONNECT_CODES.has(code) || CONNECT_CODE_PATTERN.test(code))) ||
      CONNECT_MESSAGE_PATTERN.test(errorText(error)))
  if (connectFailed) return { kind: 'connect_failed', code, ...MSG.connect }
  return { kind: 'connection_lost', phase, code, ...MSG.lost }
}

async function collect(body: ReadableStream<Uint8Array> | null): Promise<SafeBodyResult<Uint8Array>> {
  if (!body) return { ok: true, value: new Uint8Array(0) }
  const chunks: Uint8Array[] = []
  let total = 0
  const reader = body.getReader()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      chunks.push(value)
      total += value.byteLength
    }
  } catch (error) {
    const fallback = { timedOut: false, aborted: false, timeoutMs: 0 }
    return { ok: false, error: classifyFetchFailure(error, 'body', fallback) }
  }
  return { ok: true, value: concat(chunks, total) }
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!
  const out = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.byteLength
  }
  return out
}

/**
 * Origins (`scheme://host[:port]/`) that passed the outbound check, per allowPrivate. The check
 * depends only on the scheme, the host and the absence of credentials, all of which sit before the
 * first `/` after `//`: a URL that starts with a checked origin's exact text has that scheme and host
 * and no credentials, so it goes without parsing it again (a send makes two WAHA calls to the same
 * server; decision 028, third pass). Anything else, or a URL with a fragment, is checked in full.
 */
const checkedOrigins = new Set<string>()
const MAX_CHECKED_ORIGINS = 256

function originPrefix(raw: string): string | null {
  const start = raw.startsWith('https://') ? 8 : raw.startsWith('http://') ? 7 : -1
  if (start < 0) return null
  const slash = raw.indexOf('/', start)
  return slash > start ? raw.slice(0, slash + 1) : null
}

function checkedTarget(
  raw: string,
  allowPrivate: boolean,
): { ok: true; url: string } | Extract<OutboundUrlCheck, { ok: false }> {
  const prefix = originPrefix(raw)
  const key = prefix === null ? null : `${allowPrivate ? 'p' : 'n'}${prefix}`
  if (key !== null && !raw.includes('#') && raw.length <= MAX_URL_LENGTH && checkedOrigins.has(key))
    return { ok: true, url: raw }
  const check = checkOutboundUrl(raw, { allowPrivate })
  if (!check.ok) return check
  const url = check.url.toString()
  const origin = `${allowPrivate ? 'p' : 'n'}${check.url.origin}/`
  if (origin === key) {
    if (checkedOrigins.size >= MAX_CHECKED_ORIGINS) checkedOrigins.clear()
    checkedOrigins.add(origin)
  }
  return { ok: true, url }
}

/** fetch() with an outbound URL check, a whole-exchange timeout, a body cap and no redirects. */
export async function safeFetch(
  input: string | URL,
  init: RequestInit,
  options: SafeFetchOptions,
): Promise<SafeFetchResult> {
  const target = checkedTarget(String(input), options.allowPrivate)
  if (!target.ok)
    return {
      ok: false,
      error: { kind: 'blocked_url', reason: target.reason, text: target.text, message: target.message },
    }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
  const fetchImpl = options.fetch ?? globalThis.fetch
  const state = { timedOut: false, aborted: false, timeoutMs }
  const controller = new AbortController()
  const external = init.signal ?? null
  const onExternalAbort = () => {
    state.aborted = true
    controller.abort(external?.reason)
  }
  if (external?.aborted) return { ok: false, error: { kind: 'aborted', ...MSG.aborted } }
  external?.addEventListener('abort', onExternalAbort, { once: true })
  const timer = setTimeout(() => {
    state.timedOut = true
    controller.abort(new DOMException('The operation timed out.', 'TimeoutError'))
  }, timeoutMs)
  const finish = () => {
    clearTimeout(timer)
    external?.removeEventListener('abort', onExternalAbort)
  }

  let response: Response
  try {
    response = await Reflect.apply(fetchImpl, globalThis, [
      target.url,
      { ...init, redirect: 'manual', signal: controller.signal },
    ])
  } catch (error) {
    finish()
    return { ok: false, error: classifyFetchFailure(error, 'response', state) }
  }

  const dropBody = async () => {
    finish()
    await response.body?.cancel().catch(() => undefined)
  }
  if (response.status >= 300 && response.status < 400 && response.status !== 304) {
    const location = response.headers.get('location')
    await dropBody()
    return {
      ok: false,
      error: { kind: 'redirect', status: response.status, location, ...MSG.redirect(location) },
    }
  }
  const declared = Number(response.headers.get('content-length') ?? Number.NaN)
  if (Number.isFinite(declared) && declared > maxBytes) {
    await dropBody()
    return { ok: false, error: { kind: 'too_large', maxBytes, ...MSG.tooLarge(maxBytes) } }
  }

  const source = response.body
  if (!source) finish()
  const tooLarge = (): SafeFetchError => ({ kind: 'too_large', maxBytes, ...MSG.tooLarge(maxBytes) })
  // The capped stream is built only for a caller that reads `body` itself: readBytes/readText read
  // the response directly (no JavaScript stream in between, the same cap, timeout and errors).
  let wrapped: ReadableStream<Uint8Array> | null = null
  const capped = (): ReadableStream<Uint8Array> | null => {
    if (!source || wrapped) return wrapped
    const reader = source.getReader()
    let received = 0
    wrapped = new ReadableStream<Uint8Array>({
      async pull(streamController) {
        try {
          const { done, value } = await reader.read()
          if (done) {
            finish()
            streamController.close()
            return
          }
          received += value.byteLength
          if (received > maxBytes) {
            finish()
            controller.abort()
            await reader.cancel().catch(() => undefined)
            streamController.error(new SafeFetchFailure(tooLarge()))
            return
          }
          streamController.enqueue(value)
        } catch (error) {
          finish()
          streamController.error(new SafeFetchFailure(classifyFetchFailure(error, 'body', state)))
        }
      },
      async cancel(reason) {
        finish()
        await reader.cancel(reason).catch(() => undefined)
      },
    })
    return wrapped
  }
  const readAll = async (): Promise<SafeBodyResult<Uint8Array>> => {
    if (wrapped || !source) return collect(wrapped)
    if (source.locked) return collect(capped())
    // A declared length (already checked against the cap) of an unencoded body is exactly what arrives.
    const encoding = response.headers.get('content-encoding')
    if (Number.isFinite(declared) && (encoding === null || encoding === 'identity')) {
      try {
        const bytes = new Uint8Array(await response.arrayBuffer())
        finish()
        return bytes.byteLength > maxBytes ? { ok: false, error: tooLarge() } : { ok: true, value: bytes }
      } catch (error) {
        finish()
        return { ok: false, error: classifyFetchFailure(error, 'body', state) }
      }
    }
    const reader = source.getReader()
    const chunks: Uint8Array[] = []
    let total = 0
    try {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        total += value.byteLength
        if (total > maxBytes) {
          finish()
          controller.abort()
          await reader.cancel().catch(() => undefined)
          return { ok: false, error: tooLarge() }
        }
        chunks.push(value)
      }
    } catch (error) {
      finish()
      return { ok: false, error: classifyFetchFailure(error, 'body', state) }
    }
    finish()
    return { ok: true, value: concat(chunks, total) }
  }

  const safe: SafeResponse = {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
    get body() {
      return capped()
    },
    readBytes: readAll,
    async readText() {
      const bytes = await readAll()
      return bytes.ok ? { ok: true, value: new TextDecoder().decode(bytes.value) } : bytes
    },
    async discard() {
      finish()
      if (wrapped) await wrapped.cancel().catch(() => undefined)
      else if (source && !source.locked) await source.cancel().catch(() => undefined)
    },
  }
  return { ok: true, response: safe }
}
