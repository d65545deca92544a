import { describe, expect, it } from 'vitest'
import { en } from './en'
import { ptText, translate } from './index'
import { AREA_MESSAGES } from './messages'
import { ptBR } from './pt-BR'
import { paramsJson, parseParams, storedText, text } from './text'

describe('i18n', () => {
  it('should have the same keys in every locale', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ptBR).sort())
    for (const area of AREA_MESSAGES)
      expect(Object.keys(area.en).sort()).toEqual(Object.keys(area['pt-BR']).sort())
  })
  it('should not let two areas define the same key', () => {
    const seen = new Set(Object.keys(ptBR))
    for (const area of AREA_MESSAGES) {
      for (const key of Object.keys(area['pt-BR'])) {
        expect(seen.has(key), `duplicate i18n key ${key}`).toBe(false)
        seen.add(key)
      }
    }
  })
  it('should have no empty strings', () => {
    const all = [en, ptBR, ...AREA_MESSAGES.flatMap((a) => [a.en, a['pt-BR']])]
    for (const dict of all) for (const value of Object.values(dict)) expect(value.trim()).not.toBe('')
  })
  it('should fill placeholders and keep unknown ones', () => {
    expect(translate('pt-BR', 'home.welcome', { name: 'Ana' })).toBe('Olá, Ana!')
    expect(translate('en', 'home.welcome', {})).toBe('Hello, {name}!')
  })
  it('should pass through literal messages that are not keys', () => {
    expect(translate('en', 'Telefone sem DDD')).toBe('Telefone sem DDD')
  })
  it('should never translate a sentence back: only codes have other languages', () => {
    const sentence = ptText('session.failed')
    expect(translate('en', sentence)).toBe(sentence)
    expect(translate('en', 'home.welcome', { name: sentence })).toBe(`Hello, ${sentence}!`)
    expect(translate('en', text('session.failed'))).not.toBe(sentence)
  })
  it('should render a text (code + params), nested texts and lists in the same language', () => {
    const nested = { code: 'contacts.detail.total', params: { count: 2 } }
    expect(translate('en', { code: 'home.welcome', params: { name: nested } })).toBe('Hello, 2 contacts!')
    expect(translate('pt-BR', { code: 'home.welcome', params: { name: nested } })).toBe('Olá, 2 contatos!')
    expect(translate('en', 'home.welcome', { name: ['a', nested] })).toBe('Hello, a; 2 contacts!')
  })
  it('should store a text as a code and JSON params, and read it back', () => {
    const stored = text('login.throttled', { minutes: 5 })
    expect(paramsJson(stored)).toBe('{"minutes":5}')
    expect(paramsJson(text('common.no'))).toBeNull()
    const back = storedText('login.throttled', paramsJson(stored), 'frase', text('common.no'))
    expect(back).toEqual(stored)
    expect(ptText(back!)).toBe('Muitas tentativas de login. Tente novamente em 5 min.')
    expect(translate('en', back!)).toBe('Too many sign-in attempts. Try again in 5 min.')
    expect(parseParams('not json')).toBeUndefined()
    expect(storedText(null, null, null, text('common.no'))).toBeNull()
    expect(storedText('common.no', null, null, text('common.no'))).toBeNull()
  })
  it('should show a stored pt-BR sentence from before codes in pt-BR, and the generic text elsewhere', () => {
    const old = storedText(null, null, 'Frase antiga', text('common.no'))!
    expect(translate('pt-BR', old)).toBe('Frase antiga')
    expect(translate('en', old)).toBe('No')
  })

  it('should pick ICU plural forms and write the count in the locale', () => {
    expect(translate('pt-BR', 'contacts.detail.total', { count: 0 })).toBe('nenhum contato')
    expect(translate('pt-BR', 'contacts.detail.total', { count: 1 })).toBe('1 contato')
    expect(translate('pt-BR', 'contacts.detail.total', { count: 2 })).toBe('2 contatos')
    expect(translate('pt-BR', 'contacts.detail.total', { count: 1234 })).toBe('1.234 contatos')
    // CLDR gives pt-BR "many" for a million: the `other` form stands in
    expect(translate('pt-BR', 'contacts.detail.total', { count: 1_000_000 })).toBe('1.000.000 contatos')
    expect(translate('en', 'contacts.detail.total', { count: 1 })).toBe('1 contact')
    expect(translate('en', 'contacts.detail.total', { count: 1234 })).toBe('1,234 contacts')
    expect(translate('pt-BR', 'campaigns.review.estimate', { duration: '2 h', count: 1 })).toBe(
      'Término estimado: 2 h com 1 sessão',
    )
    expect(translate('pt-BR', 'campaigns.review.estimate', { duration: '2 h', count: 2 })).toBe(
      'Término estimado: 2 h com 2 sessões',
    )
    expect(translate('en', 'ai.modelsLoaded', { count: 1 })).toBe('1 model available from this provider.')
    // zero reads as a plural in Brazilian Portuguese (CLDR would pick "one": "0 modelo")
    expect(translate('pt-BR', 'ai.modelsLoaded', { count: 0 })).toBe('0 modelos disponíveis neste provedor.')
    expect(translate('pt-BR', 'contacts.progressRows', { count: 1.5 })).toBe('1,5 linha lida até agora')
  })
  it('should write no "(s)"-style plurals: counts go through plural forms', () => {
    const all = [en, ptBR, ...AREA_MESSAGES.flatMap((a) => [a.en, a['pt-BR']])]
    for (const dict of all)
      for (const [key, value] of Object.entries(dict))
        expect(value, key).not.toMatch(/\p{L}\((s|es|ões|ns)\)/u)
  })
})
