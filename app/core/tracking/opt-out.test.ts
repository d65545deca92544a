import { describe, expect, it } from 'vitest'
import { isOptOutMessage, normaliseReply } from './opt-out'

describe('isOptOutMessage', () => {
  it.each([
    'SAIR',
    'sair',
    ' Sair! ',
    'PARAR.',
    'Cancelar',
    'DESCADASTRAR',
    'stop',
    'STOP 🛑',
    'Não quero mais',
    'NAO QUERO MAIS!!!',
    'sáir',
    'Sair da lista',
  ])('should treat %j as an opt-out', (text) => {
    expect(isOptOutMessage(text)).toBe(true)
  })

  it.each([
    '',
    'oi',
    'quero sair de casa',
    'não posso parar agora',
    'Obrigado!',
    'sairam as fotos?',
    'stop the music please',
  ])('should not treat %j as an opt-out', (text) => {
    expect(isOptOutMessage(text)).toBe(false)
  })

  it('should normalise accents, case and punctuation', () => {
    expect(normaliseReply('  NÃO, quero... MAIS!  ')).toBe('nao quero mais')
  })
})
