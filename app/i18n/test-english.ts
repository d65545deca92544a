// Test helper (not shipped): checks that a text (code + params) reads as English in the English UI.
import { expect } from 'vitest'
import { translate } from './index'
import type { Text } from './text'

/** Words only a pt-BR sentence has: an "English" text with one of them was left untranslated. */
const PORTUGUESE = /\b(não|você|para|está|arquivo|telefone|sessão|servidor|confira|número|linha)\b/i

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
