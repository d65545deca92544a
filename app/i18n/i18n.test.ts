import { describe, expect, it } from 'vitest'
import { en } from './en'
import { translate } from './index'
import { ptBR } from './pt-BR'

describe('i18n', () => {
  it('should have the same keys in every locale', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ptBR).sort())
  })
  it('should have no empty strings', () => {
    for (const value of [...Object.values(en), ...Object.values(ptBR)]) expect(value.trim()).not.toBe('')
  })
  it('should fill placeholders and keep unknown ones', () => {
    expect(translate('pt-BR', 'home.welcome', { name: 'Ana' })).toBe('Olá, Ana!')
    expect(translate('en', 'home.welcome', {})).toBe('Hello, {name}!')
  })
  it('should pass through literal messages that are not keys', () => {
    expect(translate('en', 'Telefone sem DDD')).toBe('Telefone sem DDD')
  })
})
