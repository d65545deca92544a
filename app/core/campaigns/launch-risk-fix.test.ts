import { describe, expect, it } from 'vitest'
import { MAX_TEXTS } from './composer-schema'
import { applyRiskFix, parseRiskFixIntent, riskFixIntent } from './launch-risk-fix'
import { OPT_OUT_LINE } from './launch-risk-text'

function form(fields: Record<string, string>) {
  const f = new FormData()
  for (const [k, v] of Object.entries(fields)) f.append(k, v)
  return f
}

describe('risk fix intents', () => {
  it('round-trips every fix and refuses anything else', () => {
    for (const fix of [
      { kind: 'addVariant' },
      { kind: 'addOptOut' },
      { kind: 'spreadDays', dailyCap: 120 },
      { kind: 'slowDown', minDelayS: 60, maxDelayS: 120 },
    ] as const)
      expect(parseRiskFixIntent(riskFixIntent(fix))).toEqual(fix)
    for (const bad of [
      'risk-fix:spreadDays:0',
      'risk-fix:slowDown:90:60',
      'risk-fix:spreadDays:-5',
      'risk-fix:drop',
      'save',
      7,
      null,
    ])
      expect(parseRiskFixIntent(bad), String(bad)).toBeNull()
  })
})

describe('applyRiskFix', () => {
  it('leaves other intents alone', () => {
    const f = form({ 'texts[0]': 'Oi', dailyCap: '500' })
    expect(applyRiskFix(f, 'refresh')).toEqual({ fix: null, error: null })
    expect(f.get('dailyCap')).toBe('500')
  })

  it('says a tampered fix no longer applies', () => {
    expect(applyRiskFix(form({}), 'risk-fix:spreadDays:0')).toEqual({
      fix: null,
      error: 'campaigns.risk.fixInvalid',
    })
  })

  it('adds a copy of the first text as a new text after the last one', () => {
    const f = form({ 'texts[0]': '', 'texts[1]': 'Oi {{nome}}', 'texts[3]': 'Olá' })
    expect(applyRiskFix(f, 'risk-fix:addVariant').error).toBeNull()
    expect(f.get('texts[4]')).toBe('Oi {{nome}}')
    const full = form(
      Object.fromEntries(Array.from({ length: MAX_TEXTS }, (_, i) => [`texts[${i}]`, `t${i}`])),
    )
    expect(applyRiskFix(full, 'risk-fix:addVariant').error).toBe('campaigns.risk.noRoom')
    expect(full.get(`texts[${MAX_TEXTS}]`)).toBeNull()
  })

  it('appends the opt-out line to every text that has no way out, once', () => {
    const f = form({ 'texts[0]': 'Oi!  \n', 'texts[1]': 'Olá. Digite PARAR para sair.', 'texts[2]': ' ' })
    applyRiskFix(f, 'risk-fix:addOptOut')
    expect(f.get('texts[0]')).toBe(`Oi!\n\n${OPT_OUT_LINE}`)
    expect(f.get('texts[1]')).toBe('Olá. Digite PARAR para sair.')
    expect(f.get('texts[2]')).toBe(' ')
    applyRiskFix(f, 'risk-fix:addOptOut')
    expect(f.get('texts[0]')).toBe(`Oi!\n\n${OPT_OUT_LINE}`)
  })

  it('sets the daily cap, or the gaps, the button showed', () => {
    const f = form({ dailyCap: '500', minDelayS: '30', maxDelayS: '60' })
    applyRiskFix(f, 'risk-fix:spreadDays:120')
    expect(f.get('dailyCap')).toBe('120')
    applyRiskFix(f, 'risk-fix:slowDown:60:120')
    expect([f.get('minDelayS'), f.get('maxDelayS')]).toEqual(['60', '120'])
  })
})
