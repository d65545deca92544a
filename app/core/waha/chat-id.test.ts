import { describe, expect, it } from 'vitest'
import { brazilPhoneVariants, canonicalPhone, samePhone } from '../phone/ninth-digit'
import { chatIdKind, chatIdToPhone, chatIdVariants, isSendableChatId, phoneToChatId } from './chat-id'

describe('phoneToChatId', () => {
  it('should turn an E.164 phone into a @c.us chat id', () => {
    expect(phoneToChatId('+5511987654321')).toBe('5511987654321@c.us')
    expect(phoneToChatId(' +14155550123 ')).toBe('14155550123@c.us')
  })

  it.each(['5511987654321', '+55 11 98765-4321', '+0511987654321', '+123', '', '+5511987654321999999'])(
    'should refuse %j',
    (phone) => {
      expect(phoneToChatId(phone)).toBeNull()
    },
  )
})

describe('chatIdToPhone', () => {
  it('should read @c.us and @s.whatsapp.net ids (with device suffix)', () => {
    expect(chatIdToPhone('5511987654321@c.us')).toBe('+5511987654321')
    expect(chatIdToPhone('5511999990000:12@s.whatsapp.net')).toBe('+5511999990000')
  })

  it.each(['214748364800017@lid', '120363419134436559@g.us', 'status@broadcast', 'abc@c.us', ''])(
    'should return null for %j',
    (id) => {
      expect(chatIdToPhone(id)).toBeNull()
    },
  )
})

describe('chatIdKind', () => {
  it('should classify every suffix', () => {
    expect(chatIdKind('5511987654321@c.us')).toBe('user')
    expect(chatIdKind('5511987654321:3@s.whatsapp.net')).toBe('user')
    expect(chatIdKind('214748364800017@lid')).toBe('lid')
    expect(chatIdKind('120363419134436559@g.us')).toBe('group')
    expect(chatIdKind('1203634@newsletter')).toBe('newsletter')
    expect(chatIdKind('status@broadcast')).toBe('broadcast')
    expect(chatIdKind('oops')).toBe('unknown')
  })

  it('should only allow sending to @c.us and @lid', () => {
    expect(isSendableChatId('5511987654321@c.us')).toBe(true)
    expect(isSendableChatId('214748364800017@lid')).toBe(true)
    expect(isSendableChatId('5511987654321@s.whatsapp.net')).toBe(false)
    expect(isSendableChatId('120363419134436559@g.us')).toBe(false)
    expect(isSendableChatId('5511987654321')).toBe(false)
  })
})

describe('Brazil 9th digit', () => {
  it('should list both forms of a mobile, the given one first', () => {
    expect(brazilPhoneVariants('+5511988887777')).toEqual(['+5511988887777', '+551188887777'])
    expect(brazilPhoneVariants('+551188887777')).toEqual(['+551188887777', '+5511988887777'])
    expect(chatIdVariants('+5511988887777')).toEqual(['5511988887777@c.us', '551188887777@c.us'])
  })

  it('should leave landlines and foreign numbers alone', () => {
    expect(brazilPhoneVariants('+551133334444')).toEqual(['+551133334444'])
    expect(brazilPhoneVariants('+14155550123')).toEqual(['+14155550123'])
    expect(brazilPhoneVariants('+5511912345678')).toEqual(['+5511912345678'])
  })

  it('should match the legacy chat id from check-exists to the contact phone', () => {
    const legacy = chatIdToPhone('551188887777@c.us')!
    expect(canonicalPhone(legacy)).toBe('+5511988887777')
    expect(samePhone(legacy, '+5511988887777')).toBe(true)
    expect(samePhone('+551133334444', '+5511933334444')).toBe(false)
  })
})
