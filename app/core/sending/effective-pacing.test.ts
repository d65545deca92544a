import { describe, expect, it } from 'vitest'
import { campaignPacing, earliestJointSlot, effectivePacing, intersectWindows } from './effective-pacing'
import type { Pacing } from './pacing'
import { fromLocalTime } from './time-zone'

const SP = 'America/Sao_Paulo'
const NO_REST = { packageMin: null, packageMax: null, restMinMin: null, restMaxMin: null }
const session: Pacing = {
  minDelayS: 30,
  maxDelayS: 60,
  maxPerMinute: 10,
  dailyCap: 500,
  window: { days: [1, 2, 3, 4, 5], startMinute: 8 * 60, endMinute: 20 * 60 },
  timeZone: SP,
}

describe('effectivePacing', () => {
  it('takes the stricter value of every field and says who set it', () => {
    const campaign = campaignPacing(
      {
        ...NO_REST,
        minDelayS: 45,
        maxDelayS: 90,
        maxPerMinute: 20,
        dailyCap: 100,
        window: { days: [1, 2, 3, 4, 5, 6], startMinute: 9 * 60, endMinute: 22 * 60 },
      },
      SP,
    )
    const e = effectivePacing(session, campaign)
    expect(e.pacing).toMatchObject({ minDelayS: 45, maxDelayS: 90, maxPerMinute: 10, dailyCap: 100 })
    expect(e.pacing.window).toEqual({ days: [1, 2, 3, 4, 5], startMinute: 9 * 60, endMinute: 20 * 60 })
    expect(e.limitedBy).toEqual({
      delay: 'campaign',
      maxPerMinute: 'session',
      dailyCap: 'campaign',
      window: 'campaign',
      rest: 'session',
    })
    expect(e.windowEmpty).toBe(false)
  })

  it('is the session’s own pacing when the campaign restricts nothing', () => {
    const none = campaignPacing(
      { ...NO_REST, minDelayS: null, maxDelayS: null, maxPerMinute: null, dailyCap: null, window: null },
      SP,
    )
    expect(none).toBeNull()
    const e = effectivePacing(session, none)
    expect(e.pacing).toEqual({ ...session, rest: null, warmup: null })
    expect(Object.values(e.limitedBy).every((s) => s === 'session')).toBe(true)
  })

  it('says "both" when the values agree and flags windows that never meet', () => {
    const same = campaignPacing(
      { ...NO_REST, ...session, window: { days: [6, 0], startMinute: 8 * 60, endMinute: 20 * 60 } },
      SP,
    )
    const e = effectivePacing(session, same)
    expect(e.limitedBy).toMatchObject({ delay: 'both', maxPerMinute: 'both', dailyCap: 'both' })
    expect(e.windowEmpty).toBe(true)
    expect(
      intersectWindows(
        { days: [1], startMinute: 600, endMinute: 700 },
        { days: [1], startMinute: 700, endMinute: 800 },
      ),
    ).toEqual({
      days: [1],
      startMinute: 700,
      endMinute: 700,
    })
  })

  it('keeps min ≤ max when the campaign raises only one bound', () => {
    const e = effectivePacing(
      session,
      campaignPacing(
        { ...NO_REST, minDelayS: 90, maxDelayS: 90, maxPerMinute: null, dailyCap: null, window: null },
        SP,
      ),
    )
    expect(e.pacing.minDelayS).toBeLessThanOrEqual(e.pacing.maxDelayS)
  })
})

describe('earliestJointSlot', () => {
  const monday10 = fromLocalTime({ year: 2026, month: 11, day: 23 }, 10 * 60, SP)
  const open: Pacing = {
    minDelayS: 0,
    maxDelayS: 0,
    maxPerMinute: 60,
    dailyCap: 1000,
    window: null,
    timeZone: SP,
  }
  const none = { recentSends: [], sentToday: 0, lastSendAt: null }

  it('waits for the later of two drawn gaps', () => {
    const slot = earliestJointSlot(
      [
        {
          pacing: { ...open, minDelayS: 10, maxDelayS: 10 },
          history: { ...none, lastSendAt: monday10 - 5_000 },
          planned: null,
        },
        {
          pacing: { ...open, minDelayS: 30, maxDelayS: 30 },
          history: { ...none, lastSendAt: monday10 - 5_000 },
          planned: null,
        },
      ],
      monday10,
      () => 0.5,
    )
    expect(slot.at).toBe(monday10 + 25_000)
    expect(slot.planned).toEqual([monday10 + 5_000, monday10 + 25_000])
  })

  it('moves until every track’s window and daily cap allow the same instant', () => {
    const a = { ...open, window: { days: [1, 2, 3, 4, 5], startMinute: 9 * 60, endMinute: 12 * 60 } }
    const b = { ...open, dailyCap: 1, window: { days: [2, 3], startMinute: 11 * 60, endMinute: 18 * 60 } }
    const slot = earliestJointSlot(
      [
        { pacing: a, history: none, planned: null },
        { pacing: b, history: { ...none, sentToday: 1 }, planned: null },
      ],
      monday10,
      () => 0,
    )
    // Tuesday 11:00: Monday is b's capped day and b's window only opens on Tuesday at 11.
    expect(slot.at).toBe(fromLocalTime({ year: 2026, month: 11, day: 24 }, 11 * 60, SP))
  })
})
