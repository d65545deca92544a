// A fake WAHA for the Workers integration tests: replaces globalThis.fetch (the Worker under test
// runs in the same isolate) and answers with the contract examples (exact copies of ../shared/waha
// in tools/waha-simulator/contract/examples), byte for byte. The real simulator (tools/waha-simulator) is covered by the browser journey.
import { exports } from 'cloudflare:workers'
import { vi } from 'vitest'
import err401 from '../../tools/waha-simulator/contract/examples/example-error-401-unauthorized.json?raw'
import err404 from '../../tools/waha-simulator/contract/examples/example-error-404-session-not-found.json?raw'
import err422Exists from '../../tools/waha-simulator/contract/examples/example-error-422-session-exists.json?raw'
import qrBase64 from '../../tools/waha-simulator/contract/examples/example-response-auth-qr-base64.json?raw'
import requestCode from '../../tools/waha-simulator/contract/examples/example-response-auth-request-code.json?raw'
import created from '../../tools/waha-simulator/contract/examples/example-response-sessions-create.json?raw'
import got from '../../tools/waha-simulator/contract/examples/example-response-sessions-get.json?raw'
import list from '../../tools/waha-simulator/contract/examples/example-response-sessions-list.json?raw'
import me from '../../tools/waha-simulator/contract/examples/example-response-sessions-me.json?raw'
import stopped from '../../tools/waha-simulator/contract/examples/example-response-sessions-stop.json?raw'
import { ORIGIN } from './helpers/app'

export const WAHA_URL = 'https://waha.exemplo.com.br'
export const WAHA_KEY = 'chave-waha-de-teste-123'
/** The session name used by every contract example. */
export const WAHA_SESSION = 'campanha-loja-01'
export const VERSION_BODY =
  '{"version":"2026.7.1","engine":"GOWS","tier":"CORE","browser":null,"platform":"linux/x64","worker":{"id":null}}'

export const EXAMPLES = {
  err401,
  err404,
  err422Exists,
  qrBase64,
  requestCode,
  created,
  got,
  list,
  me,
  stopped,
}

export type FakeReply =
  | { status: number; body: string; contentType?: string }
  | { unreachable: true }
  | ((req: RecordedCall) => { status: number; body: string; contentType?: string })

export type RecordedCall = { method: string; path: string; query: string; headers: Headers; body: unknown }

/** `${statusWith(created, 'SCAN_QR_CODE')}`: an example session body with another status. */
export function withStatus(body: string, status: string): string {
  return JSON.stringify({ ...(JSON.parse(body) as object), status })
}

function defaults(): Map<string, FakeReply> {
  const s = WAHA_SESSION
  return new Map<string, FakeReply>([
    ['GET /api/server/version', { status: 200, body: VERSION_BODY }],
    ['POST /api/sessions', { status: 201, body: withStatus(created, 'STOPPED') }],
    ['GET /api/sessions', { status: 200, body: list }],
    [`GET /api/sessions/${s}`, { status: 200, body: got }],
    [`DELETE /api/sessions/${s}`, { status: 200, body: '' }],
    [`POST /api/sessions/${s}/start`, { status: 201, body: created }],
    [`POST /api/sessions/${s}/restart`, { status: 201, body: created }],
    [`POST /api/sessions/${s}/stop`, { status: 201, body: stopped }],
    [`POST /api/sessions/${s}/logout`, { status: 201, body: withStatus(stopped, 'STARTING') }],
    [`GET /api/sessions/${s}/me`, { status: 200, body: me }],
    [`GET /api/${s}/auth/qr`, { status: 200, body: qrBase64 }],
    [`POST /api/${s}/auth/request-code`, { status: 201, body: requestCode }],
  ])
}

