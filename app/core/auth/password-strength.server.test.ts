import { describe, expect, it } from 'vitest'
import { translate } from '../../i18n'
import { passwordStrengthProblem } from './password-strength.server'

describe('passwordStrengthProblem', () => {
  it.each([
    ['password12', 'password.weak.common'],
    ['senha12345', 'password.weak.common'],
    ['1234567890', 'password.weak.common'],
    ['P@$$w0rd123', 'password.weak.common'],
    ['qwertyuiop', 'password.weak.common'],
    ['aaaaaaaaaaaa', 'password.weak.simpleRepeat'],
    ['abcdefghijkl', 'password.weak.sequences'],
    ['corinthians', 'password.weak.wordByItself'],
  ])('should refuse %j and say why', (password, key) => {
    expect(passwordStrengthProblem(password)).toBe(key)
  })

  it.each([
    'flamengo123',
    'amorzinho10',
    'Brasil@2024',
    'mudar123456',
    'gatinho2020',
    'abcabcabcabc',
    '1234567890123',
  ])('should refuse the guessable %j', (password) => {
    expect(passwordStrengthProblem(password)).toMatch(/^password\.weak\./)
  })

  it.each([
    'Senha-de-teste-2026',
    'Fermento-e-farinha-2026',
    'correto cavalo bateria grampo',
    'Tr0ub4dor&3xyz',
    'janela pimenta bicicleta',
  ])('should accept the strong %j', (password) => {
    expect(passwordStrengthProblem(password)).toBeNull()
  })

  it('should refuse a password built on the person, the company or the product', () => {
    const context = ['ana.souza@padaria.com.br', 'Ana Souza', 'Padaria Pão Quente']
    expect(passwordStrengthProblem('padariapaoquente', context)).toBe('password.weak.userInputs')
    expect(passwordStrengthProblem('AnaSouza2026', context)).toMatch(/^password\.weak\./)
    expect(passwordStrengthProblem('Disparo2026!', context)).toMatch(/^password\.weak\./)
    expect(passwordStrengthProblem('padariapaoquente')).not.toBe('password.weak.userInputs')
  })

  it('should explain every refusal in Portuguese and English', () => {
    const keys = [
      'password12',
      'senha12345',
      'abcdefghijkl',
      'qwertyuiopas',
      'aaaaaaaaaaaa',
      '19/02/1990',
      'corinthians',
      'mariasilva',
    ]
      .map((p) => passwordStrengthProblem(p))
      .filter((k): k is string => k !== null)
    expect(keys.length).toBeGreaterThan(5)
    for (const key of keys) {
      expect(translate('pt-BR', key)).not.toBe(key)
      expect(translate('en', key)).not.toBe(key)
    }
  })

  it('should stay fast on long, repetitive and l33t-heavy input', () => {
    passwordStrengthProblem('aquecimento')
    for (const password of [
      'aB3$'.repeat(50),
      '4@$1!0|3'.repeat(25),
      '@'.repeat(200),
      '19/02/1990'.repeat(20),
    ]) {
      const started = performance.now()
      passwordStrengthProblem(password)
      // Generous bound for a loaded shared machine; typically well under 100 ms.
      expect(performance.now() - started).toBeLessThan(1_500)
    }
  })
})
