import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { example, startReceiver, startTestSim, type TestSim, waitUntil } from './test-support'

let t: TestSim
beforeEach(async () => {
  t = await startTestSim()
})
afterEach(() => t.close())

describe('auth', () => {
  it('should answer 401 exactly like WAHA without or with a wrong X-Api-Key', async () => {
    for (const headers of [{}, { 'x-api-key': 'wrong' }] as Record<string, string>[]) {
      const response = await fetch(`${t.url}/api/sessions`, { headers })
      expect(response.status).toBe(401)
      expect(await response.json()).toEqual(example('example-error-401-unauthorized.json'))
    }
  })

  it('should accept the key as the x-api-key query parameter and keep /ping public', async () => {
    expect((await fetch(`${t.url}/api/sessions?x-api-key=disparo-dev-key`)).status).toBe(200)
    expect(await t.getJson(`/ping`)).toEqual({ message: 'pong' })
    expect((await fetch(`${t.url}/api/server/version`)).status).toBe(401)
  })
})

describe('sessions', () => {
  it('should go STOPPED → STARTING → SCAN_QR_CODE → WORKING and emit session.status for each', async () => {
    const hook = await startReceiver()
    const created = await t.post('/api/sessions', {
      name: 'loja',
      start: true,
      config: { metadata: { 'tenant.id': 't_1' }, webhooks: [{ url: hook.url, events: ['session.status'] }] },
    })
    expect(created.status).toBe(201)
    expect(await created.json()).toMatchObject({
      name: 'loja',
      status: 'STARTING',
      me: null,
      engine: { engine: 'GOWS' },
    })
    await waitUntil(async () => (await t.status('loja')) === 'SCAN_QR_CODE')
    await t.control('/_sim/sessions/loja/scan', { phone: '5511999990000', pushName: 'Loja' })
    await hook.waitFor((r) => r.body.payload.status === 'WORKING')
    expect(hook.events('session.status').map((r) => r.body.payload.status)).toEqual([
      'STARTING',
      'SCAN_QR_CODE',
      'WORKING',
    ])
    const working = hook.events('session.status')[2]!.body
    expect(working.metadata).toEqual({ 'tenant.id': 't_1' })
    expect(working.me).toMatchObject({ id: '5511999990000@c.us', pushName: 'Loja' })
    expect(working.payload.statuses.map((s: { status: string }) => s.status)).toEqual([
      'STARTING',
      'SCAN_QR_CODE',
      'WORKING',
    ])
    expect(hook.events('session.status')[1]!.body).not.toHaveProperty('me')
    const me = await (await t.api('/api/sessions/loja/me')).json()
    expect(me).toEqual({
      id: '5511999990000@c.us',
      pushName: 'Loja',
      lid: expect.stringMatching(/@lid$/),
      jid: '5511999990000:12@s.whatsapp.net',
    })
    await hook.close()
  })

  it('should answer 422 with the example body when the name exists, and 404 for unknown sessions', async () => {
    await t.post('/api/sessions', { name: 'campanha-loja-01', start: false })
    const duplicate = await t.post('/api/sessions', { name: 'campanha-loja-01' })
    expect(duplicate.status).toBe(422)
    expect(await duplicate.json()).toEqual(example('example-error-422-session-exists.json'))
    for (const [method, route] of [
      ['GET', '/api/sessions/nope'],
      ['PUT', '/api/sessions/nope'],
      ['POST', '/api/sessions/nope/start'],
      ['GET', '/api/sessions/nope/me'],
    ] as const) {
      const response = await t.api(route, { method, body: method === 'PUT' ? '{}' : undefined })
      expect(response.status, `${method} ${route}`).toBe(404)
      expect(await response.json()).toEqual(example('example-error-404-session-not-found.json'))
    }
  })

  it('should hide STOPPED sessions from the list unless all=true', async () => {
    await t.post('/api/sessions', { name: 'parada', start: false })
    await t.post('/api/sessions', { name: 'ligada', start: true })
    const names = async (query: string) =>
      ((await (await t.api(`/api/sessions${query}`)).json()) as { name: string }[]).map((s) => s.name)
    expect(await names('')).toEqual(['ligada'])
    expect(await names('?all=true')).toEqual(['parada', 'ligada'])
  })

  it('should keep the pairing across stop/start, and ask for a new QR after logout', async () => {
    await t.workingSession('s1')
    const stopped = await t.post('/api/sessions/s1/stop')
    expect(stopped.status).toBe(201)
    expect(await stopped.json()).toMatchObject({ status: 'STOPPED', me: null })
    expect(await (await t.api('/api/sessions/s1/me')).json()).toBeNull()
    expect((await (await t.post('/api/sessions/s1/start')).json()).status).toBe('STARTING')
    await waitUntil(async () => (await t.status('s1')) === 'WORKING', 'WORKING without QR')
    expect((await t.post('/api/sessions/s1/restart')).status).toBe(201)
    await waitUntil(async () => (await t.status('s1')) === 'WORKING', 'WORKING after restart')
    expect((await (await t.post('/api/sessions/s1/logout')).json()).status).toBe('STARTING')
    await waitUntil(async () => (await t.status('s1')) === 'SCAN_QR_CODE', 'QR after logout')
  })

  it('should replace the config with PUT and restart a running session', async () => {
    await t.workingSession('s1')
    const config = { metadata: { a: 'b' } }
    const response = await t.api('/api/sessions/s1', { method: 'PUT', body: JSON.stringify({ config }) })
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ name: 's1', status: 'STARTING', config })
    await waitUntil(async () => (await t.status('s1')) === 'WORKING')
  })

  it('should delete with an empty 200, idempotently', async () => {
    await t.workingSession('s1')
    for (let i = 0; i < 2; i++) {
      const response = await t.api('/api/sessions/s1', { method: 'DELETE' })
      expect(response.status).toBe(200)
      expect(await response.text()).toBe('')
    }
    expect((await t.api('/api/sessions/s1')).status).toBe(404)
  })

  it('should reject an invalid webhook URL with the class-validator 400', async () => {
    const response = await t.post('/api/sessions', {
      name: 'x',
      config: { webhooks: [{ url: 'not a url', events: ['message'] }] },
    })
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({
      statusCode: 400,
      message: ['config.webhooks.0.url must be a URL address'],
      error: 'Bad Request',
    })
  })

  it('should show SessionInfo fields like the example', async () => {
    await t.workingSession('s1', { metadata: { 'tenant.id': 't' } })
    const info = await (await t.api('/api/sessions/s1')).json()
    expect(Object.keys(info).sort()).toEqual(
      Object.keys(example('example-response-sessions-get.json')).sort(),
    )
    expect(info).toMatchObject({
      status: 'WORKING',
      presence: 'offline',
      timestamps: { activity: expect.any(Number) },
    })
  })
})

describe('control settings', () => {
  it('should change the engine and the ack timeline globally, and reject bad values', async () => {
    const patch = (body: object) => t.control('/_sim/settings', body, 'PATCH')
    expect(
      (await patch({ engine: 'NOWEB', timings: { readAckMs: 5000 }, neverReadFraction: 0.5 })).status,
    ).toBe(200)
    const settings = await t.getJson('/_sim/settings')
    expect(settings).toMatchObject({ engine: 'NOWEB', neverReadFraction: 0.5, timings: { readAckMs: 5000 } })
    expect((await patch({ engine: 'WPP' })).status).toBe(400)
    expect((await patch({ timings: { readAckMs: -1 } })).status).toBe(400)
    expect((await patch({ timings: { nope: 1 } })).status).toBe(400)
    await t.workingSession('s1')
    expect((await t.getJson('/api/sessions/s1?x-api-key=disparo-dev-key')).engine).toEqual({
      engine: 'NOWEB',
    })
  })
})
