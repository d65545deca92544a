import { afterEach, describe, expect, it } from 'vitest'
import { example, startTestSim, type TestSim } from './test-support'

let t: TestSim
afterEach(() => t.close())

const SESSION = 'campanha-loja-01'
const check = async (phone: string) => {
  const response = await t.api(`/api/contacts/check-exists?phone=${phone}&session=${SESSION}`)
  expect(response.status).toBe(200)
  return response.json()
}

describe('check-exists', () => {
  it('should know ordinary numbers, Brazilian legacy numbers (no 9th digit) and numbers not on WhatsApp', async () => {
    t = await startTestSim({ engine: 'WEBJS' })
    await t.workingSession(SESSION)
    expect(await check('5511988881234')).toEqual({ numberExists: true, chatId: '5511988881234@c.us' })
    // Ends in 7777: registered before the 9th digit, like example-response-check-exists-brazil-legacy.json.
    expect(await check('5511988887777')).toEqual(example('example-response-check-exists-brazil-legacy.json'))
    expect(await check('551188887777')).toEqual({ numberExists: true, chatId: '551188887777@c.us' })
    // Typed without the 9, but the account is a new one: WhatsApp answers the 13-digit id.
    expect(await check('551188881234')).toEqual({ numberExists: true, chatId: '5511988881234@c.us' })
    expect(await check('5511988880000')).toEqual(example('example-response-check-exists-false.json'))
    expect(await check('12345')).toEqual({ numberExists: false })
  })

  it('should fill chatId for missing numbers on GOWS, so clients must test numberExists', async () => {
    t = await startTestSim({ engine: 'GOWS' })
    await t.workingSession(SESSION)
    expect(await check('5511988880000')).toEqual({ numberExists: false, chatId: '5511988880000@c.us' })
  })

  it('should apply per-number overrides from the control API', async () => {
    t = await startTestSim()
    await t.workingSession(SESSION)
    await t.control('/_sim/registry/5511988881234', { exists: false }, 'PUT')
    await t.control('/_sim/registry/5521977771234', { legacy: true }, 'PUT')
    expect((await check('5511988881234')).numberExists).toBe(false)
    expect(await check('5521977771234')).toEqual({ numberExists: true, chatId: '552177771234@c.us' })
    await t.control('/_sim/registry/5511988881234', undefined, 'DELETE')
    expect((await check('5511988881234')).numberExists).toBe(true)
  })

  it('should need a WORKING session like every engine call', async () => {
    t = await startTestSim()
    const response = await t.api(`/api/contacts/check-exists?phone=5511988887777&session=${SESSION}`)
    expect(response.status).toBe(404)
  })
})

describe('lids', () => {
  it('should map LIDs to phone numbers both ways once WAHA has seen them', async () => {
    t = await startTestSim()
    await t.workingSession(SESSION)
    const pn = await (await t.api(`/api/${SESSION}/lids/pn/5511988887777`)).json()
    expect(pn).toEqual({ lid: expect.stringMatching(/^\d{15}@lid$/), pn: '551188887777@c.us' })
    const lidDigits = pn.lid.replace('@lid', '')
    expect(await (await t.api(`/api/${SESSION}/lids/${lidDigits}`)).json()).toEqual(pn)
    expect(await (await t.api(`/api/${SESSION}/lids/${encodeURIComponent(pn.lid)}`)).json()).toEqual(pn)
    expect(await (await t.api(`/api/${SESSION}/lids/999999999999999@lid`)).json()).toEqual({
      lid: '999999999999999@lid',
      pn: null,
    })
    expect(await (await t.api(`/api/${SESSION}/lids`)).json()).toContainEqual(pn)
    expect((await (await t.api(`/api/${SESSION}/lids/count`)).json()).count).toBeGreaterThanOrEqual(1)
  })
})
