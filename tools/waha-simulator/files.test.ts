import { afterEach, describe, expect, it } from 'vitest'
import { parseWahaEvent } from '../../app/core/waha/webhook'
import { startReceiver, startTestSim, type TestSim } from './test-support'

const SESSION = 'campanha-loja-01'
let t: TestSim
let hook: Awaited<ReturnType<typeof startReceiver>>
afterEach(async () => {
  await t?.close()
  await hook?.close()
})

const OGG = Uint8Array.from([0x4f, 0x67, 0x67, 0x53, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3])

describe('a contact sends a file', () => {
  it('should put WAMedia in the message event and serve the file under /api/files behind the API key', async () => {
    hook = await startReceiver()
    t = await startTestSim()
    await t.workingSession(SESSION, { webhooks: [{ url: hook.url, events: ['message'] }] }, '5511999990000')
    const res = await t.control(`/_sim/sessions/${SESSION}/reply`, {
      from: '5511988881234',
      media: { mimetype: 'audio/ogg; codecs=opus', base64: Buffer.from(OGG).toString('base64') },
    })
    expect(res.status).toBe(201)
    const event = await hook.waitFor((r) => r.body.event === 'message')
    const payload = event.body.payload as { hasMedia: boolean; body: string; media: { url: string } }
    expect(payload).toMatchObject({
      hasMedia: true,
      body: '',
      media: { mimetype: 'audio/ogg; codecs=opus', filename: null, error: null },
    })
    expect(payload.media.url).toMatch(/\/api\/files\/campanha-loja-01\/false_.+\.oga$/)
    const parsed = parseWahaEvent(event.body)
    expect(parsed).toMatchObject({ ok: true, event: { type: 'message' } })
    const path = new URL(payload.media.url).pathname
    expect((await fetch(`${t.url}${path}`)).status).toBe(401)
    const file = await t.api(path)
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toBe('audio/ogg; codecs=opus')
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(OGG)
    expect((await t.api(`/api/files/${SESSION}/nada.oga`)).status).toBe(404)
  })

  it('should refuse a file without mimetype or bytes', async () => {
    t = await startTestSim()
    await t.workingSession(SESSION, {}, '5511999990000')
    const res = await t.control(`/_sim/sessions/${SESSION}/reply`, {
      from: '5511988881234',
      media: { base64: 'AAAA' },
    })
    expect(res.status).toBe(400)
  })
})
