// The number-protection controls take effect (decision 020): each value is saved through the session
// form (a plain admin post, as without JS) and then the real SenderSession Durable Object sends to the
// WAHA simulator under it, with a fake clock that jumps to each alarm. Asserted on the instants the
// loop actually sent at.
import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { warmupCap } from '../../app/core/sending/pacing'
import { fromLocalTime, toLocalTime } from '../../app/core/sending/time-zone'
import { wahaSessions } from '../../db/schema'
import { appFetch } from './helpers/app'
import { createEngineFixture, type EngineFixture } from './helpers/engine'
import { queueRunning, runWithFakeClock } from './helpers/engine-clock'
import { sessionForm } from './sessions-fake-waha'

const SP = 'America/Sao_Paulo'
// Monday 2026-11-23 in São Paulo
const at = (day: number, minute: number) => fromLocalTime({ year: 2026, month: 11, day }, minute, SP)

/** Saves the session's settings through its page's form (admin), open pacing unless `over` says otherwise. */
async function saveThroughForm(f: EngineFixture, over: Record<string, string | null>) {
  const s = f.sessions[0]!
  const res = await appFetch(`/integracoes/sessoes/${s.id}`, {
    cookie: f.tenant.users.admin.cookie,
    form: sessionForm(
      {
        intent: 'update',
        apiKey: '',
        sessionName: null,
        serverUrl: env.WAHA_SIM_URL,
        displayName: 'Número de teste',
        minDelayS: '0',
        maxDelayS: '0',
        maxPerMinute: '60',
        dailyCap: '100',
        windowStart: '00:00',
        windowEnd: '24:00',
        warmupEnabled: null,
        packageMin: '0',
        packageMax: '0',
        restMinMin: '0',
        restMaxMin: '0',
        firstContactDailyBudget: '100000',
        ...over,
      },
      ['0', '1', '2', '3', '4', '5', '6'],
    ),
  })
  expect(res.status, await res.clone().text()).toBe(303)
}

const perDay = (ats: number[]) => {
  const out = new Map<number, number>()
  for (const t of ats) {
    const d = toLocalTime(t, SP).day
    out.set(d, (out.get(d) ?? 0) + 1)
  }
  return [...out.values()]
}

describe('warm-up, as saved in the session form, in the Durable Object', () => {
  it('a new number sends the warm-up cap of each day, growing day by day', async () => {
    const f = await createEngineFixture({ contacts: 14, seed: 401 })
    await saveThroughForm(f, { warmupEnabled: 'on', warmupStartCap: '3', warmupDays: '5', dailyCap: '100' })
    await f.tenant.ctx.db
      .update(wahaSessions)
      .set({ firstConnectedAt: at(23, 9 * 60) })
      .where(eq(wahaSessions.id, f.sessions[0]!.id))
    const sent = await runWithFakeClock(f.sessions[0]!.id, await queueRunning(f, 14), at(23, 10 * 60))
    expect(sent).toHaveLength(14)
    const plan = { startCap: 3, days: 5 }
    // Day 0: 3, day 1: 6, day 2: the remaining 5 (cap 12).
    expect([warmupCap(plan, 100, 0), warmupCap(plan, 100, 1), warmupCap(plan, 100, 2)]).toEqual([3, 6, 12])
    expect(perDay(sent)).toEqual([3, 6, 5])
    expect(toLocalTime(sent[3]!, SP).day).toBe(24)
  })

  it('the first day’s cap and the number of days are the ones typed', async () => {
    const f = await createEngineFixture({ contacts: 12, seed: 402 })
    // One warm-up day starting at 5: day 0 sends 5, day 1 is already the full cap (10).
    await saveThroughForm(f, { warmupEnabled: 'on', warmupStartCap: '5', warmupDays: '1', dailyCap: '10' })
    await f.tenant.ctx.db
      .update(wahaSessions)
      .set({ firstConnectedAt: at(23, 9 * 60) })
      .where(eq(wahaSessions.id, f.sessions[0]!.id))
    const sent = await runWithFakeClock(f.sessions[0]!.id, await queueRunning(f, 12), at(23, 10 * 60))
    expect(perDay(sent)).toEqual([5, 7])
  })

  it('switched off by an admin: the full daily cap from the first day', async () => {
    const f = await createEngineFixture({ contacts: 12, seed: 403 })
    await saveThroughForm(f, { warmupEnabled: null, warmupStartCap: '2', warmupDays: '30', dailyCap: '10' })
    await f.tenant.ctx.db
      .update(wahaSessions)
      .set({ firstConnectedAt: at(23, 9 * 60) })
      .where(eq(wahaSessions.id, f.sessions[0]!.id))
    const sent = await runWithFakeClock(f.sessions[0]!.id, await queueRunning(f, 12), at(23, 10 * 60))
    expect(perDay(sent)).toEqual([10, 2])
  })
})

