import { parsePhoneNumberFromString } from 'libphonenumber-js/max'
import { describe, expect, it } from 'vitest'
import { BRAZILIAN_DDDS, normalizeBrPhone, type PhoneNote, type PhoneRejectReason } from './brazil'

const ok: Array<[string, string, 'mobile' | 'landline', PhoneNote[]]> = [
  ['11987654321', '+5511987654321', 'mobile', []],
  ['(11) 98765-4321', '+5511987654321', 'mobile', []],
  ['(11)98765-4321', '+5511987654321', 'mobile', []],
  ['11 9 8765 4321', '+5511987654321', 'mobile', []],
  ['11.98765.4321', '+5511987654321', 'mobile', []],
  ['  11 98765-4321  ', '+5511987654321', 'mobile', []],
  ['11\u00a098765\u20134321', '+5511987654321', 'mobile', []],
  ['+55 11 98765-4321', '+5511987654321', 'mobile', ['had_country_code']],
  ['+55 (11) 98765-4321', '+5511987654321', 'mobile', ['had_country_code']],
  ['+55 (0) 11 98765-4321', '+5511987654321', 'mobile', ['had_country_code']],
  ['+5511987654321', '+5511987654321', 'mobile', ['had_country_code']],
  ['5511987654321', '+5511987654321', 'mobile', ['had_country_code']],
  ['55 11 98765-4321', '+5511987654321', 'mobile', ['had_country_code']],
  ['0055 11 98765-4321', '+5511987654321', 'mobile', ['had_country_code']],
  ['0055 11 3234-5678', '+551132345678', 'landline', ['had_country_code']],
  ['0021 55 11 98765 4321', '+5511987654321', 'mobile', ['removed_carrier_code', 'had_country_code']],
  ['011 98765-4321', '+5511987654321', 'mobile', ['removed_trunk_zero']],
  ['(011) 3234-5678', '+551132345678', 'landline', ['removed_trunk_zero']],
  ['0 15 11 98765-4321', '+5511987654321', 'mobile', ['removed_carrier_code']],
  ['0 21 21 98765-4321', '+5521987654321', 'mobile', ['removed_carrier_code']],
  ['0 41 48 3234-5678', '+554832345678', 'landline', ['removed_carrier_code']],
  ['0 31 31 9876-5432', '+5531998765432', 'mobile', ['removed_carrier_code', 'added_ninth_digit']],
  ['0xx11 98765-4321', '+5511987654321', 'mobile', ['removed_carrier_code']],
  ['0XX21 3234-5678', '+552132345678', 'landline', ['removed_carrier_code']],
  ['11 8765-4321', '+5511987654321', 'mobile', ['added_ninth_digit']],
  ['(21) 7654-3210', '+5521976543210', 'mobile', ['added_ninth_digit']],
  ['85 6123 4567', '+5585961234567', 'mobile', ['added_ninth_digit']],
  ['+55 11 8765-4321', '+5511987654321', 'mobile', ['had_country_code', 'added_ninth_digit']],
  ['11 3234-5678', '+551132345678', 'landline', []],
  ['(51) 2123-4567', '+555121234567', 'landline', []],
  ['55 4123-4567', '+555541234567', 'landline', []],
  ['55 99876-5432', '+5555998765432', 'mobile', []],
  ['55 55 99876-5432', '+5555998765432', 'mobile', ['had_country_code']],
  ['(99) 5123-4567', '+559951234567', 'landline', []],
  ['11987654321.0', '+5511987654321', 'mobile', []],
]

const bad: Array<[string, PhoneRejectReason]> = [
  ['', 'empty'],
  ['   ', 'empty'],
  ['() -', 'empty'],
  ['abc', 'invalid_characters'],
  ['11 98765-4321 ramal 2', 'invalid_characters'],
  ['tel: 11987654321', 'invalid_characters'],
  ['11 9876#4321', 'invalid_characters'],
  ['11 98765-4321+', 'invalid_characters'],
  ['5,51199E+12', 'scientific_notation'],
  ['5.51199e12', 'scientific_notation'],
  ['11 98765-4321 / 11 3234-5678', 'multiple_numbers'],
  ['11987654321, 11987654322', 'multiple_numbers'],
  ['98765-4321', 'missing_ddd'],
  ['8765-4321', 'missing_ddd'],
  ['3234-5678', 'missing_ddd'],
  ['20 98765-4321', 'invalid_ddd'],
  ['(10) 98765-4321', 'invalid_ddd'],
  ['23 3234-5678', 'invalid_ddd'],
  ['(29) 98765-4321', 'invalid_ddd'],
  ['(52) 98765-4321', 'invalid_ddd'],
  ['(90) 98765-4321', 'invalid_ddd'],
  ['1234', 'too_short'],
  ['00', 'too_short'],
  ['+1 000', 'too_short'],
  ['1234567', 'too_short'],
  ['1198765', 'too_short'],
  ['119876543210', 'too_long'],
  ['119876543210000', 'too_long'],
  ['1'.repeat(80), 'too_long'],
  ['0800 123 4567', 'service_number'],
  ['0300 123 4567', 'service_number'],
  ['4004-1234', 'service_number'],
  ['800 123 4567', 'service_number'],
  ['0900 123 4567', 'service_number'],
  ['11 1234-5678', 'invalid_number'],
  ['11 0234-5678', 'invalid_number'],
  ['11 88765-4321', 'invalid_number'],
  ['11 12345-6789', 'invalid_number'],
  ['+1 212 555 0123', 'not_brazilian'],
  ['+351 912 345 678', 'not_brazilian'],
  ['001 212 555 0123', 'not_brazilian'],
]

