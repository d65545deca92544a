import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { example, shapeOf, startTestSim, type TestSim } from './test-support'

let t: TestSim
afterEach(() => t.close())

const SESSION = 'campanha-loja-01'
const sendText = (overrides = {}) =>
  t.post('/api/sendText', { ...example('example-request-sendText.json'), ...overrides })

describe('sendText', () => {
  for (const engine of ['GOWS', 'NOWEB', 'WEBJS'] as const) {
    it(`should answer 201 shaped like the ${engine} example`, async () => {
      t = await startTestSim({ engine })
      await t.workingSession(SESSION, undefined, '5511999990000')
      const response = await sendText()
      expect(response.status).toBe(201)
      const body = await response.json()
      expect(shapeOf(body)).toEqual(shapeOf(example(`example-response-sendText-${engine}.json`)))
      const id: string =
        typeof body.id === 'string'
          ? body.id
          : (body.id?._serialized ?? `true_5511988887777@c.us_${body.key.id}`)
      expect(id).toMatch(/^true_5511988887777@c\.us_3EB0[0-9A-F]{16}$/)
    })
  }

  it('should use the engine chosen for one session through the control API', async () => {
    t = await startTestSim()
    await t.control(`/_sim/sessions/${SESSION}/engine`, { engine: 'NOWEB' }, 'PUT')
    await t.workingSession(SESSION)
    const body = await (await sendText()).json()
    expect(body.key.remoteJid).toBe('5511988887777@s.whatsapp.net')
    expect((await (await t.api(`/api/sessions/${SESSION}`)).json()).engine).toEqual({ engine: 'NOWEB' })
  })

  it('should wait, then answer 422 while the session is not WORKING, and 404 when it is not running', async () => {
    t = await startTestSim({ timings: { startDelayMs: 10_000, statusWaitMs: 150 } })
    await t.post('/api/sessions', { name: SESSION, start: true })
    const started = Date.now()
    const response = await sendText()
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
    expect(response.status).toBe(422)
    expect(await response.json()).toEqual(example('example-error-422-session-not-working.json'))
    const missing = await sendText({ session: 'campanha-loja-99' })
    expect(missing.status).toBe(404)
    expect(await missing.json()).toEqual(example('example-error-404-session-not-found-send.json'))
    await t.post(`/api/sessions/${SESSION}/stop`)
    expect((await sendText()).status).toBe(404)
  })

  it('should validate required fields like class-validator', async () => {
    t = await startTestSim()
    const response = await t.post('/api/sendText', { session: SESSION })
    expect(response.status).toBe(400)
    expect((await response.json()).message).toEqual(['chatId must be a string', 'text must be a string'])
  })

  it('should count every send call per chat for /_sim/sends', async () => {
    t = await startTestSim()
    await t.workingSession(SESSION)
    await sendText()
    await sendText()
    await sendText({ chatId: '5511977776666@c.us' })
    const sends = await t.getJson(`/_sim/sends?session=${SESSION}`)
    expect(sends.total).toBe(3)
    expect(sends.byChat).toEqual({
      '5511988887777@c.us': { calls: 2, sent: 2, failed: 0 },
      '5511977776666@c.us': { calls: 1, sent: 1, failed: 0 },
    })
  })
})

describe('sendImage', () => {
  it('should take base64 files and answer like the GOWS example', async () => {
    t = await startTestSim()
    await t.workingSession(SESSION)
    const response = await t.post('/api/sendImage', example('example-request-sendImage-base64.json'))
    expect(response.status).toBe(201)
    const body = await response.json()
    expect(shapeOf(body)).toEqual(shapeOf(example('example-response-sendImage-GOWS.json')))
    expect(body._data.imageMessage).toEqual({ mimetype: 'image/png', caption: 'Imagem de teste' })
    const [message] = await t.getJson(`/_sim/messages?session=${SESSION}`)
    expect(message.media).toMatchObject({ source: 'base64', mimetype: 'image/png', size: 69 })
  })

  it('should download a media URL (so signed URLs are exercised) and fail like WAHA when it cannot', async () => {
    t = await startTestSim()
    await t.workingSession(SESSION)
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4])
    const paths: string[] = []
    const media = createServer((req, res) => {
      paths.push(req.url ?? '')
      if (req.url?.includes('sig=ok')) res.writeHead(200, { 'content-type': 'image/jpeg' }).end(jpeg)
      else res.writeHead(403).end('expired')
    })
    await new Promise<void>((resolve) => media.listen(0, '127.0.0.1', resolve))
    const base = `http://127.0.0.1:${(media.address() as AddressInfo).port}/media/julho.jpg`
    const request = example('example-request-sendImage-url.json')
    const ok = await t.post('/api/sendImage', {
      ...request,
      file: { ...request.file, url: `${base}?sig=ok` },
    })
    expect(ok.status).toBe(201)
    const [message] = await t.getJson(`/_sim/messages?session=${SESSION}`)
    expect(message.media).toMatchObject({ source: 'url', size: jpeg.length, contentType: 'image/jpeg' })
    const stored = await fetch(`${t.url}/_sim/media/${encodeURIComponent(message.id)}`)
    expect(Buffer.from(await stored.arrayBuffer())).toEqual(jpeg)

    const expired = await t.post('/api/sendImage', {
      ...request,
      file: { ...request.file, url: `${base}?sig=old` },
    })
    expect(expired.status).toBe(500)
    expect((await expired.json()).exception).toMatchObject({ message: 'Request failed with status code 403' })
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const closedPort = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    const refused = await t.post('/api/sendImage', {
      ...request,
      file: { ...request.file, url: `http://127.0.0.1:${closedPort}/x.jpg` },
    })
    expect(refused.status).toBe(500)
    expect((await refused.json()).exception.message).toMatch(/ECONNREFUSED/)
    expect(paths).toEqual(['/media/julho.jpg?sig=ok', '/media/julho.jpg?sig=old'])
    const sends = await t.getJson(`/_sim/sends`)
    expect(sends.byChat['5511988887777@c.us']).toEqual({ calls: 3, sent: 1, failed: 2 })
    await new Promise((resolve) => media.close(resolve))
  })
})

describe('sendSeen and typing', () => {
  it('should answer 201 and record the calls', async () => {
    t = await startTestSim()
    await t.workingSession(SESSION)
    expect((await t.post('/api/sendSeen', example('example-request-sendSeen.json'))).status).toBe(201)
    const typing = await t.post('/api/startTyping', example('example-request-startTyping.json'))
    expect(typing.status).toBe(201)
    expect(await typing.text()).toBe('')
    expect((await t.post('/api/stopTyping', example('example-request-startTyping.json'))).status).toBe(201)
    const { calls, total } = await t.getJson(`/_sim/sends`)
    expect(calls.map((c: { endpoint: string }) => c.endpoint)).toEqual([
      'sendSeen',
      'startTyping',
      'stopTyping',
    ])
    expect(total).toBe(0)
  })
})
