import { describe, expect, it } from 'vitest'
import { checkTagName, splitTags, tagKey } from './tags'

describe('tag names', () => {
  it('should treat case, accents and spacing as the same tag', () => {
    expect(tagKey('  Promoção   Verão ')).toBe(tagKey('promocao verao'))
    expect(tagKey('VIP')).toBe('vip')
  })

  it('should refuse an empty or too long name and keep the spelling typed', () => {
    expect(checkTagName('   ')).toEqual({ ok: false, reason: 'empty' })
    expect(checkTagName('x'.repeat(41))).toEqual({ ok: false, reason: 'tooLong' })
    expect(checkTagName(' Cliente  Ouro ')).toEqual({ ok: true, name: 'Cliente Ouro', key: 'cliente ouro' })
  })

  it('should split a cell on commas and semicolons, dropping blanks and repeats', () => {
    expect(splitTags('VIP; cliente,, vip ;Açaí')).toEqual({
      tags: ['VIP', 'cliente', 'Açaí'],
      truncated: false,
    })
  })

  it('should keep the first 20 tags of a huge cell and cut long names, saying so', () => {
    const cell = [...Array.from({ length: 30 }, (_, i) => `t${i}`), 'y'.repeat(100)].join(',')
    const r = splitTags(cell)
    expect(r.truncated).toBe(true)
    expect(r.tags).toHaveLength(20)
    expect(splitTags('z'.repeat(50)).tags).toEqual(['z'.repeat(40)])
  })
})
