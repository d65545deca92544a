// The SenderSession's LocalQueue in memory, for tests that drive the real pacing loop with a fake clock
// without a Durable Object around it (the object's SQL implementation is app/core/sending/local-queue).
import type { PackageState } from '../../../app/core/sending/effective-pacing'
import type { LocalQueue } from '../../../app/core/sending/local-queue.server'
import type { SenderJob } from '../../../app/core/sending/router.server'

const SESSION_KEY = '*'

/** A LocalQueue in memory; `sent` lists every send with its campaign. */
export function memoryLocalQueue(
  jobs: SenderJob[] = [],
): LocalQueue & { sent: { at: number; campaignId: string }[] } {
  let queue = [...jobs]
  const held = new Map<number, number>()
  const ready = () => queue.filter((j) => !held.has(j.messageId))
  const planned = new Map<string, number>()
  const packages = new Map<string, PackageState>()
  const sent: { at: number; campaignId: string }[] = []
  const of = (campaignId: string | null) =>
    sent.filter((s) => campaignId === null || s.campaignId === campaignId)
  return {
    sent,
    peek: () => ready()[0] ?? null,
    campaigns: (limit) => [...new Set(ready().map((j) => j.campaignId))].slice(0, limit),
    peekFor: (campaignId) => ready().find((j) => j.campaignId === campaignId) ?? null,
    remove: (id) => {
      queue = queue.filter((j) => j.messageId !== id)
      held.delete(id)
    },
    takeAll: () => {
      const all = queue
      queue = []
      held.clear()
      return all
    },
    size: () => queue.length,
    hold: (job, until) => {
      if (!queue.some((j) => j.messageId === job.messageId)) queue.push(job)
      held.set(job.messageId, until)
    },
    releaseHeld: (now) => {
      for (const [id, until] of held) if (until <= now) held.delete(id)
    },
    nextHeldAt: () => (held.size > 0 ? Math.min(...held.values()) : null),
    sendsSince: (since, limit, campaignId) =>
      of(campaignId)
        .map((s) => s.at)
        .filter((t) => t >= since)
        .sort((a, b) => b - a)
        .slice(0, limit),
    countSince: (since, campaignId) => of(campaignId).filter((s) => s.at >= since).length,
    lastSendAt: (campaignId) => {
      const ats = of(campaignId).map((s) => s.at)
      return ats.length ? Math.max(...ats) : null
    },
    recordSend: (at, campaignId) => void sent.push({ at, campaignId }),
    plannedAt: (campaignId) => planned.get(campaignId ?? SESSION_KEY) ?? null,
    setPlannedAt: (at, campaignId) => {
      if (at === null) planned.delete(campaignId ?? SESSION_KEY)
      else planned.set(campaignId ?? SESSION_KEY, at)
    },
    clearPlanned: () => planned.clear(),
    packageState: (campaignId) => packages.get(campaignId ?? SESSION_KEY) ?? { left: null, restUntil: null },
    setPackageState: (campaignId, state) => void packages.set(campaignId ?? SESSION_KEY, state),
  }
}
