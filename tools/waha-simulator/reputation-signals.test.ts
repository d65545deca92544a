import { describe, expect, it } from 'vitest'
import { DEFAULT_BAD_LINK_HOSTS } from './reputation-config'
import { hasBadLink, isOptOut, mentionsName } from './reputation-signals'

describe('the signals the reputation model reads', () => {
  it('opt-out words, whatever the case, accents and punctuation; not a sentence that merely has them', () => {
    for (const text of [
      'SAIR',
      'sair',
      ' Sair! ',
      'PARAR',
      'pare',
      'STOP',
      'Não quero mais',
      'nao quero mais.',
    ])
      expect(isOptOut(text), text).toBe(true)
    for (const text of ['Quero sair de casa cedo', 'Obrigado!', 'Quanto custa?', ''])
      expect(isOptOut(text), text).toBe(false)
  })

  it('bad links: http://, or a public shortener with or without a scheme; https to a normal site is fine', () => {
    const bad = (text: string) => hasBadLink(text, DEFAULT_BAD_LINK_HOSTS)
    expect(bad('Veja http://loja.example.com.br')).toBe(true)
    expect(bad('Veja https://bit.ly/abc')).toBe(true)
    expect(bad('Veja bit.ly/abc')).toBe(true)
    expect(bad('Veja www.tinyurl.com/x')).toBe(true)
    expect(bad('Veja (https://cutt.ly/x)')).toBe(true)
    expect(bad('Veja https://loja.example.com.br/ofertas')).toBe(false)
    expect(bad('Gift.com e soft.co são lojas')).toBe(false) // not t.co
    expect(bad('Preço R$ 10.50, ex.: hoje')).toBe(false)
    expect(hasBadLink('Veja https://encurta.example/x', ['encurta.example'])).toBe(true)
  })

  it('a name is mentioned as a word, accents and case ignored', () => {
    expect(mentionsName('Oi PATRICIA, tudo bem?', 'Patrícia')).toBe(true)
    expect(mentionsName('Olá João!', 'João')).toBe(true)
    expect(mentionsName('Oi Anabela', 'Ana')).toBe(false)
    expect(mentionsName('Oi', undefined)).toBe(false)
  })
})
