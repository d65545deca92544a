import { describe, expect, it } from 'vitest'
import { isBlank, splitRecord } from './csv-record'

describe('splitRecord', () => {
  it('should split quoted fields with delimiters, doubled quotes and line breaks', () => {
    expect(splitRecord('"Silva; Ana";"diz ""oi""";"a\nb";', ';')).toEqual([
      'Silva; Ana',
      'diz "oi"',
      'a\nb',
      '',
    ])
  })
  it('should keep stray quotes inside unquoted fields and text after a closing quote', () => {
    expect(splitRecord('João "Jota" Silva;"abc"def;x', ';')).toEqual(['João "Jota" Silva', 'abcdef', 'x'])
  })
  it('should return an empty last field after a trailing delimiter and quoted empty fields', () => {
    expect(splitRecord('a;""', ';')).toEqual(['a', ''])
    expect(splitRecord('"";', ';')).toEqual(['', ''])
  })
})

describe('isBlank', () => {
  it('should be true only when every field is empty or whitespace', () => {
    expect(isBlank(['', ' ', '\t'])).toBe(true)
    expect(isBlank([])).toBe(true)
    expect(isBlank(['', ' x'])).toBe(false)
    expect(isBlank(['0'])).toBe(false)
  })
})
