import { describe, expect, it } from 'vitest'
import { startHtmlServer, startServer } from '../../../tests/fixtures/test-servers'
import { API_KEY, exampleJson, SESSION, wahaReplayPerTest } from '../../../tests/fixtures/waha'
import { reachOutLockFromMe } from './client'
import { buildSessionConfig } from './types'

const { waha, extra, client } = wahaReplayPerTest()

describe('server checks', () => {
  it('should report the version and latency on testConnection', async () => {
    let t = 1000
    const result = await client({ clock: { now: () => (t += 40) } }).testConnection()
    expect(result).toEqual({
      ok: true,
      value: {
        version: '2026.7.1',
        engine: 'GOWS',
        tier: 'CORE',
        browser: null,
        platform: 'linux/x64',
        latencyMs: 40,
      },
    })
    expect(waha.requests.map((r) => r.path)).toEqual(['/api/server/version', '/api/sessions?all=true'])
    expect(waha.requests[0]?.headers['x-api-key']).toBe(API_KEY)
  })

  it('should classify a wrong API key as auth', async () => {
    const result = await client({ apiKey: 'wrong' }).testConnection()
    expect(result).toMatchObject({ ok: false, error: { kind: 'auth', httpStatus: 401, definite: true } })
  })

  it('should classify a 403 as auth with a permission message', async () => {
    waha.reply('GET', '/api/sessions', { status: 403, file: 'example-error-403-forbidden.json' })
    const result = await client().testConnection()
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.message).toMatch(/permissão/)
  })

  it('should fall back to /api/version on older servers', async () => {
    waha.reply('GET', '/api/server/version', {
      status: 404,
      body: '{"statusCode":404,"message":"Cannot GET"}',
    })
    waha.reply('GET', '/api/version', {
      status: 200,
      body: '{"version":"2024.10.8","engine":"NOWEB","tier":"CORE"}',
    })
    expect(await client().version()).toMatchObject({
      ok: true,
      value: { version: '2024.10.8', browser: null },
    })
  })

  it('should say the address is not WAHA when it answers HTML', async () => {
    const html = await startHtmlServer()
    extra.push(html)
    const result = await client({ baseUrl: html.url }).testConnection()
    expect(result).toMatchObject({ ok: false, error: { kind: 'unexpected_response', definite: true } })
  })

  it('should say the address is not WAHA when the JSON has the wrong shape', async () => {
    waha.reply('GET', '/api/server/version', { status: 200, body: '{"hello":"world"}' })
    expect(await client().version()).toMatchObject({ ok: false, error: { kind: 'unexpected_response' } })
  })

  it('should refuse a private server unless allowed, before any request', async () => {
    const result = await client({ allowPrivate: false }).testConnection()
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid_config' } })
    expect(waha.requests).toHaveLength(0)
  })

  it('should report a redirect instead of following it', async () => {
    const redirecting = await startServer((_req, res) => {
      res.writeHead(301, { location: 'https://waha.exemplo.com.br/' })
      res.end()
    })
    extra.push(redirecting)
    const result = await client({ baseUrl: redirecting.url }).version()
    expect(result).toMatchObject({ ok: false, error: { kind: 'unexpected_response', httpStatus: 301 } })
    if (!result.ok) expect(result.error.message).toContain('https://waha.exemplo.com.br/')
  })

  it('should keep a path prefix and ignore a trailing slash in the base URL', async () => {
    await client({ baseUrl: `${waha.url}/` }).version()
    expect(waha.requests[0]?.path).toBe('/api/server/version')
    await client({ baseUrl: `${waha.url}/waha//` }).version()
    expect(waha.requests[1]?.path).toBe('/waha/api/server/version')
  })
})

