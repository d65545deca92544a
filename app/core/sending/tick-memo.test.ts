import { describe, expect, it } from 'vitest'
import { seededRandom } from '../../../tests/builders'
import { memoryLocalQueue } from '../../../tests/integration/helpers/memory-queue'
import type { LocalQueue } from './local-queue.server'
import { memoizedForTick } from './tick-memo'

/** Counts the calls that reach the storage underneath. */
function counted(queue: LocalQueue) {
  const calls: Record<string, number> = {}
  const wrapped = Object.fromEntries(
    Object.entries(queue).map(([name, fn]) => [
      name,
      typeof fn === 'function'
        ? (...args: unknown[]) => {
            calls[name] = (calls[name] ?? 0) + 1
            return (fn as (...a: unknown[]) => unknown)(...args)
          }
        : fn,
    ]),
  ) as unknown as LocalQueue
  return { queue: wrapped, calls }
}

describe('memoizedForTick', () => {
  it('answers exactly what the storage answers, through any mix of reads and writes', () => {
    const random = seededRandom(11)
    for (let run = 0; run < 20; run++) {
      const plain = memoryLocalQueue()
      const under = memoryLocalQueue()
      // history from earlier ticks
      for (let i = 0; i < 30; i++) {
        const at = 1_000_000 + Math.floor(random() * 200_000)
        const campaign = random() < 0.5 ? 'c1' : 'c2'
        plain.recordSend(at, campaign)
        under.recordSend(at, campaign)
      }
      const memo = memoizedForTick(under)
      let now = 1_200_000
      const sinces = [0, 1_050_000, 1_100_000, 1_150_000]
      for (let step = 0; step < 300; step++) {
        const campaign = [null, 'c1', 'c2'][Math.floor(random() * 3)] ?? null
        const op = Math.floor(random() * 6)
        if (op === 0) {
          now += Math.floor(random() * 5_000)
          const c = campaign ?? 'c1'
          plain.recordSend(now, c)
          memo.recordSend(now, c)
        } else if (op === 1) {
          const since = sinces[Math.floor(random() * sinces.length)] ?? 0
          expect(memo.countSince(since, campaign)).toBe(plain.countSince(since, campaign))
        } else if (op === 2) {
          expect(memo.lastSendAt(campaign)).toBe(plain.lastSendAt(campaign))
        } else if (op === 3) {
          const at = random() < 0.3 ? null : now + Math.floor(random() * 3) * 1000
          plain.setPlannedAt(at, campaign)
          memo.setPlannedAt(at, campaign)
        } else if (op === 4) {
          expect(memo.plannedAt(campaign)).toBe(plain.plannedAt(campaign))
        } else {
          const state = { left: Math.floor(random() * 3), restUntil: random() < 0.5 ? null : now }
          plain.setPackageState(campaign, state)
          memo.setPackageState(campaign, state)
          expect(memo.packageState(campaign)).toEqual(plain.packageState(campaign))
        }
        // what reached the storage is what the plain queue holds
        expect(under.plannedAt(campaign)).toBe(plain.plannedAt(campaign))
        expect(under.packageState(campaign)).toEqual(plain.packageState(campaign))
        expect(under.countSince(0, campaign)).toBe(plain.countSince(0, campaign))
      }
    }
  })

  it('asks the storage once for the same question and skips writes that change nothing', () => {
    const { queue, calls } = counted(memoryLocalQueue())
    const memo = memoizedForTick(queue)
    for (let i = 0; i < 50; i++) {
      memo.countSince(0, null)
      memo.countSince(0, 'c1')
      memo.lastSendAt(null)
      memo.plannedAt('c1')
      memo.setPlannedAt(null, 'c1')
      memo.recordSend(1000 + i, 'c1')
    }
    expect(calls.countSince).toBe(2)
    expect(calls.lastSendAt).toBe(1)
    expect(calls.plannedAt).toBe(1)
    expect(calls.setPlannedAt ?? 0).toBe(0)
    expect(calls.recordSend).toBe(50)
    expect(memo.countSince(0, 'c1')).toBe(50)
    expect(memo.lastSendAt(null)).toBe(1049)
  })

  it('forgets the drawn gaps when the backlog leaves or they are cleared', () => {
    const under = memoryLocalQueue()
    const memo = memoizedForTick(under)
    memo.setPlannedAt(5000, null)
    expect(memo.plannedAt(null)).toBe(5000)
    memo.clearPlanned()
    expect(memo.plannedAt(null)).toBeNull()
    memo.setPlannedAt(6000, null)
    memo.takeAll()
    under.setPlannedAt(7000, null) // another handler drew again after the backlog left
    expect(memo.plannedAt(null)).toBe(7000)
  })
})
