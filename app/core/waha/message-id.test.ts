import { describe, expect, it } from 'vitest'
import { exampleJson } from '../../../tests/fixtures/waha'
import { extractMessageId, jidToChatId, parseMessageId } from './message-id'

const load = exampleJson
const EXPECTED = 'true_5511988887777@c.us_3EB0C767D26A1D2F8E4A'

describe('extractMessageId', () => {
  it.each([
    'example-response-sendText-GOWS.json',
    'example-response-sendText-NOWEB.json',
    'example-response-sendText-WEBJS.json',
  ])('should extract the id from %s', (file) => {
    expect(extractMessageId(load(file))).toBe(EXPECTED)
  })

  it('should extract the id from the GOWS sendImage response', () => {
    expect(extractMessageId(load('example-response-sendImage-GOWS.json'))).toBe(
      'true_5511988887777@c.us_3EB0A1B2C3D4E5F60718',
    )
  })

  it('should fall back to _data.id._serialized and _data.key', () => {
    expect(extractMessageId({ _data: { id: { _serialized: 'x_1' } } })).toBe('x_1')
    expect(
      extractMessageId({
        _data: { key: { remoteJid: '5511988887777@s.whatsapp.net', fromMe: true, id: 'K1' } },
      }),
    ).toBe('true_5511988887777@c.us_K1')
  })

  it('should add the participant for group keys', () => {
    const id = extractMessageId({
      key: {
        remoteJid: '120363@g.us',
        fromMe: true,
        id: 'K2',
        participant: '5511999990000:12@s.whatsapp.net',
      },
    })
    expect(id).toBe('true_120363@g.us_K2_5511999990000@c.us')
  })

  it.each([null, undefined, '', 'text', 42, [], {}, { id: '' }, { id: {} }, { key: { id: 'K' } }])(
    'should return null for %j',
    (body) => {
      expect(extractMessageId(body)).toBeNull()
    },
  )
})

describe('parseMessageId', () => {
  it('should split direct and group ids', () => {
    expect(parseMessageId(EXPECTED)).toEqual({
      fromMe: true,
      chatId: '5511988887777@c.us',
      key: '3EB0C767D26A1D2F8E4A',
      participant: null,
    })
    expect(parseMessageId('true_120363419134436559@g.us_3EB0_5511999990000@c.us')).toMatchObject({
      chatId: '120363419134436559@g.us',
      participant: '5511999990000@c.us',
    })
    expect(parseMessageId('false_214748364800017@lid_3A8E')?.chatId).toBe('214748364800017@lid')
  })

  it('should return null for other formats', () => {
    expect(parseMessageId('3EB0C767D26A1D2F8E4A')).toBeNull()
    expect(parseMessageId('maybe_x_y')).toBeNull()
  })

  it('should map internal JIDs to chat ids', () => {
    expect(jidToChatId('5511999990000:12@s.whatsapp.net')).toBe('5511999990000@c.us')
    expect(jidToChatId('123@lid')).toBe('123@lid')
  })
})
