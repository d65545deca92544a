/**
 * Helpers for the simulator's own tests: a simulator on port 0 with fast timings, a local webhook
 * receiver (node:http on 127.0.0.1:0), polling, and the contract examples.
 */
import { readFileSync } from 'node:fs'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { createSimulator, type SimulatorOptions } from './server'
import type { SessionConfig } from './types'

const API_KEY = 'disparo-dev-key'
const here = path.dirname(new URL(import.meta.url).pathname)

/** A file of contract/examples (copied from ../shared/waha). */
// biome-ignore lint/suspicious/noExplicitAny: test fixtures are free-form JSON
export function example(name: string): any {
  return JSON.parse(readFileSync(path.join(here, 'contract/examples', name), 'utf8'))
}

/** The project's types are Workers' (json(): unknown); tests read free-form JSON. */
// biome-ignore lint/suspicious/noExplicitAny: see above
export type JsonResponse = Omit<Response, 'json'> & { json(): Promise<any> }

/** Polls `check` until it returns a truthy value. */
export async function waitUntil<T>(
  check: () => T | Promise<T>,
  label = 'condition',
  timeoutMs = 3000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value) return value as NonNullable<T>
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}`)
    await new Promise((r) => setTimeout(r, 5))
  }
}

/** The structure of a JSON value (keys and value types), to compare with WAHA's examples. */
export function shapeOf(value: unknown): unknown {
  if (value === null) return 'null'
  if (Array.isArray(value)) return value.length > 0 ? [shapeOf(value[0])] : []
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map((k) => [k, shapeOf((value as Record<string, unknown>)[k])]),
    )
  }
  return typeof value
}

export interface Received {
  headers: IncomingHttpHeaders
  raw: string
  // biome-ignore lint/suspicious/noExplicitAny: free-form webhook JSON
  body: any
}

/** A webhook endpoint; `statusFor` picks each answer's status (default 200). */
export async function startReceiver(statusFor: (request: Received, index: number) => number = () => 200) {
  const received: Received[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8')
      const request = { headers: req.headers, raw, body: JSON.parse(raw) }
      received.push(request)
      res.statusCode = statusFor(request, received.length - 1)
      res.end('ok')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`
  const events = (event: string, session?: string) =>
    received.filter((r) => r.body.event === event && (!session || r.body.session === session))
  return {
    url,
    received,
    events,
    waitFor: (predicate: (r: Received) => boolean, label = 'webhook', timeoutMs = 3000) =>
      waitUntil(() => received.find(predicate), label, timeoutMs),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export type TestSim = Awaited<ReturnType<typeof startTestSim>>

export async function startTestSim(options: SimulatorOptions = {}) {
  const simulator = createSimulator({ fast: true, ...options })
  const running = await simulator.start(0)
  const { url } = running
  const api = (route: string, init: RequestInit = {}): Promise<JsonResponse> =>
    fetch(url + route, {
      ...init,
      headers: {
        'x-api-key': API_KEY,
        ...(init.body ? { 'content-type': 'application/json' } : {}),
        ...init.headers,
      },
    })
  const post = (route: string, body?: unknown) =>
    api(route, { method: 'POST', body: body === undefined ? undefined : JSON.stringify(body) })
  const control = (route: string, body?: unknown, method = 'POST'): Promise<JsonResponse> =>
    fetch(url + route, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  /** GET on the control API (no key), parsed. */
  const getJson = async (route: string) => (await (fetch(url + route) as Promise<JsonResponse>)).json()
  const status = async (name: string) =>
    ((await (await api(`/api/sessions/${name}`)).json()) as { status: string }).status

  /** Creates, starts and pairs a session; resolves once it is WORKING. */
  async function workingSession(name: string, config?: SessionConfig, phone?: string) {
    const created = await post('/api/sessions', { name, start: true, config })
    if (created.status !== 201) throw new Error(`create ${name}: ${created.status} ${await created.text()}`)
    await waitUntil(async () => (await status(name)) === 'SCAN_QR_CODE', `${name} SCAN_QR_CODE`)
    await control(`/_sim/sessions/${name}/scan`, phone ? { phone } : {})
    await waitUntil(async () => (await status(name)) === 'WORKING', `${name} WORKING`)
  }

  return {
    simulator,
    state: simulator.state,
    url,
    api,
    post,
    control,
    getJson,
    status,
    workingSession,
    close: running.close,
  }
}

/**
 * The i-th distinct Brazilian mobile that the simulated directory treats as an ordinary contact
 * (on WhatsApp, acks DEVICE then READ): suffixes with special rules (0000, 4444, 5555, 7777) skipped.
 */
export function plainContact(i: number): string {
  let n = 5511960000001 + i * 13
  while (/(0000|4444|5555|7777)$/.test(String(n))) n += 1
  return String(n)
}
