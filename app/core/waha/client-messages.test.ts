import { describe, expect, it } from 'vitest'
import {
  refusedUrl,
  startClosingServer,
  startHtmlServer,
  startServer,
  startSilentServer,
  type TestServer,
} from '../../../tests/fixtures/test-servers'
import { exampleJson, SESSION, wahaReplayPerTest } from '../../../tests/fixtures/waha'
import type { createWahaClient } from './client'

const { waha, extra, client } = wahaReplayPerTest()
const text = exampleJson('example-request-sendText.json') as { text: string; chatId: string }
const sendText = (c = client()) => c.sendText({ session: SESSION, chatId: text.chatId, text: text.text })
const ID = 'true_5511988887777@c.us_3EB0C767D26A1D2F8E4A'
const on = async (server: Promise<TestServer>) => {
  const s = await server
  extra.push(s)
  return s.url
}

describe('sendText', () => {
  it('should send the contract body and return the GOWS message id', async () => {
    expect(await sendText()).toMatchObject({ ok: true, value: { messageId: ID } })
    expect(JSON.parse(waha.requests[0]?.body ?? '')).toEqual(exampleJson('example-request-sendText.json'))
    expect(waha.requests[0]?.headers['content-type']).toBe('application/json')
  })

  it.each(['example-response-sendText-NOWEB.json', 'example-response-sendText-WEBJS.json'])(
    'should extract the id from %s',
    async (file) => {
      waha.reply('POST', '/api/sendText', { status: 201, file })
      expect(await sendText()).toMatchObject({ ok: true, value: { messageId: ID } })
    },
  )

  it.each([
    ['an empty body', ''],
    ['a non-JSON body', 'Created'],
    ['JSON without id', '{"sent":true}'],
  ])('should accept %s as sent without id', async (_label, body) => {
    waha.reply('POST', '/api/sendText', { status: 201, body, contentType: 'text/plain' })
    expect(await sendText()).toMatchObject({ ok: true, value: { messageId: null } })
  })

  it('should refuse a malformed chat id before any request', async () => {
    const result = await client().sendText({ session: SESSION, chatId: '5511988887777', text: 'oi' })
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'invalid_number', definite: true, retryable: false },
    })
    expect(waha.requests).toHaveLength(0)
  })

  it('should refuse an empty text before any request', async () => {
    const result = await client().sendText({ session: SESSION, chatId: text.chatId, text: '  ' })
    expect(result).toMatchObject({ ok: false, error: { kind: 'bad_request' } })
    expect(waha.requests).toHaveLength(0)
  })
})

describe('send failures: definite', () => {
  it.each([
    ['example-error-422-session-not-working.json', 422, 'session_not_working', true],
    ['example-error-404-session-not-found-send.json', 404, 'not_found', true],
    ['example-error-500-gows-463.json', 500, 'reach_out_limit', true],
    ['example-error-500-rate-overlimit.json', 500, 'rate_limited', true],
    ['example-error-401-unauthorized.json', 401, 'auth', true],
    ['example-error-400-validation.json', 400, 'bad_request', false],
  ])('should classify %s as %s (definite)', async (file, status, kind, retryable) => {
    waha.reply('POST', '/api/sendText', { status: status as number, file })
    const result = await sendText()
    expect(result).toMatchObject({
      ok: false,
      error: { kind, definite: true, retryable, httpStatus: status },
    })
    if (!result.ok) expect(result.error.message.length).toBeGreaterThan(20)
  })

  it('should carry the session status of a 422', async () => {
    waha.reply('POST', '/api/sendText', { status: 422, file: 'example-error-422-session-not-working.json' })
    expect(await sendText()).toMatchObject({
      ok: false,
      error: { sessionStatus: 'STARTING', expected: ['WORKING'] },
    })
  })

  it('should carry the 463 code', async () => {
    waha.reply('POST', '/api/sendText', { status: 500, file: 'example-error-500-gows-463.json' })
    expect(await sendText()).toMatchObject({ ok: false, error: { code: 463, lockedUntil: null } })
  })

  it('should classify a number WhatsApp does not know as invalid_number', async () => {
    waha.reply('POST', '/api/sendText', {
      status: 500,
      body: '{"statusCode":500,"exception":{"message":"Error: No LID for user"}}',
    })
    expect(await sendText()).toMatchObject({ ok: false, error: { kind: 'invalid_number', definite: true } })
  })

  it('should classify connection refused as network (definite)', async () => {
    const result = await sendText(client({ baseUrl: await refusedUrl() }))
    expect(result).toMatchObject({ ok: false, error: { kind: 'network', definite: true, retryable: true } })
  })

  it('should classify an HTML 404 from a proxy as unexpected_response (definite)', async () => {
    const url = await on(startHtmlServer(404))
    expect(await sendText(client({ baseUrl: url }))).toMatchObject({
      ok: false,
      error: { kind: 'unexpected_response', definite: true },
    })
  })

  it('should classify Cloudflare 523 as network (origin never reached)', async () => {
    waha.reply('POST', '/api/sendText', { status: 523, body: '<html>523</html>', contentType: 'text/html' })
    expect(await sendText()).toMatchObject({ ok: false, error: { kind: 'network', definite: true } })
  })
})

