import { afterEach, describe, expect, it } from 'vitest'
import { startTestSim, type TestSim } from './test-support'

const SESSION = 'campanha-chats'
const CHAT = '5511988881234@c.us'
let t: TestSim
afterEach(async () => {
  await t.close()
})

const sendText = (text: string, chatId = CHAT) => t.post('/api/sendText', { session: SESSION, chatId, text })
const list = (query: string, chatId = CHAT) => t.api(`/api/${SESSION}/chats/${chatId}/messages?${query}`)

describe('GET /api/{session}/chats/{chatId}/messages', () => {
  it('lists the chat’s own messages newest first, with limit, fromMe and time filters', async () => {
    t = await startTestSim()
    await t.workingSession(SESSION)
    expect((await sendText('primeira')).status).toBe(201)
    expect((await sendText('segunda')).status).toBe(201)
    expect((await sendText('para outro', '5511988885678@c.us')).status).toBe(201)
    const all = await list('limit=10&downloadMedia=false&filter.fromMe=true')
    expect(all.status).toBe(200)
    const body = await all.json()
    expect(body.map((m: { body: string }) => m.body)).toEqual(['segunda', 'primeira'])
    expect(body[0]).toMatchObject({ fromMe: true, hasMedia: false, media: null, source: 'api' })
    expect(body[0].id).toMatch(/^true_5511988881234@c\.us_/)
    expect(typeof body[0].timestamp).toBe('number')
    expect((await (await list('limit=1')).json()).map((m: { body: string }) => m.body)).toEqual(['segunda'])
    expect(await (await list('limit=10&filter.fromMe=false')).json()).toEqual([])
    const future = Math.floor(Date.now() / 1000) + 3600
    expect(await (await list(`limit=10&filter.timestamp.gte=${future}`)).json()).toEqual([])
    const asc = await (await list('limit=10&sortOrder=asc')).json()
    expect(asc.map((m: { body: string }) => m.body)).toEqual(['primeira', 'segunda'])
  })

  it('answers an empty list for a chat it never talked to, and 400 for bad parameters', async () => {
    t = await startTestSim()
    await t.workingSession(SESSION)
    expect(await (await list('limit=10')).json()).toEqual([])
    const bad = await list('limit=abc&sortOrder=up&filter.fromMe=yes')
    expect(bad.status).toBe(400)
    expect((await bad.json()).message).toEqual([
      'limit must be a number conforming to the specified constraints',
      'sortOrder must be one of the following values: desc, asc',
      'filter.fromMe must be a boolean value',
    ])
  })

  it('needs a WORKING session and takes injected failures (on: chat-messages)', async () => {
    t = await startTestSim()
    expect((await list('limit=10')).status).toBe(404)
    await t.workingSession(SESSION)
    await sendText('oi')
    await t.control('/_sim/failures', { session: SESSION, kind: 'http-error', on: 'chat-messages', count: 1 })
    expect((await list('limit=10')).status).toBe(500)
    expect((await (await list('limit=10')).json()).map((m: { body: string }) => m.body)).toEqual(['oi'])
    await t.control('/_sim/failures', { session: SESSION, kind: 'session-failed' })
    expect((await list('limit=10')).status).toBe(422)
  })

  it('counts a message sent despite a 500 (sent: true) and not one refused before sending', async () => {
    t = await startTestSim()
    await t.workingSession(SESSION)
    await t.control('/_sim/failures', { session: SESSION, kind: 'http-error', count: 1, sent: true })
    expect((await sendText('chegou')).status).toBe(500)
    await t.control('/_sim/failures', { session: SESSION, kind: 'http-error', count: 1 })
    expect((await sendText('não chegou')).status).toBe(500)
    const body = await (await list('limit=10&filter.fromMe=true')).json()
    expect(body.map((m: { body: string }) => m.body)).toEqual(['chegou'])
  })
})
