// Request plumbing of the WAHA client: URL building, X-Api-Key, safeFetch, body reading and the
// mapping of every failure to a WahaError (rule table in errors.ts).

import { type SafeFetchError, safeFetch } from '../net/safe-fetch'
import type { WahaOperation, WahaResult } from './errors'
import { ambiguousError, classifyHttpFailure, fromSafeFetchError, unexpectedResponseError } from './errors'

/** Connection settings and dependencies of one WAHA client. */
export interface WahaClientOptions {
  /** Server root, e.g. https://waha.exemplo.com.br (a path prefix behind a proxy is kept). */
  baseUrl: string
  apiKey: string
  fetch?: typeof fetch
  /** Per-request timeout, default 20 s (WAHA itself waits up to ~10 s for a session to be WORKING). */
  timeoutMs?: number
  /** Allow private/loopback servers (local development or an operator's choice). Default false. */
  allowPrivate?: boolean
  /** Response size cap, default 5 MiB. */
  maxBytes?: number
  clock?: { now(): number }
}

/** One WAHA call. */
export interface WahaCall {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  path: string
  query?: Record<string, string>
  body?: unknown
  accept?: string
  op?: WahaOperation
}

/** A 2xx response; `bodyError` is set when the body could not be read completely. */
export interface WahaRawResponse {
  status: number
  contentType: string | null
  bytes: Uint8Array
  bodyError: SafeFetchError | null
}

const DEFAULT_WAHA_TIMEOUT_MS = 20_000

/** Builds the request URL from the base URL, a path and query parameters. */
function wahaUrl(baseUrl: string, path: string, query?: Record<string, string>): string {
  const root = baseUrl.trim().replace(/\/+$/, '')
  const qs = query ? new URLSearchParams(query).toString() : ''
  return `${root}${path}${qs ? `?${qs}` : ''}`
}

/** Sends one call and returns the 2xx response, or a classified WahaError. */
export async function callWaha(
  options: WahaClientOptions,
  call: WahaCall,
): Promise<WahaResult<WahaRawResponse>> {
  const op = call.op ?? 'other'
  const headers: Record<string, string> = {
    'X-Api-Key': options.apiKey,
    Accept: call.accept ?? 'application/json',
  }
  if (call.body !== undefined) headers['Content-Type'] = 'application/json'
  const result = await safeFetch(
    wahaUrl(options.baseUrl, call.path, call.query),
    { method: call.method, headers, body: call.body === undefined ? undefined : JSON.stringify(call.body) },
    {
      fetch: options.fetch,
      timeoutMs: options.timeoutMs ?? DEFAULT_WAHA_TIMEOUT_MS,
      maxBytes: options.maxBytes,
      allowPrivate: options.allowPrivate ?? false,
    },
  )
  if (!result.ok) return { ok: false, error: fromSafeFetchError(result.error, op) }
  const { response } = result
  const contentType = response.headers.get('content-type')
  const body = await response.readBytes()
  if (response.status < 200 || response.status > 299) {
    const text = body.ok ? new TextDecoder().decode(body.value) : ''
    return { ok: false, error: classifyHttpFailure(response.status, contentType, text, op) }
  }
  return {
    ok: true,
    value: {
      status: response.status,
      contentType,
      bytes: body.ok ? body.value : new Uint8Array(0),
      bodyError: body.ok ? null : body.error,
    },
  }
}

/** The body of a 2xx response as JSON: `undefined` when empty, an error when unreadable or not JSON. */
export function readJson(raw: WahaRawResponse, op: WahaOperation): WahaResult<unknown> {
  if (raw.bodyError) {
    return {
      ok: false,
      error:
        raw.bodyError.kind === 'too_large'
          ? unexpectedResponseError(raw.status, raw.contentType, raw.bodyError.message)
          : ambiguousError(
              raw.bodyError.kind === 'timeout' ? 'timeout' : 'connection_lost',
              op,
              raw.status,
              null,
            ),
    }
  }
  const text = new TextDecoder().decode(raw.bytes)
  if (text.trim() === '') return { ok: true, value: undefined }
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    return { ok: false, error: unexpectedResponseError(raw.status, raw.contentType, text.slice(0, 200)) }
  }
}

/** True when a content type announces an HTML page. */
export const isHtml = (contentType: string | null) => /text\/html|application\/xhtml/i.test(contentType ?? '')
