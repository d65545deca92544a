// TEST-ONLY (node:fs, node:http): loads the WAHA contract examples (exact copies of ../shared/waha in
// tools/waha-simulator/contract/examples) byte for byte, and serves them from a local replaying WAHA
// for the client tests.

import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach } from 'vitest'
import { type RecordedRequest, type TestServer, startServer } from '../net/test-servers'
import { createWahaClient } from './client'

/** Absolute path of the WAHA contract examples (byte-identical to ../shared/waha). */
export const WAHA_EXAMPLES_DIR = path.resolve(import.meta.dirname, '../../../tools/waha-simulator/contract/examples')

/** The exact text of an example file. */
export const exampleText = (name: string): string => readFileSync(path.join(WAHA_EXAMPLES_DIR, name), 'utf8')

/** An example file parsed as JSON. */
export const exampleJson = (name: string): unknown => JSON.parse(exampleText(name))

/** A canned answer of the replay server: exact example file (or body) with its status code. */
export interface Reply {
  status: number
  file?: string
  body?: string | Uint8Array
  contentType?: string
}

type ReplyFn = (req: RecordedRequest) => Reply

/** `/api/server/version` body (WAHAEnvironment as in the webhook examples' `environment`). */
const VERSION_BODY =
  '{"version":"2026.7.1","engine":"GOWS","tier":"CORE","browser":null,"platform":"linux/x64","worker":{"id":null}}'

export const API_KEY = 'test-key'
export const SESSION = 'campanha-loja-01'

const qr = (req: RecordedRequest): Reply => {
  if (req.path.includes('format=raw')) return { status: 200, file: 'example-response-auth-qr-raw.json' }
  if (req.headers.accept === 'application/json')
    return { status: 200, file: 'example-response-auth-qr-base64.json' }
  const { data } = exampleJson('example-response-auth-qr-base64.json') as { data: string }
  return { status: 200, body: Buffer.from(data, 'base64'), contentType: 'image/png' }
}

const happyPath = (): Map<string, Reply | ReplyFn> =>
  new Map<string, Reply | ReplyFn>([
    ['GET /api/server/version', { status: 200, body: VERSION_BODY }],
    ['POST /api/sessions', { status: 201, file: 'example-response-sessions-create.json' }],
    ['GET /api/sessions', { status: 200, file: 'example-response-sessions-list.json' }],
    [`GET /api/sessions/${SESSION}`, { status: 200, file: 'example-response-sessions-get.json' }],
    [`PUT /api/sessions/${SESSION}`, { status: 200, file: 'example-response-sessions-get.json' }],
    [`DELETE /api/sessions/${SESSION}`, { status: 200, body: '' }],
    [`POST /api/sessions/${SESSION}/start`, { status: 201, file: 'example-response-sessions-create.json' }],
    [`POST /api/sessions/${SESSION}/restart`, { status: 201, file: 'example-response-sessions-create.json' }],
    [`POST /api/sessions/${SESSION}/stop`, { status: 201, file: 'example-response-sessions-stop.json' }],
    [`POST /api/sessions/${SESSION}/logout`, { status: 201, file: 'example-response-sessions-stop.json' }],
    [`GET /api/sessions/${SESSION}/me`, { status: 200, file: 'example-response-sessions-me.json' }],
    [`GET /api/${SESSION}/auth/qr`, qr],
    [
      `POST /api/${SESSION}/auth/request-code`,
      { status: 201, file: 'example-response-auth-request-code.json' },
    ],
    ['POST /api/sendText', { status: 201, file: 'example-response-sendText-GOWS.json' }],
    ['POST /api/sendImage', { status: 201, file: 'example-response-sendImage-GOWS.json' }],
    ['POST /api/sendSeen', { status: 201, body: '' }],
    ['POST /api/startTyping', { status: 201, body: '{"result":true}' }],
    ['POST /api/stopTyping', { status: 201, body: '{"result":true}' }],
    ['GET /api/contacts/check-exists', { status: 200, file: 'example-response-check-exists-true.json' }],
    [
      `GET /api/${SESSION}/lids/214748364800017@lid`,
      { status: 200, body: '{"lid":"214748364800017@lid","pn":"5511988887777@c.us"}' },
    ],
  ])

/** A local WAHA that replays the contract examples (status codes and bodies exactly as in the files). */
async function startWahaReplay() {
  const routes = happyPath()
  const server = await startServer((req, res) => {
    const pathname = decodeURIComponent(req.path.split('?')[0] ?? '')
    const route = routes.get(`${req.method} ${pathname}`)
    let reply: Reply =
      req.headers['x-api-key'] !== API_KEY
        ? { status: 401, file: 'example-error-401-unauthorized.json' }
        : route === undefined
          ? { status: 404, file: 'example-error-404-session-not-found.json' }
          : typeof route === 'function'
            ? route(req)
            : route
    const body = reply.file ? exampleText(reply.file) : (reply.body ?? '')
    reply = { ...reply, contentType: reply.contentType ?? 'application/json; charset=utf-8' }
    res.writeHead(reply.status, body.length > 0 ? { 'content-type': reply.contentType ?? '' } : {})
    res.end(body)
  })
  return {
    ...server,
    /** Replaces the answer of one route (method + path without query). */
    reply(method: string, path: string, reply: Reply | ReplyFn) {
      routes.set(`${method} ${path}`, reply)
    },
  }
}

/**
 * A fresh replay server for every test of the calling file (call once at its top level): `waha`
 * reads the current one, servers pushed to `extra` are closed after the test too, and `client()`
 * is a WAHA client for the replay.
 */
export function wahaReplayPerTest() {
  let server: Awaited<ReturnType<typeof startWahaReplay>> | undefined
  const extra: TestServer[] = []
  beforeEach(async () => {
    server = await startWahaReplay()
  })
  afterEach(async () => {
    await Promise.all([server?.close(), ...extra.splice(0).map((s) => s.close())])
  })
  const current = () => {
    if (!server) throw new Error('no WAHA replay running (wahaReplayPerTest runs it per test)')
    return server
  }
  const waha = {
    get url() {
      return current().url
    },
    get requests() {
      return current().requests
    },
    reply(method: string, path: string, reply: Reply | ReplyFn) {
      current().reply(method, path, reply)
    },
  }
  const client = (overrides: Partial<Parameters<typeof createWahaClient>[0]> = {}) =>
    createWahaClient({ baseUrl: waha.url, apiKey: API_KEY, allowPrivate: true, timeoutMs: 2000, ...overrides })
  return { waha, extra, client }
}
