import { describe, expect, it } from 'vitest'
import { campaignFinishEstimate, type EstimateSession, sendingSessions } from './finish-estimate'
import { fromLocalTime } from './time-zone'

const SP = 'America/Sao_Paulo'
const monday10 = fromLocalTime({ year: 2026, month: 11, day: 23 }, 10 * 60, SP)
const MIN = 60_000
/** The estimate searches the finish instant to the second. */
const near = (ms: number | null, expected: number) =>
  expect(Math.abs((ms ?? Number.NaN) - expected)).toBeLessThan(1_000)

function session(id: string, over: Partial<EstimateSession> = {}): EstimateSession {
  return {
    id,
    displayName: id,
    status: 'WORKING',
    pausedUntil: null,
    failoverEnabled: true,
    failoverPriority: 1,
    minDelayS: 30,
    maxDelayS: 30,
    maxPerMinute: 10,
    dailyCap: 500,
    windowDays: '1,2,3,4,5',
    windowStartMin: 8 * 60,
    windowEndMin: 20 * 60,
    packageMin: 0,
    packageMax: 0,
    restMinMin: 0,
    restMaxMin: 0,
    warmupEnabled: false,
    warmupStartCap: 20,
    warmupDays: 14,
    firstConnectedAt: null,
    createdAt: 0,
    ...over,
  }
}
const noCampaignPacing = {
  packageMin: null,
  packageMax: null,
  restMinMin: null,
  restMaxMin: null,
  minDelayS: null,
  maxDelayS: null,
  maxPerMinute: null,
  dailyCap: null,
  window: null,
}

describe('campaignFinishEstimate', () => {
  it('counts on the effective pacing: a slower campaign takes longer than its sessions alone', () => {
    const sessions = [session('a'), session('b')]
    const free = campaignFinishEstimate({ campaign: noCampaignPacing, sessions, waiting: 120, now: monday10 })
    // 2 numbers × 2/min = 4/min → 30 min.
    near(free.durationMs, 30 * MIN)
    const slow = campaignFinishEstimate({
      campaign: { ...noCampaignPacing, minDelayS: 60, maxDelayS: 60 },
      sessions,
      waiting: 120,
      now: monday10,
    })
    near(slow.durationMs, 60 * MIN)
    expect(slow.basis).toBe('pacing')
  })

  it('waits for the next window opening and respects the daily cap', () => {
    const evening = fromLocalTime({ year: 2026, month: 11, day: 23 }, 19 * 60 + 50, SP)
    const e = campaignFinishEstimate({
      campaign: noCampaignPacing,
      sessions: [session('a', { dailyCap: 100 })],
      waiting: 150,
      now: evening,
    })
    // 20 tonight (10 min × 2/min), 100 on Tuesday (the cap), 30 more on Wednesday from 08:00 → 08:15.
    expect(e.finishAt).toBe(fromLocalTime({ year: 2026, month: 11, day: 25 }, 8 * 60 + 15, SP))
  })

  it('right after launch trusts the pacing, not an almost empty observation', () => {
    const e = campaignFinishEstimate({
      campaign: noCampaignPacing,
      sessions: [session('a', { minDelayS: 0, maxDelayS: 0, maxPerMinute: 60 })],
      waiting: 60,
      now: monday10,
      observed: { recent: 2, windowMs: 10 * MIN, startedAt: monday10 - 20_000 },
    })
    expect(e.basis).toBe('pacing')
    near(e.durationMs, MIN)
  })

  it('once sending, uses the observed rate since the start when it is slower than the pacing', () => {
    const e = campaignFinishEstimate({
      campaign: noCampaignPacing,
      sessions: [session('a', { minDelayS: 0, maxDelayS: 0, maxPerMinute: 60 })],
      waiting: 300,
      now: monday10,
      // 60 sent in the 2 minutes since launch (not diluted over a 10-minute window): 30/min.
      observed: { recent: 60, windowMs: 10 * MIN, startedAt: monday10 - 2 * MIN },
    })
    expect(e.basis).toBe('observed')
    expect(e.durationMs).toBe(10 * MIN)
  })

  it('counts a new number’s warm-up: its daily cap grows day by day from the start cap', () => {
    const sessions = (warmupEnabled: boolean) => [
      session('a', {
        minDelayS: 0,
        maxDelayS: 0,
        maxPerMinute: 60,
        windowDays: '0,1,2,3,4,5,6',
        warmupEnabled,
        warmupStartCap: 20,
        warmupDays: 14,
        firstConnectedAt: monday10,
      }),
    ]
    const warm = campaignFinishEstimate({
      campaign: noCampaignPacing,
      sessions: sessions(true),
      waiting: 60,
      now: monday10,
    })
    // 20 × (500/20)^(d/14): 20 on Monday (day 0), 25 on Tuesday, 31 on Wednesday; at one a second the
    // 60th goes out on Wednesday at 08:00:15.
    near(warm.finishAt, fromLocalTime({ year: 2026, month: 11, day: 25 }, 8 * 60, SP) + 15_000)
    const cold = campaignFinishEstimate({
      campaign: noCampaignPacing,
      sessions: sessions(false),
      waiting: 60,
      now: monday10,
    })
    // Without warm-up: 60 at one a second, a minute.
    near(cold.durationMs, MIN)
  })

  it('counts rest packages: one mean rest per mean package on top of the gaps', () => {
    const rested = session('a', {
      minDelayS: 30,
      maxDelayS: 30,
      packageMin: 10,
      packageMax: 10,
      restMinMin: 10,
      restMaxMin: 10,
    })
    const e = campaignFinishEstimate({
      campaign: noCampaignPacing,
      sessions: [rested],
      waiting: 60,
      now: monday10,
    })
    // Each message: 30 s + 10 min / 10 = 90 s → 60 messages in 90 min (without rests: 30 min).
    near(e.durationMs, 90 * MIN)
    // The campaign's own rest packages count too (the stricter of the two applies).
    const own = { ...noCampaignPacing, packageMin: 5, packageMax: 5, restMinMin: 10, restMaxMin: 10 }
    const both = campaignFinishEstimate({ campaign: own, sessions: [rested], waiting: 60, now: monday10 })
    near(both.durationMs, 150 * MIN)
  })

  it('has no estimate when no session can send', () => {
    const e = campaignFinishEstimate({ campaign: noCampaignPacing, sessions: [], waiting: 10, now: monday10 })
    expect(e.durationMs).toBeNull()
  })
})

describe('sendingSessions', () => {
  const campaign = { ...noCampaignPacing, sessionIds: ['own'] }
  it('is the campaign’s own usable sessions', () => {
    expect(
      sendingSessions(campaign, [session('own'), session('r')], monday10).sessions.map((s) => s.id),
    ).toEqual(['own'])
  })
  it('falls back to the best reserve when none of its own can send', () => {
    const team = [
      session('own', { status: 'FAILED' }),
      session('r2', { failoverPriority: 2 }),
      session('r1', { failoverPriority: 1 }),
      session('no', { failoverEnabled: false, failoverPriority: 0 }),
    ]
    expect(sendingSessions(campaign, team, monday10)).toMatchObject({
      reserve: true,
      sessions: [{ id: 'r1' }],
    })
  })
  it('leaves out paused sessions and windows that never meet the campaign’s', () => {
    const narrow = { ...campaign, window: { days: [1], startMinute: 21 * 60, endMinute: 22 * 60 } }
    const team = [session('own'), session('paused', { pausedUntil: monday10 + MIN })]
    expect(sendingSessions(narrow, team, monday10).sessions).toEqual([])
  })
})
