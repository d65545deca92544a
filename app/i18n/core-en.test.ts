import { describe, expect, it } from 'vitest'
import { FAILED_MESSAGE, NOT_FOUND_MESSAGE } from '../core/sessions/session-truth'
import { CORE_EN, translateCore } from './core-en'
import { INTEGRATIONS_EN } from './core-en-integrations'
import { translate } from './index'
import { expectEnglish, PORTUGUESE, placeholders } from './test-english'

/** Every exported core message record (server-only ones included: the test runs in Node). */
const RECORDS: Record<string, Record<string, string>> = {
  constants: { FAILED_MESSAGE, NOT_FOUND_MESSAGE },
}

describe('core message translations', () => {
  for (const [record, messages] of Object.entries(RECORDS)) {
    it(`should translate every value of ${record}`, () => {
      for (const pt of Object.values(messages)) expectEnglish(pt)
    })
  }

  it('should keep one English text per pt-BR text (no key defined twice)', () => {
    const all = [...INTEGRATIONS_EN]
    const keys = all.map(([pt]) => pt)
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([])
    expect(CORE_EN.size).toBe(all.length)
  })

  it('should have an English text different from the pt-BR one for every exact entry', () => {
    for (const [pt, en] of CORE_EN) {
      expect(en, pt).not.toBe(pt)
      expect(en.trim(), pt).not.toBe('')
      expect(en, pt).not.toMatch(PORTUGUESE)
      expect(placeholders(en), pt).toEqual(placeholders(pt))
    }
  })

  it('should translate the exact texts before trying the patterns', () => {
    for (const [pt, en] of CORE_EN) expect(translateCore(pt)).toBe(en)
  })
})

describe('translate with core messages', () => {
  it('should leave pt-BR untouched', () => {
    expect(translate('pt-BR', FAILED_MESSAGE)).toBe(FAILED_MESSAGE)
  })

  it('should pass unknown strings through unchanged', () => {
    for (const text of [
      '',
      'Ana',
      '42',
      'Telefone sem DDD',
      'Some English sentence from WAHA.',
      'Coluna 3',
    ]) {
      expect(translate('en', text)).toBe(text)
    }
  })

  it('should still prefer dictionary keys', () => {
    expect(translate('en', 'common.save')).toBe('Save')
    expect(translate('pt-BR', 'common.save')).toBe('Salvar')
  })
})