describe('normalizeBrPhone', () => {
  it.each(ok)('should accept %j as %s', (raw, e164, kind, notes) => {
    expect(normalizeBrPhone(raw)).toEqual({ ok: true, e164, kind, notes })
  })

  it.each(bad)('should reject %j with %s and a pt-BR message', (raw, reason) => {
    const r = normalizeBrPhone(raw)
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.reason).toBe(reason)
      expect(r.message.length).toBeGreaterThan(20)
    }
  })

  it('should read the text wrappers spreadsheets and our own exports put around a number', () => {
    for (const raw of ['="+5511987654321"', "'+5511987654321", ' ="+55 11 98765-4321" '])
      expect(normalizeBrPhone(raw)).toMatchObject({ ok: true, e164: '+5511987654321' })
    expect(normalizeBrPhone('=1+2').ok).toBe(false)
    expect(normalizeBrPhone('="').ok).toBe(false)
  })

  it('should accept valid foreign numbers only with allowInternational', () => {
    expect(normalizeBrPhone('+1 212 555 0123', { allowInternational: true })).toEqual({
      ok: true,
      e164: '+12125550123',
      kind: 'mobile',
      notes: ['international'],
    })
    expect(normalizeBrPhone('+351 912 345 678', { allowInternational: true })).toMatchObject({
      ok: true,
      e164: '+351912345678',
      kind: 'mobile',
    })
    expect(normalizeBrPhone('+33 1 42 68 53 00', { allowInternational: true })).toMatchObject({
      ok: true,
      kind: 'landline',
    })
    expect(normalizeBrPhone('00351912345678', { allowInternational: true })).toMatchObject({
      ok: true,
      e164: '+351912345678',
    })
    expect(normalizeBrPhone('+1 000', { allowInternational: true })).toMatchObject({ ok: false })
    expect(normalizeBrPhone('+44 12', { allowInternational: true })).toMatchObject({
      ok: false,
      reason: 'too_short',
    })
  })

  it('should still normalise Brazilian numbers the same way with allowInternational', () => {
    expect(normalizeBrPhone('11 8765-4321', { allowInternational: true })).toMatchObject({
      e164: '+5511987654321',
    })
    expect(normalizeBrPhone('20 98765-4321', { allowInternational: true })).toMatchObject({
      ok: false,
      reason: 'invalid_ddd',
    })
  })

  it('should list exactly the 67 DDDs libphonenumber considers valid', () => {
    const fromLib: number[] = []
    for (let ddd = 10; ddd <= 99; ddd++) {
      if (parsePhoneNumberFromString(`+55${ddd}987654321`)?.isValid()) fromLib.push(ddd)
    }
    expect(BRAZILIAN_DDDS).toEqual(fromLib)
    expect(BRAZILIAN_DDDS).toHaveLength(67)
  })

  it('should agree with libphonenumber max metadata on validity and type for every DDD and prefix', () => {
    const mismatches: string[] = []
    for (let ddd = 10; ddd <= 99; ddd++) {
      for (let first = 0; first <= 9; first++) {
        for (const national of [`${ddd}${first}2345678`, `${ddd}9${first}2345678`]) {
          const ours = normalizeBrPhone(national)
          const e164 = ours.ok ? ours.e164 : `+55${national}`
          const lib = parsePhoneNumberFromString(e164)
          const libOk = lib?.isValid() === true
          const libType = lib?.getType()
          const libKind = libType === 'FIXED_LINE' ? 'landline' : 'mobile'
          if (libType === 'TOLL_FREE' || libType === 'PREMIUM_RATE' || libType === 'SHARED_COST') {
            if (ours.ok || ours.reason !== 'service_number')
              mismatches.push(`${national}: service ${libType}`)
            continue
          }
          if (ours.ok !== libOk || (ours.ok && ours.kind !== libKind)) {
            mismatches.push(`${national}: ours=${ours.ok ? ours.kind : ours.reason} lib=${libOk}`)
          }
        }
      }
    }
    expect(mismatches).toEqual([])
  })
})
