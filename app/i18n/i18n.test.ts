import { describe, expect, it } from 'vitest'
import { en } from './en'
import { translate } from './index'
import { AREA_MESSAGES } from './messages'
import { ptBR } from './pt-BR'

describe('i18n', () => {
  it('should have the same keys in every locale', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ptBR).sort())
    for (const area of AREA_MESSAGES) expect(Object.keys(area.en).sort()).toEqual(Object.keys(area['pt-BR']).sort())
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
})
