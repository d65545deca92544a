// The messages the contacts, campaign and account modules actually produce come out in English.
import { describe, expect, it } from 'vitest'
import { passwordProblems } from '../core/crypto/password'
import { translate } from './index'
import { expectEnglish } from './test-english'

const en = (text: string) => translate('en', text)

describe('English for password problems', () => {
  it('should translate every problem, with the limits', () => {
    const problems = [...passwordProblems('aaaa'), ...passwordProblems('x'.repeat(201))]
    expect(new Set(problems).size).toBe(3)
    for (const problem of problems) expectEnglish(problem)
    expect(en(passwordProblems('abc')[0]!)).toBe('The password must have at least 10 characters.')
  })
})