describe('rest packages, as saved in the session form, in the Durable Object', () => {
  it('sends a package within the typed size, then rests within the typed minutes', async () => {
    const f = await createEngineFixture({ contacts: 12, seed: 404 })
    await saveThroughForm(f, {
      packageMin: '3',
      packageMax: '4',
      restMinMin: '10',
      restMaxMin: '12',
      minDelayS: '5',
      maxDelayS: '5',
    })
    const sent = await runWithFakeClock(f.sessions[0]!.id, await queueRunning(f, 12), at(23, 10 * 60))
    expect(sent).toHaveLength(12)
    const gaps = sent.slice(1).map((t, i) => t - sent[i]!)
    const rests = gaps.map((g, i) => ({ g, i })).filter(({ g }) => g >= 10 * 60_000)
    for (const { g } of rests) expect(g).toBeLessThanOrEqual(12 * 60_000 + 5_000)
    for (const g of gaps.filter((x) => x < 10 * 60_000)) expect(g).toBeLessThan(60_000)
    // Package sizes between rests: 3 or 4 (the last one may be cut short by the end of the queue).
    const bounds = [-1, ...rests.map((r) => r.i), gaps.length]
    const sizes = bounds.slice(1).map((b, k) => b - bounds[k]!)
    expect(rests.length).toBeGreaterThanOrEqual(2)
    for (const size of sizes.slice(0, -1)) expect([3, 4]).toContain(size)
    expect(sizes.at(-1)!).toBeLessThanOrEqual(4)
  })

  it('0/0 packages: no rests at all', async () => {
    const f = await createEngineFixture({ contacts: 10, seed: 405 })
    await saveThroughForm(f, {
      packageMin: '0',
      packageMax: '0',
      restMinMin: '30',
      restMaxMin: '30',
      minDelayS: '5',
      maxDelayS: '5',
    })
    const sent = await runWithFakeClock(f.sessions[0]!.id, await queueRunning(f, 10), at(23, 10 * 60))
    expect(sent).toHaveLength(10)
    expect(sent.at(-1)! - sent[0]!).toBeLessThan(2 * 60_000)
  })
})

/** Sizes of the packages between rests of at least `restMs`. */
function packages(sent: number[], restMs: number) {
  const sizes: number[] = []
  let size = 1
  for (let i = 1; i < sent.length; i++) {
    if (sent[i]! - sent[i - 1]! >= restMs) {
      sizes.push(size)
      size = 1
    } else size++
  }
  sizes.push(size)
  return sizes
}

describe('campaign rest packages on top of the session’s (stricter wins), in the Durable Object', () => {
  it('a campaign with smaller packages and longer rests slows the number down', async () => {
    const f = await createEngineFixture({ contacts: 8, seed: 406 })
    await saveThroughForm(f, {
      packageMin: '20',
      packageMax: '40',
      restMinMin: '5',
      restMaxMin: '15',
      minDelayS: '5',
      maxDelayS: '5',
    })
    const jobs = await queueRunning(f, 8, { packageMin: 2, packageMax: 2, restMinMin: 20, restMaxMin: 20 })
    const sent = await runWithFakeClock(f.sessions[0]!.id, jobs, at(23, 10 * 60))
    expect(sent).toHaveLength(8)
    expect(packages(sent, 20 * 60_000)).toEqual([2, 2, 2, 2])
  })

  it('a campaign with bigger packages and shorter rests does not lift the session’s', async () => {
    const f = await createEngineFixture({ contacts: 9, seed: 407 })
    await saveThroughForm(f, {
      packageMin: '3',
      packageMax: '3',
      restMinMin: '10',
      restMaxMin: '10',
      minDelayS: '5',
      maxDelayS: '5',
    })
    const jobs = await queueRunning(f, 9, { packageMin: 50, packageMax: 60, restMinMin: 1, restMaxMin: 1 })
    const sent = await runWithFakeClock(f.sessions[0]!.id, jobs, at(23, 10 * 60))
    expect(sent).toHaveLength(9)
    expect(packages(sent, 10 * 60_000)).toEqual([3, 3, 3])
  })
})
