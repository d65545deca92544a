import { describe, expect, it } from 'vitest'
import { buildVariantsPrompt, parseVariants } from './variants'

describe('buildVariantsPrompt', () => {
  it('should ask in pt-BR for N variants as a JSON array with {{nome}} and WhatsApp formatting', () => {
    const [system, user] = buildVariantsPrompt({
      brief: 'Promoção de julho: 20% em tudo',
      tone: 'divertido',
      count: 3,
    })
    expect(system?.role).toBe('system')
    expect(system?.content).toContain('3 variações')
    expect(system?.content).toContain('{{nome}}')
    expect(system?.content).toContain('*negrito*')
    expect(system?.content).toContain('divertido e leve')
    expect(system?.content).toMatch(/array JSON/)
    expect(system?.content).toMatch(/SAIR/)
    expect(user?.content).toContain('Promoção de julho: 20% em tudo')
  })

  it('should clamp the count, accept a free-text tone and drop the opt-out line on request', () => {
    const [system] = buildVariantsPrompt({ brief: 'x', tone: 'sério', count: 50, optOutLine: false })
    expect(system?.content).toContain('10 variações')
    expect(system?.content).toContain('tom sério')
    expect(system?.content).not.toMatch(/SAIR/)
    expect(buildVariantsPrompt({ brief: 'x', count: 0 })[0]?.content).toContain('1 variação')
    expect(buildVariantsPrompt({ brief: 'x', count: Number.NaN })[0]?.content).toContain('1 variação')
  })

  it('should cap a huge brief', () => {
    const [, user] = buildVariantsPrompt({ brief: 'a'.repeat(10_000), count: 2 })
    expect(user?.content.length).toBeLessThan(2200)
  })
})

describe('parseVariants', () => {
  it('should read a clean JSON array', () => {
    expect(parseVariants('["Oi, {{nome}}! *Promo*", "Olá {{nome}}"]')).toEqual([
      'Oi, {{nome}}! *Promo*',
      'Olá {{nome}}',
    ])
  })

  it('should read JSON inside fences with a preamble', () => {
    const text =
      'Claro! Aqui estão:\n```json\n[\n  "Primeira\\nlinha dois",\n  "Segunda"\n]\n```\nEspero que ajude!'
    expect(parseVariants(text)).toEqual(['Primeira\nlinha dois', 'Segunda'])
  })

  it('should read an object with a list of objects', () => {
    const text = '{"variacoes": [{"texto": "A"}, {"mensagem": "B"}, {"outro": 1}]}'
    expect(parseVariants(text)).toEqual(['A', 'B'])
  })

  it('should salvage a truncated JSON array', () => {
    expect(parseVariants('["Primeira mensagem", "Segunda mensagem", "Terceira mens')).toEqual([
      'Primeira mensagem',
      'Segunda mensagem',
    ])
  })

  it('should split a numbered list and drop the preamble', () => {
    const text = [
      'Aqui estão 3 variações:',
      '',
      '1. Oi, {{nome}}! Temos *20% OFF* hoje.',
      'Corre que é só até domingo.',
      '',
      '2) Olá {{nome}}, a promoção de julho chegou!',
      '',
      '3 - {{nome}}, não perca: 20% em tudo.',
    ].join('\n')
    expect(parseVariants(text)).toEqual([
      'Oi, {{nome}}! Temos *20% OFF* hoje.\nCorre que é só até domingo.',
      'Olá {{nome}}, a promoção de julho chegou!',
      '{{nome}}, não perca: 20% em tudo.',
    ])
  })

  it('should split labelled variants in Markdown bold and convert **bold**', () => {
    const text = '**Variação 1:**\n"Oi {{nome}}, **oferta** especial!"\n\n**Variação 2:**\n“Olá {{nome}}!”'
    expect(parseVariants(text)).toEqual(['Oi {{nome}}, *oferta* especial!', 'Olá {{nome}}!'])
  })

  it('should split on --- separators', () => {
    const text = 'Primeira mensagem\ncom duas linhas\n---\nSegunda mensagem\n\n***\nTerceira'
    expect(parseVariants(text)).toEqual([
      'Primeira mensagem\ncom duas linhas',
      'Segunda mensagem',
      'Terceira',
    ])
  })

  it('should not split a single message on a time or a percentage', () => {
    const text = '10:30 abre a loja.\n20% em tudo.\n1 dia só!'
    expect(parseVariants(text)).toEqual([text])
  })

  it('should not mistake brackets or quotes inside a message for JSON', () => {
    expect(parseVariants('Confira [1, 2, 3] hoje')).toEqual(['Confira [1, 2, 3] hoje'])
    expect(parseVariants('[Novidade] Chegou o "Combo" da casa')).toEqual([
      '[Novidade] Chegou o "Combo" da casa',
    ])
    expect(parseVariants('Oi {{nome}}! Temos [promo] hoje')).toEqual(['Oi {{nome}}! Temos [promo] hoje'])
  })

  it('should keep a single plain message and drop a one-line preamble', () => {
    expect(parseVariants('Claro! Segue a mensagem:\nOi {{nome}}, tudo bem?')).toEqual([
      'Oi {{nome}}, tudo bem?',
    ])
  })

  it('should drop duplicates and empty items and honour max', () => {
    expect(parseVariants('["A", "", "A", "B", "C"]', 2)).toEqual(['A', 'B'])
  })

  it.each(['', '   ', '```\n```', '[]', '{}'])('should return [] for %j', (text) => {
    expect(parseVariants(text)).toEqual([])
  })

  it('should not throw on non-string input', () => {
    expect(parseVariants(undefined as unknown as string)).toEqual([])
  })
})
