import { afterEach, describe, expect, it } from 'vitest'
import { example, startTestSim, type TestSim, waitUntil } from './test-support'

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
let t: TestSim
afterEach(() => t.close())

async function qrSession(options = {}) {
  t = await startTestSim(options)
  await t.post('/api/sessions', { name: 'campanha-loja-01', start: true })
  await waitUntil(async () => (await t.status('campanha-loja-01')) === 'SCAN_QR_CODE')
}

describe('QR code', () => {
  it('should answer a binary PNG by default and for Accept: application/json, */*', async () => {
    await qrSession()
    for (const accept of [undefined, 'application/json, */*']) {
      const response = await t.api('/api/campanha-loja-01/auth/qr', { headers: accept ? { accept } : {} })
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe('image/png')
      expect([...new Uint8Array(await response.arrayBuffer()).slice(0, 8)]).toEqual(PNG_SIGNATURE)
    }
  })

  it('should answer base64 JSON only for the exact Accept: application/json, and {value} for format=raw', async () => {
    await qrSession()
    const json = await (
      await t.api('/api/campanha-loja-01/auth/qr?format=image', { headers: { accept: 'application/json' } })
    ).json()
    expect(Object.keys(json).sort()).toEqual(
      Object.keys(example('example-response-auth-qr-base64.json')).sort(),
    )
    expect(json.mimetype).toBe('image/png')
    expect([...Buffer.from(json.data, 'base64').subarray(0, 8)]).toEqual(PNG_SIGNATURE)
    const raw = await (await t.api('/api/campanha-loja-01/auth/qr?format=raw')).json()
    expect(raw).toEqual({ value: expect.stringMatching(/^2@[^,]+,[^,]+=,[^,]+=,[^,]+=$/) })
  })

  it('should rotate the QR value and re-emit SCAN_QR_CODE', async () => {
    await qrSession({ timings: { qrRotateMs: 30 } })
    const value = async () => (await (await t.api('/api/campanha-loja-01/auth/qr?format=raw')).json()).value
    const first = await value()
    await waitUntil(async () => (await value()) !== first, 'a new QR value')
  })

  it('should answer 422 with the example body when the session is not in SCAN_QR_CODE', async () => {
    await qrSession()
    await t.control('/_sim/sessions/campanha-loja-01/scan')
    await waitUntil(async () => (await t.status('campanha-loja-01')) === 'WORKING')
    const response = await t.api('/api/campanha-loja-01/auth/qr')
    expect(response.status).toBe(422)
    expect(await response.json()).toEqual(example('example-error-422-qr-wrong-status.json'))
    const unknown = await t.api('/api/campanha-loja-99/auth/qr')
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toEqual(example('example-error-404-session-not-found-send.json'))
  })
})

describe('pairing code', () => {
  it('should answer a code in SCAN_QR_CODE and pair the requested number when confirmed', async () => {
    await qrSession()
    const response = await t.post(
      '/api/campanha-loja-01/auth/request-code',
      example('example-request-auth-request-code.json'),
    )
    expect(response.status).toBe(201)
    expect(await response.json()).toEqual({ code: expect.stringMatching(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/) })
    await t.control('/_sim/sessions/campanha-loja-01/scan')
    await waitUntil(async () => (await t.status('campanha-loja-01')) === 'WORKING')
    expect((await (await t.api('/api/sessions/campanha-loja-01/me')).json()).id).toBe('5511999990000@c.us')
    const again = await t.post('/api/campanha-loja-01/auth/request-code', { phoneNumber: '5511999990000' })
    expect(again.status).toBe(422)
    expect(await again.json()).toEqual({
      ...example('example-error-422-request-code-wrong-status.json'),
      message: 'Can request code only in SCAN_QR_CODE status. The current status is WORKING',
    })
  })
})