describe('sessions', () => {
  const config = buildSessionConfig({
    webhookUrl: 'https://app.example.com/webhooks/waha',
    webhookSecret: 'change-me-long-random-secret',
    metadata: { 'tenant.id': 't_123', 'channel.id': 'ch_456' },
    customHeaders: [{ name: 'X-Tenant-Id', value: 't_123' }],
  })

  it('should create a session with the contract request body plus WEBJS acks', async () => {
    const result = await client().createSession({ name: SESSION, config })
    expect(result).toMatchObject({
      ok: true,
      value: { name: SESSION, status: 'STARTING', engine: 'GOWS', me: null },
    })
    const sent = JSON.parse(waha.requests[0]?.body ?? '{}')
    const expected = exampleJson('example-request-sessions-create.json') as {
      config: Record<string, unknown>
    }
    // Respostas (decision 032) also subscribes to edits and revokes of the contacts' messages, and
    // polls (decision 038) to their votes.
    const webhooks = (expected.config.webhooks as Array<Record<string, unknown>>).map((w) => ({
      ...w,
      events: [
        ...(w.events as string[]),
        'message.edited',
        'message.revoked',
        'poll.vote',
        'poll.vote.failed',
      ],
    }))
    expect(sent).toEqual({
      ...expected,
      config: { ...expected.config, webhooks, webjs: { tagsEventsOn: true } },
    })
  })

  it('should classify an existing name as already_exists', async () => {
    waha.reply('POST', '/api/sessions', { status: 422, file: 'example-error-422-session-exists.json' })
    const result = await client().createSession({ name: SESSION, config })
    expect(result).toMatchObject({ ok: false, error: { kind: 'already_exists', retryable: false } })
  })

  it('should classify a validation error as bad_request with the problem', async () => {
    waha.reply('POST', '/api/sessions', { status: 400, file: 'example-error-400-validation.json' })
    const result = await client().createSession({ name: SESSION, config })
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'bad_request', problems: ['config.webhooks.0.url must be a URL address'] },
    })
  })

  it('should list, get and update sessions', async () => {
    const c = client()
    const list = await c.listSessions()
    expect(list.ok && list.value[0]?.me?.lid).toBe('150000000000001@lid')
    expect(await c.getSession(SESSION)).toMatchObject({
      ok: true,
      value: { status: 'WORKING', presence: 'offline' },
    })
    expect(await c.updateSession(SESSION, config)).toMatchObject({ ok: true })
    expect(waha.requests.at(-1)).toMatchObject({ method: 'PUT', path: `/api/sessions/${SESSION}` })
    expect(JSON.parse(waha.requests.at(-1)?.body ?? '{}')).toEqual({ config })
  })

  it('should classify an unknown session as not_found', async () => {
    const result = await client().getSession('nao-existe')
    expect(result).toMatchObject({ ok: false, error: { kind: 'not_found', httpStatus: 404 } })
  })

  it('should find a session, or null when WAHA answers that it does not know it', async () => {
    expect(await client().findSession(SESSION)).toMatchObject({ ok: true, value: { status: 'WORKING' } })
    expect(await client().findSession('nao-existe')).toEqual({ ok: true, value: null })
    expect(waha.requests.map((r) => r.path).slice(-2)).toEqual([
      '/api/sessions/nao-existe',
      '/api/server/version',
    ])
  })

  it('should not call a session missing when the address answers 404 to everything', async () => {
    const notFound = { status: 404, body: '{"statusCode":404,"message":"Cannot GET"}' }
    waha.reply('GET', '/api/server/version', notFound)
    waha.reply('GET', '/api/version', notFound)
    expect(await client().findSession('nao-existe')).toMatchObject({
      ok: false,
      error: { kind: 'not_found', httpStatus: 404 },
    })
  })

  it('should delete with an empty 200 body', async () => {
    expect(await client().deleteSession(SESSION)).toEqual({ ok: true, value: null })
  })

  it.each(['start', 'stop', 'restart', 'logout'] as const)('should %s a session', async (action) => {
    const c = client()
    const call = {
      start: c.startSession,
      stop: c.stopSession,
      restart: c.restartSession,
      logout: c.logoutSession,
    }[action]
    const result = await call(SESSION)
    expect(result.ok).toBe(true)
    expect(waha.requests[0]).toMatchObject({ method: 'POST', path: `/api/sessions/${SESSION}/${action}` })
  })

  it('should read me, JSON null and the reach-out time-lock', async () => {
    const c = client()
    expect(await c.me(SESSION)).toMatchObject({
      ok: true,
      value: { id: '5511999990000@c.us', reachoutTimelock: null },
    })
    waha.reply('GET', `/api/sessions/${SESSION}/me`, { status: 200, body: 'null' })
    expect(await c.me(SESSION)).toEqual({ ok: true, value: null })
    waha.reply('GET', `/api/sessions/${SESSION}/me`, {
      status: 200,
      file: 'example-response-sessions-me-reachout-timelock.json',
    })
    const locked = await c.me(SESSION)
    expect(locked.ok).toBe(true)
    if (!locked.ok) return
    const before = reachOutLockFromMe(locked.value, 1785157200 * 1000 - 1)
    expect(before).toMatchObject({ kind: 'reach_out_limit', lockedUntil: new Date(1785157200 * 1000) })
    expect(reachOutLockFromMe(locked.value, 1785157200 * 1000 + 1)).toBeNull()
    expect(reachOutLockFromMe(null)).toBeNull()
  })
})

