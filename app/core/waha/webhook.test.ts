import { readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { exampleJson, exampleText, WAHA_EXAMPLES_DIR } from '../../../tests/fixtures/waha'
import { normaliseAck, parseWahaEvent, parseWahaEventText, verifyWebhookHmac } from './webhook'

type Vector = { key: string; body: string; hmac: string }
const vectors = exampleJson('example-webhook-hmac-test-vectors.json') as Vector[]
const delivery = exampleJson('example-webhook-delivery.json') as {
  headers: Record<string, string>
  hmacKey: string
  body: string
}

describe('verifyWebhookHmac', () => {
  it.each(vectors.map((v, i) => [i, v] as const))('should accept test vector %i', async (_i, v) => {
    expect(await verifyWebhookHmac(v.body, v.hmac, v.key)).toBe(true)
    const bytes = new TextEncoder().encode(v.body)
    expect(await verifyWebhookHmac(bytes, v.hmac, v.key)).toBe(true)
    expect(await verifyWebhookHmac(bytes.buffer, v.hmac.toUpperCase(), v.key)).toBe(true)
  })

  it('should accept the recorded delivery with its header', async () => {
    expect(
      await verifyWebhookHmac(delivery.body, delivery.headers['X-Webhook-Hmac'] ?? null, delivery.hmacKey),
    ).toBe(true)
  })

  it('should reject a changed body, a wrong key, and bad or missing headers', async () => {
    const v = vectors[0]!
    expect(await verifyWebhookHmac(`${v.body} `, v.hmac, v.key)).toBe(false)
    expect(await verifyWebhookHmac(v.body, v.hmac, 'other-key')).toBe(false)
    expect(await verifyWebhookHmac(v.body, null, v.key)).toBe(false)
    expect(await verifyWebhookHmac(v.body, '', v.key)).toBe(false)
    expect(await verifyWebhookHmac(v.body, v.hmac.slice(0, 127), v.key)).toBe(false)
    expect(await verifyWebhookHmac(v.body, `${v.hmac.slice(0, 127)}g`, v.key)).toBe(false)
    expect(await verifyWebhookHmac(v.body, `sha512=${v.hmac}`, v.key)).toBe(false)
    expect(await verifyWebhookHmac(v.body, v.hmac, '')).toBe(false)
  })

  it('should verify the exact bytes, not a re-serialisation', async () => {
    const v = vectors[1]!
    const reserialised = JSON.stringify(JSON.parse(v.body), null, 2)
    expect(await verifyWebhookHmac(reserialised, v.hmac, v.key)).toBe(false)
  })
})

const webhookFiles = readdirSync(WAHA_EXAMPLES_DIR).filter(
  (f) => f.startsWith('example-webhook-') && !f.includes('hmac') && !f.includes('delivery'),
)

describe('parseWahaEvent', () => {
  it('should find all the webhook examples', () => {
    expect(webhookFiles.length).toBeGreaterThanOrEqual(13)
  })

  it.each(webhookFiles)('should parse %s', (file) => {
    const json = exampleJson(file) as { event: string; id: string; session: string }
    const result = parseWahaEvent(json)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.event.envelope).toMatchObject({ id: json.id, session: json.session, event: json.event })
    const used = ['session.status', 'message', 'message.any', 'message.ack', 'message.ack.group']
    expect(result.event.type).toBe(used.includes(json.event) ? json.event : 'ignored')
  })

  it('should parse the recorded delivery body', () => {
    const result = parseWahaEventText(delivery.body)
    expect(result).toMatchObject({
      ok: true,
      event: { type: 'message.ack', ack: { ackName: 'READ', ack: 3 } },
    })
  })

  it('should read session.status with and without me', () => {
    const failed = parseWahaEvent(exampleJson('example-webhook-session.status-FAILED.json'))
    expect(failed).toMatchObject({ ok: true, event: { type: 'session.status', status: 'FAILED' } })
    const qr = parseWahaEvent(exampleJson('example-webhook-session.status-SCAN_QR_CODE.json'))
    expect(qr).toMatchObject({ ok: true, event: { status: 'SCAN_QR_CODE', envelope: { me: null } } })
    if (qr.ok && qr.event.type === 'session.status') expect(qr.event.statuses).toHaveLength(3)
  })

  it('should read an incoming opt-out message', () => {
    const result = parseWahaEvent(exampleJson('example-webhook-message.json'))
    expect(result).toMatchObject({
      ok: true,
      event: {
        type: 'message',
        envelope: { metadata: { 'tenant.id': 't_123' }, engine: 'GOWS' },
        message: {
          body: 'SAIR',
          fromMe: false,
          chatId: '5511988887777@c.us',
          senderId: '5511988887777@c.us',
          senderIsLid: false,
          isGroup: false,
          replyToId: null,
        },
      },
    })
  })

  it('should flag @lid senders', () => {
    const result = parseWahaEvent(exampleJson('example-webhook-message-lid.json'))
    expect(result).toMatchObject({
      ok: true,
      event: {
        message: { senderId: '214748364800017@lid', senderIsLid: true, chatId: '214748364800017@lid' },
      },
    })
  })

  it('should read own messages from message.any with the recipient chat', () => {
    const result = parseWahaEvent(exampleJson('example-webhook-message.any.json'))
    expect(result).toMatchObject({
      ok: true,
      event: {
        type: 'message.any',
        message: {
          id: 'true_5511988887777@c.us_3EB0C767D26A1D2F8E4A',
          fromMe: true,
          source: 'api',
          chatId: '5511988887777@c.us',
          senderId: '5511999990000@c.us',
          ackName: 'SERVER',
        },
      },
    })
  })

  it.each([
    ['example-webhook-message.ack.json', 3, 'READ'],
    ['example-webhook-message.ack-DEVICE.json', 2, 'DEVICE'],
    ['example-webhook-message.ack-ERROR.json', -1, 'ERROR'],
    ['example-webhook-message.ack-SERVER-NOWEB.json', 1, 'SERVER'],
    ['example-webhook-message.ack-WEBJS.json', 2, 'DEVICE'],
  ])('should read %s as ack %i %s with the recipient chat', (file, ack, ackName) => {
    const result = parseWahaEvent(exampleJson(file))
    expect(result).toMatchObject({
      ok: true,
      event: {
        type: 'message.ack',
        ack: {
          messageId: 'true_5511988887777@c.us_3EB0C767D26A1D2F8E4A',
          chatId: '5511988887777@c.us',
          ack,
          ackName,
        },
      },
    })
  })

  it('should read group acks with the participant', () => {
    const result = parseWahaEvent(exampleJson('example-webhook-message.ack.group.json'))
    expect(result).toMatchObject({
      ok: true,
      event: {
        type: 'message.ack.group',
        ack: { chatId: '120363419134436559@g.us', participant: '214748364800017@lid' },
      },
    })
  })

  it('should tolerate WEBJS own messages (from = me, to = chat) and string acks', () => {
    const json = exampleJson('example-webhook-message.any.json') as { payload: Record<string, unknown> }
    json.payload.from = '5511999990000@c.us'
    json.payload.to = '5511988887777@c.us'
    json.payload.ack = '2'
    delete json.payload.ackName
    const result = parseWahaEvent(json)
    expect(result).toMatchObject({
      ok: true,
      event: { message: { chatId: '5511988887777@c.us', ack: 2, ackName: 'DEVICE' } },
    })
  })

  it('should tolerate a missing metadata, engine and odd me', () => {
    const json = exampleJson('example-webhook-message.ack.json') as Record<string, unknown>
    delete json.metadata
    delete json.engine
    json.me = 'weird'
    expect(parseWahaEvent(json)).toMatchObject({
      ok: true,
      event: { envelope: { metadata: {}, me: null, engine: null } },
    })
  })

  it.each([
    ['null', null],
    ['a string', 'x'],
    ['no event', { session: 's', payload: {} }],
    ['no session', { event: 'message', payload: {} }],
    ['a message without id', { event: 'message', session: 's', payload: { from: 'x' } }],
    ['an ack without id', { event: 'message.ack', session: 's', payload: { ack: 3 } }],
    ['a status without status', { event: 'session.status', session: 's', payload: { name: 's' } }],
  ])('should refuse %s with a message', (_label, json) => {
    const result = parseWahaEvent(json)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.message).toMatch(/inválido/)
  })

  it('should refuse a body that is not JSON', () => {
    expect(parseWahaEventText('<html>')).toMatchObject({ ok: false })
  })

  it('should keep the raw text test helper exact', () => {
    expect(exampleText('example-webhook-message.json')).toContain('"SAIR"')
  })
})

