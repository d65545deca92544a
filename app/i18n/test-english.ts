// Test helper (not shipped): checks that a pt-BR core message has a real English translation.
import { expect } from 'vitest'
import { translate } from './index'

export const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

/** Words only a pt-BR sentence has: an "English" text with one of them was left untranslated. */
export const PORTUGUESE = /\b(não|você|para|está|arquivo|telefone|sessão|servidor|confira|número|linha)\b/i

/** Asserts the English text differs, reads as English, keeps the {placeholders}; pt-BR stays as is. */
export function expectEnglish(pt: string): string {
  const english = translate('en', pt)
  expect(english, pt).not.toBe(pt)
  expect(english.trim(), pt).not.toBe('')
  expect(english, pt).not.toMatch(PORTUGUESE)
  expect(placeholders(english), pt).toEqual(placeholders(pt))
  expect(translate('pt-BR', pt)).toBe(pt)
  return english
}