describe('send failures: ambiguous (never resend)', () => {
  it('should treat a timeout as ambiguous', async () => {
    const url = await on(startSilentServer())
    const result = await sendText(client({ baseUrl: url, timeoutMs: 150 }))
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'ambiguous', cause: 'timeout', definite: false },
    })
    if (!result.ok) expect(result.error.message).toMatch(/não será reenviada/)
  })

  it('should treat a connection closed before the answer as ambiguous', async () => {
    const url = await on(startClosingServer())
    expect(await sendText(client({ baseUrl: url }))).toMatchObject({
      ok: false,
      error: { kind: 'ambiguous', cause: 'connection_lost', retryable: false },
    })
  })

  it.each([
    [500, '{"statusCode":500,"exception":{"message":"socket hang up"}}', 'application/json'],
    [502, '<html>Bad Gateway</html>', 'text/html'],
    [504, '', 'text/plain'],
    [503, 'Service Unavailable', 'text/plain'],
  ])('should treat HTTP %i as ambiguous', async (status, body, contentType) => {
    waha.reply('POST', '/api/sendText', { status, body, contentType })
    expect(await sendText()).toMatchObject({ ok: false, error: { kind: 'ambiguous', cause: 'server_error' } })
  })

  it('should treat a 200 HTML page as ambiguous', async () => {
    const url = await on(startHtmlServer(200))
    expect(await sendText(client({ baseUrl: url }))).toMatchObject({
      ok: false,
      error: { kind: 'ambiguous', cause: 'unexpected_body' },
    })
  })

  it('should count a 201 whose body is cut as sent, without id', async () => {
    const url = await on(
      startServer((_req, res, socket) => {
        res.writeHead(201, { 'content-type': 'application/json', 'content-length': '200' })
        res.write('{"id":"true_55')
        setTimeout(() => socket.destroy(), 20)
      }),
    )
    expect(await sendText(client({ baseUrl: url }))).toMatchObject({ ok: true, value: { messageId: null } })
  })
})

describe('sendImage', () => {
  it('should send a URL image with the contract body', async () => {
    const body = exampleJson('example-request-sendImage-url.json') as Parameters<
      ReturnType<typeof createWahaClient>['sendImage']
    >[0]
    const result = await client().sendImage(body)
    expect(result).toMatchObject({
      ok: true,
      value: { messageId: 'true_5511988887777@c.us_3EB0A1B2C3D4E5F60718' },
    })
    expect(JSON.parse(waha.requests[0]?.body ?? '')).toEqual(body)
  })

  it('should send base64 and strip a data: prefix', async () => {
    const body = exampleJson('example-request-sendImage-base64.json') as {
      session: string
      chatId: string
      caption: string
      file: { mimetype: string; filename: string; data: string }
    }
    await client().sendImage({
      ...body,
      file: { ...body.file, data: `data:image/png;base64,${body.file.data}` },
    })
    expect(JSON.parse(waha.requests[0]?.body ?? '')).toEqual(body)
  })

  it('should refuse an empty or non-image file before any request', async () => {
    const c = client()
    const base = { session: SESSION, chatId: text.chatId }
    expect(await c.sendImage({ ...base, file: { mimetype: 'image/png', data: '' } })).toMatchObject({
      ok: false,
    })
    expect(
      await c.sendImage({ ...base, file: { mimetype: 'text/html', url: 'https://x.com/a' } }),
    ).toMatchObject({
      ok: false,
      error: { kind: 'bad_request' },
    })
    expect(waha.requests).toHaveLength(0)
  })
})

