import { afterEach, describe, expect, it } from 'vitest'
import { example, startReceiver, startTestSim, type TestSim, waitUntil } from './test-support'

const SESSION = 'campanha-loja-01'
const CHAT = '5511988881234@c.us'
let t: TestSim
let hook: Awaited<ReturnType<typeof startReceiver>>
afterEach(async () => {
  await t.close()
  await hook.close()
})

async function setup(options = {}) {
  hook = await startReceiver()
  t = await startTestSim(options)
  await t.workingSession(SESSION, { webhooks: [{ url: hook.url, events: ['*'] }] })
  // Deliveries are asynchronous: let the pairing's WORKING event land before starting afresh.
  await hook.waitFor((r) => r.body.payload.status === 'WORKING')
  hook.received.length = 0
}
const inject = (failure: object) => t.control('/_sim/failures', { session: SESSION, ...failure })
const sendText = (chatId = CHAT) => t.post('/api/sendText', { session: SESSION, chatId, text: 'Oferta' })
const sends = async () => (await t.getJson(`/_sim/sends?session=${SESSION}`)).byChat
const withoutTimestamp = ({ timestamp, ...rest }: Record<string, unknown>) => rest

describe('request failures', () => {
  it('error-463: 500 like GOWS for the next N sends, then sends work again', async () => {
    await setup()
    expect((await inject({ kind: 'error-463', count: 2 })).status).toBe(201)
    for (let i = 0; i < 2; i++) {
      const response = await sendText()
      expect(response.status).toBe(500)
      expect(withoutTimestamp(await response.json())).toEqual(
        withoutTimestamp(example('example-error-500-gows-463.json')),
      )
    }
    expect((await sendText()).status).toBe(201)
    expect((await sends())[CHAT]).toEqual({ calls: 3, sent: 1, failed: 2 })
  })

  it('error-475 and http-error answer their status; rate-overlimit hits check-exists', async () => {
    await setup()
    await inject({ kind: 'error-475' })
    await inject({ kind: 'http-error', status: 503, message: 'upstream down' })
    await inject({ kind: 'rate-overlimit', on: 'check-exists' })
    expect((await (await sendText()).json()).exception.details).toBe('server returned error 475')
    const unavailable = await sendText()
    expect(unavailable.status).toBe(503)
    expect((await unavailable.json()).exception).toEqual({ message: 'upstream down' })
    const check = await t.api(`/api/contacts/check-exists?session=${SESSION}&phone=5511988887777`)
    expect(check.status).toBe(500)
    const body = await check.json()
    const expected = example('example-error-500-rate-overlimit.json')
    expect(body.exception).toEqual(expected.exception)
    expect(body.request).toEqual({
      ...expected.request,
      query: { session: SESSION, phone: '5511988887777' },
      path: `/api/contacts/check-exists?session=${SESSION}&phone=5511988887777`,
    })
  })

  it('only hits the chat it names', async () => {
    await setup()
    await inject({ kind: 'error-463', chatId: '5511977776666' })
    expect((await sendText()).status).toBe(201)
    expect((await sendText('5511977776666@c.us')).status).toBe(500)
  })

  it('timeout: the message is sent (message.any, acks) but the answer only comes after hangMs', async () => {
    await setup()
    await inject({ kind: 'timeout', hangMs: 300 })
    const started = Date.now()
    let answered = false
    const pending = sendText().then((r) => {
      answered = true
      return r
    })
    await hook.waitFor((r) => r.body.event === 'message.any')
    await hook.waitFor((r) => r.body.event === 'message.ack' && r.body.payload.ack === 3)
    expect(answered).toBe(false)
    const response = await pending
    expect(Date.now() - started).toBeGreaterThanOrEqual(290)
    expect(response.status).toBe(201)
    expect((await sends())[CHAT]).toEqual({ calls: 1, sent: 1, failed: 0 })
  })

  it('timeout: close() ends a hanging request instead of waiting for it', async () => {
    await setup()
    await inject({ kind: 'timeout', hangMs: 60_000 })
    const pending = sendText().catch(() => null)
    await hook.waitFor((r) => r.body.event === 'message.any')
    const started = Date.now()
    await t.close()
    await pending
    expect(Date.now() - started).toBeLessThan(1000)
  })

  it('silent: 201 and message.any, but never a DEVICE ack', async () => {
    await setup()
    await inject({ kind: 'silent' })
    expect((await sendText()).status).toBe(201)
    await hook.waitFor((r) => r.body.event === 'message.any')
    await new Promise((r) => setTimeout(r, 120))
    expect(hook.events('message.ack')).toEqual([])
  })

  it('ack-error: 201 then message.ack -1 ERROR', async () => {
    await setup()
    await inject({ kind: 'ack-error' })
    await sendText()
    const error = await hook.waitFor((r) => r.body.event === 'message.ack')
    expect(error.body.payload).toMatchObject({ ack: -1, ackName: 'ERROR', _data: { Type: 'server-error' } })
  })

  it('media-fetch: sendImage fails as if the URL were unreachable', async () => {
    await setup()
    await inject({ kind: 'media-fetch' })
    const response = await t.post('/api/sendImage', example('example-request-sendImage-url.json'))
    expect(response.status).toBe(500)
    expect((await response.json()).exception.message).toBe('getaddrinfo ENOTFOUND cdn.example.com')
  })

  it('media-fetch waits for a sendImage; check-exists and presence take only answer-level kinds', async () => {
    await setup()
    await inject({ kind: 'media-fetch' })
    expect((await sendText()).status).toBe(201)
    expect((await t.post('/api/sendImage', example('example-request-sendImage-url.json'))).status).toBe(500)
    expect((await inject({ kind: 'silent', on: 'presence' })).status).toBe(400)
    await inject({ kind: 'timeout', on: 'check-exists', hangMs: 150 })
    const started = Date.now()
    const check = await t.api(`/api/contacts/check-exists?session=${SESSION}&phone=5511988881234`)
    expect(check.status).toBe(200)
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
    await inject({ kind: 'http-error', on: 'presence', status: 502 })
    expect((await t.post('/api/startTyping', { session: SESSION, chatId: CHAT })).status).toBe(502)
  })

  it('error kinds with sent: true fail the call although WhatsApp got the message', async () => {
    await setup()
    await inject({ kind: 'http-error', sent: true })
    expect((await sendText()).status).toBe(500)
    await hook.waitFor((r) => r.body.event === 'message.any')
    expect((await sends())[CHAT]).toEqual({ calls: 1, sent: 1, failed: 0 })
  })
})

