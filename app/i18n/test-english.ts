// Test helper (not shipped): checks that a text (code + params) reads as English in the English UI.
import { expect } from 'vitest'
import { translate } from './index'
import type { Text } from './text'

export const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

/** Words only a pt-BR sentence has: an "English" text with one of them was left untranslated. */
export const PORTUGUESE = /\b(não|você|para|está|arquivo|telefone|sessão|servidor|confira|número|linha)\b/i

const UNFILLED = /(?<!\{)\{\w+\}(?!\})/

/** Asserts a text differs between the languages, reads as English and has every argument filled. */
export function expectEnglishText(t: Text): string {
  const english = translate('en', t)
  const pt = translate('pt-BR', t)
  const label = JSON.stringify(t)
  expect(english, label).not.toBe(pt)
  expect(english.trim(), label).not.toBe('')
  expect(english, label).not.toMatch(PORTUGUESE)
  // an argument left unfilled reads `{name}`; a template variable `{{nome}}` is text
  expect(english, label).not.toMatch(UNFILLED)
  expect(pt, label).not.toMatch(UNFILLED)
  return english
}

/** Asserts a pt-BR core message has a real English translation (the reverse translations, until removed). */
export function expectEnglish(pt: string): string {
  const english = translate('en', pt)
  expect(english, pt).not.toBe(pt)
  expect(english.trim(), pt).not.toBe('')
  expect(english, pt).not.toMatch(PORTUGUESE)
  expect(placeholders(english), pt).toEqual(placeholders(pt))
  expect(translate('pt-BR', pt)).toBe(pt)
  return english
}
