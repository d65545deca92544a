import { describe, expect, it } from 'vitest'
import { type LaunchRiskInput, launchRisk, riskLevel, RISK_THRESHOLDS as T } from './launch-risk'
import { hasOptOutLine, usesName, variantCount } from './launch-risk-text'

/** A careful campaign: varied, personal, HTTPS link, a way out, old numbers, few first contacts. */
const SAFE_TEXT =
  '{Oi|Olá} {{primeiro_nome}}, veja https://loja.example.com.br/promo. Responda SAIR para não receber mais.'
function input(over: Partial<LaunchRiskInput> = {}): LaunchRiskInput {
  return {
    texts: [SAFE_TEXT],
    audience: 300,
    firstContacts: 30,
    sessions: [{ name: 'Loja Centro', ageDays: 200, warmup: true }],
    estimatedDays: 1,
    pacing: { dailyCap: 500, minDelayS: 30, maxDelayS: 60 },
    effectiveDailyCap: 500,
    ...over,
  }
}
const codes = (i: LaunchRiskInput) => launchRisk(i).reasons.map((r) => r.code)
const reason = (i: LaunchRiskInput, code: string) => launchRisk(i).reasons.find((r) => r.code === code)

describe('launchRisk', () => {
  it('is low with no reasons for a careful campaign', () => {
    expect(launchRisk(input())).toEqual({ level: 'baixo', reasons: [], fixes: [] })
  })

  it('has nothing to judge without texts or audience', () => {
    expect(launchRisk(input({ texts: ['  '], audience: 0 })).level).toBe('baixo')
    expect(launchRisk(input({ texts: ['http://bit.ly/x'], audience: 0 })).reasons).toEqual([])
  })

  describe('new number for this volume', () => {
    // 300 contacts in 1 day on one number = 300 a day, over the new-number volume of 100.
    it('is high for a number connected less than a week ago', () => {
      const r = reason(input({ sessions: [{ name: 'Chip novo', ageDays: 3, warmup: true }] }), 'newNumber')
      expect(r).toEqual({
        code: 'newNumber',
        severity: 'alto',
        session: 'Chip novo',
        days: 3,
        perDay: 300,
        warmup: true,
      })
    })
    it('is medium for a number under 30 days with warm-up on, high with it off', () => {
      expect(
        reason(input({ sessions: [{ name: 'a', ageDays: 20, warmup: true }] }), 'newNumber')?.severity,
      ).toBe('medio')
      expect(
        reason(input({ sessions: [{ name: 'a', ageDays: 20, warmup: false }] }), 'newNumber')?.severity,
      ).toBe('alto')
    })
    it('is no reason for an old number, a small daily volume or a campaign spread over days', () => {
      expect(
        codes(input({ sessions: [{ name: 'a', ageDays: T.newNumberDays, warmup: true }] })),
      ).not.toContain('newNumber')
      const young = [{ name: 'a', ageDays: 2, warmup: true }]
      expect(codes(input({ sessions: young, audience: T.newNumberDailyVolume }))).not.toContain('newNumber')
      expect(codes(input({ sessions: young, audience: T.newNumberDailyVolume + 1 }))).toContain('newNumber')
      // 300 over 3 days = 100 a day: at the threshold, not over it.
      expect(codes(input({ sessions: young, estimatedDays: 3 }))).not.toContain('newNumber')
      // Two numbers share the audience: 150 each.
      const two = [...young, { name: 'b', ageDays: 400, warmup: true }]
      expect(reason(input({ sessions: two }), 'newNumber')).toMatchObject({ session: 'a', perDay: 150 })
    })
    it('offers spreading (half the daily volume, at most the new-number volume) and slowing down', () => {
      const r = launchRisk(input({ audience: 1000, sessions: [{ name: 'a', ageDays: 2, warmup: false }] }))
      expect(r.fixes).toEqual([
        { kind: 'spreadDays', dailyCap: T.newNumberDailyVolume },
        { kind: 'slowDown', minDelayS: 60, maxDelayS: 120 },
      ])
    })
  })

  describe('one text for everyone', () => {
    it('counts different texts and spintax, not variables', () => {
      expect(variantCount(['Oi {{nome}}'])).toBe(1)
      expect(variantCount(['Oi {{nome}}', '  oi   {{nome}} '])).toBe(1)
      expect(variantCount(['Oi {{nome}}', 'Olá {{nome}}'])).toBe(2)
      expect(variantCount(['{Oi|Olá} {{nome}}, {tudo bem|como vai}?'])).toBe(4)
      expect(variantCount(['{a|a}'])).toBe(1)
    })
    it(`is a reason from ${T.contentAudience} contacts, high from ${T.oneTextHighAudience}, fixed by adding a variant`, () => {
      const one = ['Oi {{primeiro_nome}}! Responda SAIR para não receber mais.']
      expect(codes(input({ texts: one, audience: T.contentAudience - 1 }))).toEqual([])
      const r = launchRisk(input({ texts: one, audience: T.contentAudience }))
      expect(r.reasons).toEqual([{ code: 'oneText', severity: 'medio', audience: T.contentAudience }])
      expect(r.level).toBe('medio')
      expect(r.fixes).toEqual([{ kind: 'addVariant' }])
      expect(reason(input({ texts: one, audience: T.oneTextHighAudience }), 'oneText')?.severity).toBe('alto')
      expect(codes(input({ texts: [...one, 'Olá {{nome}}! Responda SAIR.'] }))).not.toContain('oneText')
    })
    it('offers no variant when every text slot is taken', () => {
      const ten = Array.from({ length: 10 }, () => 'Oi {{nome}}. SAIR para sair.')
      expect(launchRisk(input({ texts: ten })).fixes).toEqual([])
    })
  })

  it('says how many texts do not use {{nome}} or {{primeiro_nome}}', () => {
    expect(usesName('Oi {{ Primeiro Nome }}')).toBe(true)
    expect(usesName('{Oi {{nome}}|Olá}')).toBe(true)
    expect(usesName('Oi {{cidade}}')).toBe(false)
    const texts = [SAFE_TEXT, 'Oi! Responda SAIR.', 'Olá, cliente. Digite PARAR.']
    expect(reason(input({ texts }), 'noName')).toEqual({ code: 'noName', severity: 'medio', texts: 2 })
    expect(reason(input({ texts, audience: T.contentAudience - 1 }), 'noName')).toBeUndefined()
  })

  it('flags links without HTTPS (medium) and public shorteners, with or without a scheme (high)', () => {
    const http = input({ texts: [`${SAFE_TEXT} http://loja.example.com.br/x`] })
    expect(launchRisk(http).reasons).toEqual([
      { code: 'insecureLink', severity: 'medio', url: 'http://loja.example.com.br/x' },
    ])
    for (const link of [
      'https://bit.ly/abc',
      'bit.ly/abc',
      'https://www.tinyurl.com/x',
      'encurtador.com.br/xyz',
    ]) {
      const r = launchRisk(input({ texts: [`${SAFE_TEXT} ${link}`], audience: 5 }))
      expect(
        r.reasons.map((x) => x.code),
        link,
      ).toEqual(['shortLink'])
      expect(r.level).toBe('alto')
    }
    // A normal site whose name only ends like a shortener is not one.
    expect(codes(input({ texts: [`${SAFE_TEXT} https://habit.ly.example.com/x`] }))).toEqual([])
    expect(codes(input({ texts: [`${SAFE_TEXT} https://notbit.ly/x`] }))).toEqual([])
  })

  describe('many first contacts', () => {
    it(`is medium from ${T.firstContactsShare * 100}% and ${T.firstContactsMin} contacts`, () => {
      expect(reason(input({ audience: 300, firstContacts: 150 }), 'firstContacts')).toEqual({
        code: 'firstContacts',
        severity: 'medio',
        count: 150,
        percent: 50,
      })
      expect(reason(input({ audience: 300, firstContacts: 149 }), 'firstContacts')).toBeUndefined()
      expect(reason(input({ audience: 60, firstContacts: 49 }), 'firstContacts')).toBeUndefined()
      expect(reason(input({ firstContacts: null }), 'firstContacts')).toBeUndefined()
    })
    it(`is high from ${T.firstContactsHighShare * 100}% and ${T.firstContactsHighMin} contacts`, () => {
      expect(reason(input({ audience: 1000, firstContacts: 800 }), 'firstContacts')?.severity).toBe('alto')
      expect(reason(input({ audience: 600, firstContacts: 499 }), 'firstContacts')?.severity).toBe('medio')
    })
    it('offers spreading over more days (half of today’s volume) and slowing down (twice the gap)', () => {
      const r = launchRisk(
        input({
          audience: 1000,
          firstContacts: 900,
          effectiveDailyCap: 400,
          pacing: { dailyCap: 500, minDelayS: 45, maxDelayS: 90 },
        }),
      )
      expect(r.fixes).toEqual([
        { kind: 'spreadDays', dailyCap: 200 },
        { kind: 'slowDown', minDelayS: 90, maxDelayS: 180 },
      ])
    })
    it('offers no spreading below the minimum cap and no slowing past the maximum gap', () => {
      const r = launchRisk(
        input({
          audience: 100,
          firstContacts: 100,
          estimatedDays: 5,
          pacing: { dailyCap: 500, minDelayS: 400, maxDelayS: 500 },
        }),
      )
      // 100 over 5 days = 20 a day, half is 10 (the minimum, offered); 800 s is past 600.
      expect(r.fixes).toEqual([{ kind: 'spreadDays', dailyCap: 10 }])
      const r2 = launchRisk(input({ audience: 100, firstContacts: 100, estimatedDays: 6 }))
      expect(r2.fixes.map((f) => f.kind)).toEqual(['slowDown'])
    })
  })

  it('says how many texts do not tell people how to stop receiving', () => {
    expect(hasOptOutLine('Responda SAIR para não receber mais.')).toBe(true)
    expect(hasOptOutLine('Para parar, digite PARE')).toBe(true)
    expect(hasOptOutLine('Aproveite, é só hoje!')).toBe(false)
    const texts = ['{Oi|Olá} {{nome}}, aproveite!', SAFE_TEXT]
    expect(reason(input({ texts }), 'noOptOut')).toEqual({ code: 'noOptOut', severity: 'medio', texts: 1 })
    expect(launchRisk(input({ texts })).fixes).toEqual([{ kind: 'addOptOut' }])
    expect(reason(input({ texts, audience: T.contentAudience - 1 }), 'noOptOut')).toBeUndefined()
  })

  it('is high with any high reason or three medium ones, medium with one or two', () => {
    expect(riskLevel([])).toBe('baixo')
    const medio = { code: 'noName', severity: 'medio', texts: 1 } as const
    expect(riskLevel([medio])).toBe('medio')
    expect(riskLevel([medio, { ...medio, code: 'noOptOut' }])).toBe('medio')
    expect(
      riskLevel([
        medio,
        { ...medio, code: 'noOptOut' },
        { code: 'oneText', severity: 'medio', audience: 60 },
      ]),
    ).toBe('alto')
    expect(riskLevel([{ code: 'shortLink', severity: 'alto', host: 'bit.ly' }])).toBe('alto')
    // End to end: one impersonal text without a way out, to 60 people: three medium reasons.
    const r = launchRisk(input({ texts: ['Promoção hoje!'], audience: 60 }))
    expect(r.reasons.map((x) => x.code)).toEqual(['oneText', 'noName', 'noOptOut'])
    expect(r.level).toBe('alto')
  })
})
