import { describe, expect, it } from 'vitest'
import { en } from './en'
import { translate } from './index'
import { AREA_MESSAGES } from './messages'
import { pluralKeys } from './plural'
import { ptBR } from './pt-BR'

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

  it('should pick plural forms with Intl.PluralRules and write the count in the locale', () => {
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
  it('should give every plural message an `other` form in every locale', () => {
    for (const dict of [en, ptBR, ...AREA_MESSAGES.flatMap((a) => [a.en, a['pt-BR']])]) {
      for (const key of pluralKeys(dict)) {
        expect(dict[`${key}#other` as keyof typeof dict], `${key}#other`).toBeTruthy()
        expect(dict[key as keyof typeof dict], `${key} is both plain and plural`).toBeUndefined()
      }
    }
  })
  it('should write no "(s)"-style plurals: counts go through plural forms', () => {
    const all = [en, ptBR, ...AREA_MESSAGES.flatMap((a) => [a.en, a['pt-BR']])]
    for (const dict of all)
      for (const [key, value] of Object.entries(dict))
        expect(value, key).not.toMatch(/\p{L}\((s|es|ões|ns)\)/u)
  })
})
