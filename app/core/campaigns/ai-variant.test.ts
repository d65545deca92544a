import { describe, expect, it } from 'vitest'
import { aiUseIntent, placeAiVariant, variantSlot } from './ai-variant'
import { MAX_TEXTS } from './composer-schema'

function form(texts: string[], variants = ['Sugestão A', 'Sugestão B']) {
  const data = new FormData()
  for (const [i, t] of texts.entries()) data.append(`texts[${i}]`, t)
  for (const [i, v] of variants.entries()) data.append(`aiVariants[${i}]`, v)
  return data
}
const textsOf = (data: FormData) =>
  [...data.keys()].filter((k) => k.startsWith('texts[')).map((k) => `${k}=${data.get(k)}`)

describe('variantSlot', () => {
  it('should pick the first empty (or blank) text, else a new one, else none', () => {
    expect(variantSlot([''])).toEqual({ index: 0, append: false })
    expect(variantSlot(['Oi', '  \n', ''])).toEqual({ index: 1, append: false })
    expect(variantSlot(['Oi', undefined])).toEqual({ index: 1, append: false })
    expect(variantSlot(['Oi'])).toEqual({ index: 1, append: true })
    expect(variantSlot([])).toEqual({ index: 0, append: true })
    expect(variantSlot(Array(MAX_TEXTS).fill('x'))).toBeNull()
  })
})

describe('placeAiVariant', () => {
  it('should fill the first empty text, not add a second one', () => {
    const data = form([''])
    expect(placeAiVariant(data, aiUseIntent(1))).toBeNull()
    expect(textsOf(data)).toEqual(['texts[0]=Sugestão B'])
  })

  it('should keep what was typed and use the next empty text, or add one', () => {
    const middle = form(['Meu texto', '', ''])
    expect(placeAiVariant(middle, aiUseIntent(0))).toBeNull()
    expect(textsOf(middle)).toEqual(['texts[0]=Meu texto', 'texts[1]=Sugestão A', 'texts[2]='])
    const full = form(['Meu texto'])
    expect(placeAiVariant(full, aiUseIntent(0))).toBeNull()
    expect(textsOf(full)).toEqual(['texts[0]=Meu texto', 'texts[1]=Sugestão A'])
  })

  it('should refuse when every text is taken or the suggestion is missing, changing nothing', () => {
    const taken = Array.from({ length: MAX_TEXTS }, (_, i) => `Texto ${i}`)
    const data = form(taken)
    expect(placeAiVariant(data, aiUseIntent(0))).toBe('campaigns.ai.noRoom')
    expect(textsOf(data)).toEqual(taken.map((t, i) => `texts[${i}]=${t}`))
    const gone = form([''])
    expect(placeAiVariant(gone, aiUseIntent(7))).toBe('campaigns.ai.variantGone')
    expect(textsOf(gone)).toEqual(['texts[0]='])
  })

  it('should ignore other intents', () => {
    const data = form([''])
    for (const intent of ['save', 'ai', 'ai-use-', 'ai-use-x', null])
      expect(placeAiVariant(data, intent)).toBeNull()
    expect(textsOf(data)).toEqual(['texts[0]='])
  })
})