describe('pairing', () => {
  it('should fetch the QR as PNG bytes with an image Accept', async () => {
    const result = await client().qrImage(SESSION)
    expect(result.ok && Array.from(result.value.bytes.slice(0, 4))).toEqual([0x89, 0x50, 0x4e, 0x47])
    expect(waha.requests[0]?.headers.accept).toBe('image/png')
    expect(waha.requests[0]?.path).toBe(`/api/${SESSION}/auth/qr?format=image`)
  })

  it('should fetch the QR as base64 with exactly Accept: application/json', async () => {
    const result = await client().qrBase64(SESSION)
    expect(result).toEqual({ ok: true, value: exampleJson('example-response-auth-qr-base64.json') })
    expect(waha.requests[0]?.headers.accept).toBe('application/json')
  })

  it('should fetch the raw QR value', async () => {
    expect(await client().qrRaw(SESSION)).toEqual({
      ok: true,
      value: exampleJson('example-response-auth-qr-raw.json'),
    })
  })

  it('should explain that the QR is only available while waiting for a scan', async () => {
    waha.reply('GET', `/api/${SESSION}/auth/qr`, {
      status: 422,
      file: 'example-error-422-qr-wrong-status.json',
    })
    const result = await client().qrImage(SESSION)
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'session_not_working', sessionStatus: 'WORKING', expected: ['SCAN_QR_CODE'] },
    })
    if (!result.ok) expect(result.error.message).toMatch(/QR code/)
  })

  it('should refuse a QR response that is not a PNG', async () => {
    waha.reply('GET', `/api/${SESSION}/auth/qr`, { status: 200, body: 'nope', contentType: 'image/png' })
    expect(await client().qrImage(SESSION)).toMatchObject({
      ok: false,
      error: { kind: 'unexpected_response' },
    })
  })

  it('should request a pairing code with digits only', async () => {
    const result = await client().requestPairingCode(SESSION, '+55 (11) 99999-0000')
    expect(result).toEqual({ ok: true, value: { code: 'ABCD-EFGH' } })
    expect(JSON.parse(waha.requests[0]?.body ?? '')).toEqual(
      exampleJson('example-request-auth-request-code.json'),
    )
  })

  it('should classify the request-code wrong status as session_not_working', async () => {
    waha.reply('POST', `/api/${SESSION}/auth/request-code`, {
      status: 422,
      file: 'example-error-422-request-code-wrong-status.json',
    })
    expect(await client().requestPairingCode(SESSION, '5511999990000')).toMatchObject({
      ok: false,
      error: { kind: 'session_not_working', sessionStatus: 'WORKING', expected: ['SCAN_QR_CODE'] },
    })
  })
})
