import { describe, expect, it } from 'vitest'
import { nextAttemptAt, RETRY_WINDOW_MS } from './backoff'

describe('webhook retry schedule', () => {
  it('waits 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, then the 24-hour mark, then gives up', () => {
    const first = 1_000_000
    let now = first
    const gaps: number[] = []
    for (let attempts = 1; ; attempts++) {
      const next = nextAttemptAt(attempts, first, now)
      if (next === null) break
      gaps.push(next - now)
      now = next
    }
    expect(gaps.map((g) => g / 1000)).toEqual([5, 300, 1800, 7200, 18_000, 36_000, 23_095])
    expect(now - first).toBe(RETRY_WINDOW_MS)
    expect(gaps.length + 1).toBe(8)
  })
})