describe('normaliseAck', () => {
  it('should map numbers, names and unknown values', () => {
    expect(normaliseAck(4, null)).toEqual({ ack: 4, ackName: 'PLAYED' })
    expect(normaliseAck(null, 'read')).toEqual({ ack: 3, ackName: 'READ' })
    expect(normaliseAck(7, 'WHATEVER')).toEqual({ ack: 7, ackName: 'UNKNOWN' })
    expect(normaliseAck(null, null)).toEqual({ ack: null, ackName: 'UNKNOWN' })
  })
})

describe('poll.vote and poll.vote.failed (decision 038)', () => {
  // WAHA's docs (how-to/polls): the vote from the person, the poll as we sent it; timestamp in seconds.
  const body = (event: string, selected: string[], extra: Record<string, unknown> = {}) => ({
    id: 'evt_01k0nr0pw0aaaaaaaaaaaaaaaa',
    timestamp: 1692861427000,
    event,
    session: 'default',
    engine: 'NOWEB',
    payload: {
      vote: {
        id: 'false_5511988881234@c.us_83ACBE602A05C79B234B54415E95EE8A',
        to: 'me',
        from: '5511988881234@c.us',
        fromMe: false,
        selectedOptions: selected,
        timestamp: 1692861427,
        ...extra,
      },
      poll: {
        id: 'true_5511988881234@c.us_BAE5F2EF5C69001E',
        to: '5511988881234@c.us',
        from: 'me',
        fromMe: true,
      },
    },
  })

  it('should read the vote, the poll id, the voter and the time in ms', () => {
    const parsed = parseWahaEvent(body('poll.vote', ['Manhã', 'Tarde']))
    expect(parsed).toMatchObject({
      ok: true,
      event: {
        type: 'poll.vote',
        vote: {
          pollId: 'true_5511988881234@c.us_BAE5F2EF5C69001E',
          pollFromMe: true,
          voterId: '5511988881234@c.us',
          selected: ['Manhã', 'Tarde'],
          votedAt: 1692861427000,
        },
      },
    })
  })

  it('should take a group participant as the voter, ms timestamps as they are, and no options on failed', () => {
    const group = parseWahaEvent(body('poll.vote', [], { participant: '123@lid', timestamp: 1692861427123 }))
    expect(group).toMatchObject({ ok: true, event: { vote: { voterId: '123@lid', votedAt: 1692861427123 } } })
    const failed = parseWahaEvent(body('poll.vote.failed', ['x']))
    expect(failed).toMatchObject({ ok: true, event: { type: 'poll.vote.failed', vote: { selected: [] } } })
    const broken = parseWahaEvent({ ...body('poll.vote', []), payload: { vote: {} } })
    expect(broken.ok).toBe(false)
  })
})