describe('seen, typing, number checks', () => {
  it('should send sendSeen and typing with the contract bodies', async () => {
    const c = client()
    const seen = exampleJson('example-request-sendSeen.json') as {
      session: string
      chatId: string
      messageIds: string[]
    }
    expect(await c.sendSeen(seen)).toEqual({ ok: true, value: null })
    expect(JSON.parse(waha.requests[0]?.body ?? '')).toEqual(seen)
    const typing = exampleJson('example-request-startTyping.json') as { session: string; chatId: string }
    expect(await c.startTyping(typing)).toEqual({ ok: true, value: null })
    expect(await c.stopTyping(typing)).toEqual({ ok: true, value: null })
    expect(JSON.parse(waha.requests[1]?.body ?? '')).toEqual(typing)
    expect(waha.requests.map((r) => r.path)).toEqual(['/api/sendSeen', '/api/startTyping', '/api/stopTyping'])
  })

  it('should check a number with phone and session in the query', async () => {
    const result = await client().checkExists(SESSION, '+5511988887777')
    expect(result).toEqual({ ok: true, value: { numberExists: true, chatId: '5511988887777@c.us' } })
    expect(waha.requests[0]?.path).toBe(`/api/contacts/check-exists?phone=5511988887777&session=${SESSION}`)
  })

  it('should return the legacy Brazilian chat id and a missing number', async () => {
    waha.reply('GET', '/api/contacts/check-exists', {
      status: 200,
      file: 'example-response-check-exists-brazil-legacy.json',
    })
    expect(await client().checkExists(SESSION, '+5511988887777')).toMatchObject({
      ok: true,
      value: { chatId: '551188887777@c.us' },
    })
    waha.reply('GET', '/api/contacts/check-exists', {
      status: 200,
      file: 'example-response-check-exists-false.json',
    })
    expect(await client().checkExists(SESSION, '+5511988887777')).toEqual({
      ok: true,
      value: { numberExists: false, chatId: null },
    })
  })

  it('should ignore a chatId that comes with numberExists false', async () => {
    waha.reply('GET', '/api/contacts/check-exists', {
      status: 200,
      body: '{"numberExists":false,"chatId":"55@c.us"}',
    })
    expect(await client().checkExists(SESSION, '5511988887777')).toMatchObject({ value: { chatId: null } })
  })

  it('should classify rate-overlimit on check-exists and refuse bad phones', async () => {
    waha.reply('GET', '/api/contacts/check-exists', {
      status: 500,
      file: 'example-error-500-rate-overlimit.json',
    })
    expect(await client().checkExists(SESSION, '5511988887777')).toMatchObject({
      ok: false,
      error: { kind: 'rate_limited' },
    })
    expect(await client().checkExists(SESSION, '123')).toMatchObject({
      ok: false,
      error: { kind: 'invalid_number' },
    })
  })

  it('should resolve a LID to a phone chat id', async () => {
    expect(await client().lidToPhone(SESSION, '214748364800017@lid')).toEqual({
      ok: true,
      value: { lid: '214748364800017@lid', pn: '5511988887777@c.us' },
    })
    expect(waha.requests[0]?.path).toBe(`/api/${SESSION}/lids/214748364800017@lid`)
    await client().phoneToLid(SESSION, '+55 11 98888-7777')
    expect(waha.requests[1]?.path).toBe(`/api/${SESSION}/lids/pn/5511988887777`)
  })
})

describe('chatMessages', () => {
  const CHAT = '5511988887777@c.us'
  const path = `/api/${SESSION}/chats/${CHAT}/messages`
  const listing = JSON.stringify([
    (exampleJson('example-webhook-message.any.json') as { payload: unknown }).payload,
  ])

  it('should ask for our own messages since an instant, newest first, without media', async () => {
    waha.reply('GET', path, { status: 200, body: listing })
    const result = await client().chatMessages(SESSION, CHAT, {
      limit: 50,
      fromMe: true,
      sinceSeconds: 1784552000,
    })
    expect(result).toMatchObject({
      ok: true,
      value: [
        {
          id: 'true_5511988887777@c.us_3EB0C767D26A1D2F8E4A',
          timestamp: 1784552400,
          fromMe: true,
          hasMedia: false,
          ack: 1,
        },
      ],
    })
    const url = new URL(waha.requests[0]?.path ?? '', 'http://x')
    expect(url.pathname).toBe(path)
    expect(Object.fromEntries(url.searchParams)).toEqual({
      limit: '50',
      downloadMedia: 'false',
      sortBy: 'timestamp',
      sortOrder: 'desc',
      'filter.fromMe': 'true',
      'filter.timestamp.gte': '1784552000',
    })
  })

  it('should report errors and answers that are not a list of messages', async () => {
    waha.reply('GET', path, {
      status: 500,
      body: '{"statusCode":500,"exception":{"message":"store disabled"}}',
    })
    expect((await client().chatMessages(SESSION, CHAT, { limit: 10 })).ok).toBe(false)
    waha.reply('GET', path, { status: 200, body: '{"messages":[]}' })
    expect(await client().chatMessages(SESSION, CHAT, { limit: 10 })).toMatchObject({
      ok: false,
      error: { kind: 'unexpected_response' },
    })
  })

  it('should refuse a group or malformed chat id before any request', async () => {
    expect(await client().chatMessages(SESSION, '123@g.us', { limit: 10 })).toMatchObject({
      ok: false,
      error: { kind: 'invalid_number' },
    })
    expect(waha.requests).toHaveLength(0)
  })
})
