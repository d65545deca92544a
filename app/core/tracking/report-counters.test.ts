import { describe, expect, it } from 'vitest'
import { buildFunnel, sentBuckets, sessionSplit } from './report'
import { withLiveWindow } from './report-counters.server'

const group = (status: string, n: number) => ({ status, n, clicked: 0, replied: 0, recent: 0, suppressed: 0 })

describe('withLiveWindow', () => {
  it('should put the send rate on the funnel once and the cut hour as unbucketed old sends', () => {
    const { groups, sessionGroups } = withLiveWindow(
      [group('sent', 10), group('read', 5)],
      [
        { sessionId: 'a', status: 'sent', bucket: 100, n: 6, oldSent: 4 },
        { sessionId: 'b', status: 'sent', bucket: 101, n: 4, oldSent: 0 },
      ],
      [
        { sessionId: 'a', boundarySent: 2 },
        { sessionId: 'b', boundarySent: 0 },
      ],
      [{ n: 3 }],
      [{ n: 1 }],
    )
    expect(groups.map((g) => g.recent)).toEqual([4, 0])
    expect(buildFunnel(groups, sessionGroups, 0).recent).toBe(4)
    // Old sends: 4 from whole hours, 2 from the cut hour; the timeline's buckets do not change.
    expect(sessionSplit(sessionGroups).get('a')?.unconfirmed).toBe(6)
    expect(sessionSplit(sessionGroups).get('b')?.unconfirmed).toBe(0)
    expect(sentBuckets(sessionGroups)).toEqual([
      { hour: 100, n: 6 },
      { hour: 101, n: 4 },
    ])
  })

  it('should keep a send rate when the counters have no group yet', () => {
    const { groups } = withLiveWindow([], [], [], [{ n: 0 }], [{ n: 2 }])
    expect(groups).toEqual([{ ...group('sent', 0), recent: 2 }])
  })
})
