// The pacing loop asks the object's storage the same questions before every message (how many sends
// today, the last send, the drawn gaps, the rest packages): a dozen SQLite statements per message in a
// burst (decision 028, third pass). For the length of one tick the loop is the only writer of those
// answers, so they are kept here and changed as the loop writes (write-through): the storage still gets
// every write that changes something, and a write that changes nothing is skipped.
//
// Only answers to the same question are reused: a count is kept per (campaign, since) and each send
// recorded in the tick adds one to the counts it falls in. Jobs (peek, campaigns, hold, release) are
// not kept: new jobs may arrive from the router while the tick awaits.
import type { PackageState } from './effective-pacing'
import type { LocalQueue } from './local-queue.server'

const SESSION_KEY = '*'
const keyOf = (campaignId: string | null) => campaignId ?? SESSION_KEY
/** Distinct counts kept at most (day start, hour starts, minute floors per campaign: a handful). */
const MAX_COUNTS = 64

/** The queue as one tick of the loop sees it: the same answers, fewer statements. */
export function memoizedForTick(queue: LocalQueue): LocalQueue {
  const last = new Map<string, number | null>()
  const planned = new Map<string, number | null>()
  const packages = new Map<string, PackageState>()
  const counts = new Map<string, { campaignId: string | null; since: number; n: number }>()
  return {
    ...queue,
    takeAll: () => {
      planned.clear()
      return queue.takeAll()
    },
    countSince: (since, campaignId) => {
      const key = `${keyOf(campaignId)}|${since}`
      const kept = counts.get(key)
      if (kept) return kept.n
      const n = queue.countSince(since, campaignId)
      if (counts.size >= MAX_COUNTS) counts.clear()
      counts.set(key, { campaignId, since, n })
      return n
    },
    lastSendAt: (campaignId) => {
      const key = keyOf(campaignId)
      if (!last.has(key)) last.set(key, queue.lastSendAt(campaignId))
      return last.get(key) ?? null
    },
    recordSend: (at, campaignId) => {
      queue.recordSend(at, campaignId)
      for (const c of counts.values())
        if ((c.campaignId === null || c.campaignId === campaignId) && at >= c.since) c.n++
      for (const key of [SESSION_KEY, campaignId]) {
        const before = last.get(key)
        if (before !== undefined) last.set(key, before === null ? at : Math.max(before, at))
      }
    },
    plannedAt: (campaignId) => {
      const key = keyOf(campaignId)
      if (!planned.has(key)) planned.set(key, queue.plannedAt(campaignId))
      return planned.get(key) ?? null
    },
    setPlannedAt: (at, campaignId) => {
      const key = keyOf(campaignId)
      if (planned.has(key) && planned.get(key) === at) return
      queue.setPlannedAt(at, campaignId)
      planned.set(key, at)
    },
    clearPlanned: () => {
      queue.clearPlanned()
      planned.clear()
    },
    packageState: (campaignId) => {
      const key = keyOf(campaignId)
      let state = packages.get(key)
      if (!state) {
        state = queue.packageState(campaignId)
        packages.set(key, state)
      }
      return { ...state }
    },
    setPackageState: (campaignId, state) => {
      const key = keyOf(campaignId)
      const before = packages.get(key)
      if (before && before.left === state.left && before.restUntil === state.restUntil) return
      queue.setPackageState(campaignId, state)
      packages.set(key, { ...state })
    },
  }
}
