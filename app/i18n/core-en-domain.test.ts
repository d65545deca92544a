// The messages the contacts, campaign and account modules actually produce come out in English.
import { describe, expect, it } from 'vitest'
import { CAMPAIGN_STATUSES, transitionError } from '../core/campaigns/status'
import { parseTemplate } from '../core/campaigns/template-parser'
import { passwordProblems } from '../core/crypto/password'
import { validatePacing } from '../core/sending/pacing'
import { translate } from './index'
import { expectEnglish } from './test-english'

const en = (text: string) => translate('en', text)

describe('English for campaign messages', () => {
  it('should translate every pacing problem', () => {
    const problems = [
      ...validatePacing({
        minDelayS: -1,
        maxDelayS: -1,
        maxPerMinute: 0,
        dailyCap: 0,
        timeZone: 'Mars/Base',
      }),
      ...validatePacing({ minDelayS: 9, maxDelayS: 3, window: { days: [], startMinute: -1, endMinute: 0 } }),
      ...validatePacing({ window: { days: [9], startMinute: 600, endMinute: 540 } }),
    ].map((p) => p.message)
    expect(new Set(problems).size).toBe(11)
    for (const message of problems) expectEnglish(message)
  })

  it('should translate every illegal status move, with English status names', () => {
    let illegal = 0
    for (const from of CAMPAIGN_STATUSES) {
      for (const to of CAMPAIGN_STATUSES) {
        const error = transitionError(from, to)
        if (!error) continue
        illegal++
        expectEnglish(error)
      }
    }
    expect(illegal).toBeGreaterThan(20)
    expect(en(transitionError('draft', 'paused')!)).toBe(
      'The campaign cannot move from "draft" to "paused". From "draft" it can only move to: "scheduled", "sending", "cancelled".',
    )
    expect(en(transitionError('finished', 'running')!)).toBe(
      'The campaign cannot move from "finished" to "sending". The campaign is already finished; create a new one to send again.',
    )
    expect(en(transitionError('paused', 'paused')!)).toBe('The campaign status is already "paused".')
    expectEnglish(transitionError('x' as never, 'draft')!)
  })

  it('should translate template errors with their position', () => {
    const errors = ['Oi {{ }}', 'Oi }', '{Oi} tudo bem', 'Oi {a|b'].flatMap((text) => {
      const parsed = parseTemplate(text)
      return parsed.ok ? [] : parsed.errors.map((e) => e.message)
    })
    expect(errors).toHaveLength(4)
    for (const message of errors) expectEnglish(message)
    expect(en(errors[1]!)).toBe(
      'Closing brace "}" without an opening one (line 1, column 4): remove it or write \\} to show it in the text.',
    )
  })
})

describe('English for password problems', () => {
  it('should translate every problem, with the limits', () => {
    const problems = [...passwordProblems('aaaa'), ...passwordProblems('x'.repeat(201))]
    expect(new Set(problems).size).toBe(3)
    for (const problem of problems) expectEnglish(problem)
    expect(en(passwordProblems('abc')[0]!)).toBe('The password must have at least 10 characters.')
  })
})
