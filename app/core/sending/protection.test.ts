import { describe, expect, it } from 'vitest'
import {
  budgetDay,
  etaAfterBudget,
  firstContactBudget,
  HOLD_REASONS,
  HOLD_TEXT,
  holdReasonOf,
  sameTextKey,
} from './protection'
import { fromLocalTime } from './time-zone'

const SP = 'America/Sao_Paulo'

describe('holdReasonOf', () => {
  it('should put a recent message first, then the same text, then the budget', () => {
    expect(holdReasonOf({ recentMessage: true, sameText: true, budgetSpent: true })).toBe('recent_message')
    expect(holdReasonOf({ recentMessage: false, sameText: true, budgetSpent: true })).toBe('same_text')
    expect(holdReasonOf({ recentMessage: false, sameText: false, budgetSpent: true })).toBe(
      'first_contact_budget',
    )
  })

  it('should say nothing holds the row when no rule does', () => {
    expect(holdReasonOf({ recentMessage: false, sameText: false, budgetSpent: false })).toBeNull()
  })
})

describe('firstContactBudget', () => {
  it('should turn the budget off with 0, and with values that are not positive numbers', () => {
    expect(firstContactBudget(0)).toBeNull()
    expect(firstContactBudget(-1)).toBeNull()
    expect(firstContactBudget(Number.POSITIVE_INFINITY)).toBeNull()
  })

  it('should count whole numbers', () => {
    expect(firstContactBudget(50)).toBe(50)
    expect(firstContactBudget(7.5)).toBe(7)
  })
})

describe('budgetDay', () => {
  it('should be the São Paulo calendar day, not the UTC one', () => {
    // 2026-11-24 01:30 UTC is still 2026-11-23 22:30 in São Paulo (UTC-3)
    const day = budgetDay(Date.UTC(2026, 10, 24, 1, 30), SP)
    expect(day.start).toBe(fromLocalTime({ year: 2026, month: 11, day: 23 }, 0, SP))
    expect(day.end).toBe(fromLocalTime({ year: 2026, month: 11, day: 24 }, 0, SP))
    expect(day.end - day.start).toBe(24 * 60 * 60 * 1000)
  })

  it('should open the next day exactly at local midnight', () => {
    const midnight = fromLocalTime({ year: 2026, month: 11, day: 24 }, 0, SP)
    expect(budgetDay(midnight, SP).start).toBe(midnight)
    expect(budgetDay(midnight - 1, SP).end).toBe(midnight)
  })
})

describe('HOLD_TEXT', () => {
  it('should have words for every reason', () => {
    for (const r of HOLD_REASONS) expect(HOLD_TEXT[r].length).toBeGreaterThan(10)
  })
})

describe('etaAfterBudget', () => {
  const now = fromLocalTime({ year: 2026, month: 11, day: 23 }, 22 * 60, SP)
  const midnight = fromLocalTime({ year: 2026, month: 11, day: 24 }, 0, SP)

  it('should not promise an end before the budget opens again when rows wait for it', () => {
    expect(etaAfterBudget(10 * 60 * 1000, 3, now, SP)).toEqual({ etaMs: midnight - now, byBudget: true })
  })

  it('should keep a later estimate, no estimate, and estimates of campaigns with nothing held', () => {
    expect(etaAfterBudget(5 * 60 * 60 * 1000, 3, now, SP)).toEqual({
      etaMs: 5 * 60 * 60 * 1000,
      byBudget: false,
    })
    expect(etaAfterBudget(null, 3, now, SP)).toEqual({ etaMs: null, byBudget: false })
    expect(etaAfterBudget(60_000, 0, now, SP)).toEqual({ etaMs: 60_000, byBudget: false })
  })
})

describe('sameTextKey', () => {
  it('should give the same key to the same text and different keys to different texts', () => {
    expect(sameTextKey('Oi Ana, chegou a promoção!')).toBe(sameTextKey('Oi Ana, chegou a promoção!'))
    expect(sameTextKey('Oi Ana, chegou a promoção!')).not.toBe(sameTextKey('Oi Ana, chegou a promoção.'))
    expect(sameTextKey('')).toMatch(/^[0-9a-f]+$/)
    const keys = new Set(
      Array.from({ length: 5000 }, (_, i) => sameTextKey(`Oi contato ${i}, veja a oferta`)),
    )
    expect(keys.size).toBe(5000)
  })
})
