import { describe, expect, it } from 'vitest'
import { fromLocalTime } from '../sending/time-zone'
import { warmupPlanView } from './warmup-plan'

const SP = 'America/Sao_Paulo'
const day = (d: number, minute = 10 * 60) => fromLocalTime({ year: 2026, month: 11, day: d }, minute, SP)

const row = {
  minDelayS: 30,
  maxDelayS: 60,
  maxPerMinute: 10,
  dailyCap: 500,
  windowDays: '1,2,3,4,5,6',
  windowStartMin: 480,
  windowEndMin: 1200,
  packageMin: 20,
  packageMax: 40,
  restMinMin: 5,
  restMaxMin: 15,
  warmupEnabled: true,
  warmupStartCap: 20,
  warmupDays: 14,
  firstConnectedAt: day(2, 23 * 60 + 30) as number | null,
  createdAt: day(1),
}

describe('warm-up plan view', () => {
  it('counts days from the first connection in São Paulo, starting low and growing to the cap', () => {
    const first = warmupPlanView(row, day(2, 23 * 60 + 50))
    expect(first).toMatchObject({
      state: 'running',
      day: 1,
      days: 14,
      todayCap: 20,
      dailyCap: 500,
      connected: true,
    })
    const third = warmupPlanView(row, day(4))
    expect(third.state === 'running' && third.day).toBe(3)
    if (third.state !== 'running') return
    expect(third.plan).toHaveLength(14)
    expect(third.plan[0]).toEqual({ day: 1, cap: 20 })
    expect(third.todayCap).toBe(third.plan[2]!.cap)
    for (let i = 1; i < third.plan.length; i++)
      expect(third.plan[i]!.cap).toBeGreaterThanOrEqual(third.plan[i - 1]!.cap)
    expect(third.plan[13]!.cap).toBeLessThan(500)
  })

  it('is done after the last day, off when switched off, and counts from the registration before any connection', () => {
    expect(warmupPlanView(row, day(16))).toMatchObject({ state: 'done', todayCap: 500 })
    expect(warmupPlanView({ ...row, warmupEnabled: false }, day(3))).toEqual({ state: 'off', dailyCap: 500 })
    expect(warmupPlanView({ ...row, firstConnectedAt: null }, day(1, 11 * 60))).toMatchObject({
      day: 1,
      connected: false,
    })
    expect(warmupPlanView({ ...row, warmupStartCap: 500 }, day(3))).toMatchObject({
      state: 'done',
      todayCap: 500,
    })
  })
})