/** Installs the fake on globalThis.fetch for WAHA_URL; other hosts fail the test loudly. */
export function installFakeWaha(opts: { apiKey?: string } = {}) {
  const routes = defaults()
  const calls: RecordedCall[] = []
  const apiKey = opts.apiKey ?? WAHA_KEY
  let down = false
  const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const request = new Request(input as RequestInfo, init as RequestInit)
    const url = new URL(request.url)
    if (`${url.protocol}//${url.host}` !== WAHA_URL) throw new Error(`unexpected fetch to ${url.href}`)
    const text = await request.text()
    const call: RecordedCall = {
      method: request.method,
      path: decodeURIComponent(url.pathname),
      query: url.search,
      headers: request.headers,
      body: text ? JSON.parse(text) : undefined,
    }
    calls.push(call)
    if (down) throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } })
    let reply = routes.get(`${call.method} ${call.path}`)
    if (reply && 'unreachable' in reply)
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } })
    if (request.headers.get('x-api-key') !== apiKey) reply = { status: 401, body: err401 }
    const answer = typeof reply === 'function' ? reply(call) : (reply ?? { status: 404, body: err404 })
    if ('unreachable' in answer) throw new TypeError('fetch failed')
    return new Response(answer.body === '' ? null : answer.body, {
      status: answer.status,
      headers:
        answer.body === '' ? {} : { 'content-type': answer.contentType ?? 'application/json; charset=utf-8' },
    })
  })
  return {
    calls,
    /** Replaces the answer of `METHOD /path` (path without query). */
    reply(method: string, path: string, reply: FakeReply) {
      routes.set(`${method} ${path}`, reply)
    },
    /** Every request fails to connect (server off). */
    setDown(value: boolean) {
      down = value
    },
    restore() {
      spy.mockRestore()
    },
  }
}

export type FakeWaha = ReturnType<typeof installFakeWaha>

/** The flash message a redirect carries (decoded cookie), or null. */
export function flashOf(
  res: Response,
): { kind: string; message: string; vars?: Record<string, string> } | null {
  const c = res.headers.getSetCookie().find((x) => x.startsWith('disparo_flash='))
  if (!c) return null
  const value = decodeURIComponent(c.split(';')[0]?.slice('disparo_flash='.length) ?? '')
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(value), (ch) => ch.charCodeAt(0))))
}

/** The create / edit form as a browser posts it (checkbox days repeated). */
export function sessionForm(
  over: Record<string, string | null> = {},
  days = ['1', '2', '3', '4', '5'],
): FormData {
  const fields: Record<string, string | null> = {
    intent: 'create',
    displayName: 'Loja Centro',
    serverUrl: WAHA_URL,
    apiKey: WAHA_KEY,
    sessionName: WAHA_SESSION,
    failoverEnabled: 'on',
    failoverPriority: '1',
    maxPerMinute: '10',
    minDelayS: '30',
    maxDelayS: '60',
    dailyCap: '500',
    windowStart: '08:00',
    windowEnd: '20:00',
    mediaMode: 'url',
    // Number protection, as the form renders it by default (decision 020).
    warmupEnabled: 'on',
    warmupStartCap: '20',
    warmupDays: '14',
    packageMin: '20',
    packageMax: '40',
    restMinMin: '5',
    restMaxMin: '15',
    firstContactDailyBudget: '50',
    ...over,
  }
  const form = new FormData()
  for (const [k, v] of Object.entries(fields)) if (v !== null) form.append(k, v)
  for (const d of days) form.append('windowDays', d)
  return form
}

/** Lower-case hex HMAC-SHA512 of `body` with `key`, as WAHA sends in X-Webhook-Hmac. */
export async function signWebhook(key: string, body: string): Promise<string> {
  const k = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(key),
    { name: 'HMAC', hash: 'SHA-512' },
    false,
    ['sign'],
  )
  const sig = new Uint8Array(await crypto.subtle.sign('HMAC', k, new TextEncoder().encode(body)))
  return [...sig].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/** A session.status webhook as WAHA sends it, signed with `key`. */
export async function statusWebhook(sessionId: string, sessionName: string, status: string, key: string) {
  const body = JSON.stringify({
    id: `evt_${crypto.randomUUID().replaceAll('-', '').slice(0, 26)}`,
    timestamp: Date.now(),
    event: 'session.status',
    session: sessionName,
    me: { id: '5511988887777@c.us', pushName: 'Loja' },
    payload: { name: sessionName, status, statuses: [{ status, timestamp: Date.now() }], data: null },
    engine: 'GOWS',
    environment: { version: '2026.7.1', engine: 'GOWS', tier: 'CORE', browser: null },
  })
  return exports.default.fetch(
    new Request(`${ORIGIN}/webhooks/waha/${sessionId}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'X-Webhook-Hmac': await signWebhook(key, body),
        'X-Webhook-Hmac-Algorithm': 'sha512',
      },
      body,
    }),
  )
}