describe('session failures', () => {
  it('session-failed: FAILED at once, sends answer 422, restart brings WORKING back', async () => {
    await setup()
    expect(await (await inject({ kind: 'session-failed' })).json()).toEqual({ applied: 'session-failed' })
    const failed = await hook.waitFor((r) => r.body.payload.status === 'FAILED')
    expect(failed.body.me).toMatchObject({ id: expect.stringMatching(/@c\.us$/) })
    const response = await sendText()
    expect(response.status).toBe(422)
    expect((await response.json()).status).toBe('FAILED')
    await t.post(`/api/sessions/${SESSION}/restart`)
    await waitUntil(async () => (await t.status(SESSION)) === 'WORKING')
  })

  it('logged-out: FAILED, and a restart needs a new QR', async () => {
    await setup()
    await inject({ kind: 'logged-out' })
    await hook.waitFor((r) => r.body.payload.status === 'FAILED')
    await t.post(`/api/sessions/${SESSION}/start`)
    await waitUntil(async () => (await t.status(SESSION)) === 'SCAN_QR_CODE')
  })

  it('disconnect: WORKING → STARTING → WORKING; a send during the drop waits for it', async () => {
    await setup({ timings: { statusWaitMs: 1000 } })
    await inject({ kind: 'disconnect', durationMs: 100 })
    expect(await t.status(SESSION)).toBe('STARTING')
    expect((await sendText()).status).toBe(201)
    await hook.waitFor((r) => r.body.payload.status === 'WORKING')
    expect(hook.events('session.status').map((r) => r.body.payload.status)).toEqual(['STARTING', 'WORKING'])
  })

  it('reach-out time-lock: new contacts get 463, existing chats still work, /me shows it', async () => {
    await setup()
    expect((await sendText()).status).toBe(201)
    await t.control(`/_sim/sessions/${SESSION}/reachout-timelock`, { active: true, durationSeconds: 3600 })
    expect((await sendText('5511977776666@c.us')).status).toBe(500)
    expect((await sendText()).status).toBe(201)
    const me = await (await t.api(`/api/sessions/${SESSION}/me`)).json()
    expect(Object.keys(me).sort()).toEqual(
      Object.keys(example('example-response-sessions-me-reachout-timelock.json')).sort(),
    )
    expect(me.reachoutTimelock).toMatchObject({ isActive: true, enforcementType: 'RESTRICT_ALL_COMPANIONS' })
  })

  it('should reject unknown kinds and clear everything on reset', async () => {
    await setup()
    expect((await inject({ kind: 'banana' })).status).toBe(400)
    await inject({ kind: 'error-463', count: null })
    expect(await t.getJson(`/_sim/failures`)).toHaveLength(1)
    await t.control('/_sim/reset')
    expect(await t.getJson(`/_sim/failures`)).toEqual([])
    expect((await t.api(`/api/sessions/${SESSION}`)).status).toBe(404)
  })
})
