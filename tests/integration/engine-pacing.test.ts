// Pacing through the real sender loop with a fake clock: the loop sends to the real WAHA simulator,
// but time only moves when we jump to the alarm it asked for. Asserts the gaps, the per-minute cap,
// the send window (São Paulo time) and the daily cap on the instants the loop actually sent at.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import type { SenderJob } from '../../app/core/sending/router.server'
import { runSenderTick } from '../../app/core/sending/sender-loop.server'
import { fromLocalTime, toLocalTime } from '../../app/core/sending/time-zone'
import { campaignMessages, campaigns, contacts, wahaSessions } from '../../db/schema'
import { seededRandom } from '../builders'
import { sessionContext } from './helpers/app'
import { createEngineFixture } from './helpers/engine'
import { memoryLocalQueue as memoryQueue } from './helpers/memory-queue'

const SP = 'America/Sao_Paulo'

/** A running campaign whose rows are queued for one session with the given pacing. */
async function queuedCampaign(
  count: number,
  pacing: Partial<typeof wahaSessions.$inferInsert>,
  seed: number,
) {
  const f = await createEngineFixture({ contacts: count, sessions: 1, seed })
  const db = f.tenant.ctx.db
  await db.update(wahaSessions).set(pacing).where(eq(wahaSessions.id, f.sessions[0]!.id))
  await db
    .update(campaigns)
    .set({ status: 'running', dispatchDone: true })
    .where(eq(campaigns.id, f.campaignId))
  const people = await db.select().from(contacts).where(eq(contacts.listId, f.list.id))
  const jobs: SenderJob[] = []
  for (const p of people) {
    const [row] = await db
      .insert(campaignMessages)
      .values({
        tenantId: f.tenant.tenantId,
        campaignId: f.campaignId,
        contactId: p.id,
        phoneE164: p.phoneE164,
        status: 'queued',
        renderedText: 'Oi!',
      })
      .returning({ id: campaignMessages.id })
    jobs.push({ messageId: row!.id, tenantId: f.tenant.tenantId, campaignId: f.campaignId })
  }
  return { f, jobs }
}

/** Runs the loop, jumping the fake clock to each requested alarm, until the queue is empty. */
async function runWithFakeClock(
  sessionId: string,
  queue: ReturnType<typeof memoryQueue>,
  start: number,
  maxTicks = 500,
) {
  let now = start
  const ctx = await sessionContext(sessionId, { clock: () => now })
  const random = seededRandom(42)
  for (let tick = 0; tick < maxTicks && queue.size() > 0; tick++) {
    const next = await runSenderTick({
      ctx,
      sessionId,
      queue,
      random,
      sleep: async () => {},
      requeue: async () => {
        throw new Error('nothing should fail over in this test')
      },
      maxPerTick: 1,
    })
    if (next === null) break
    now = Math.max(now + 1, next)
  }
  return queue.sent.map((s) => s.at)
}

const allDay = { windowDays: '0,1,2,3,4,5,6', windowStartMin: 0, windowEndMin: 1440 }

describe('pacing through the sender loop (fake clock)', () => {
  it('should keep every gap within [min, max] seconds', async () => {
    const { f, jobs } = await queuedCampaign(
      12,
      { minDelayS: 30, maxDelayS: 60, maxPerMinute: 10, dailyCap: 1000, ...allDay },
      201,
    )
    const start = Date.UTC(2026, 10, 23, 15, 0, 0)
    const sent = await runWithFakeClock(f.sessions[0]!.id, memoryQueue(jobs), start)
    expect(sent).toHaveLength(12)
    for (let i = 1; i < sent.length; i++) {
      const gap = sent[i]! - sent[i - 1]!
      expect(gap).toBeGreaterThanOrEqual(30_000)
      expect(gap).toBeLessThanOrEqual(60_000)
    }
  })

  it('should never send more than the per-minute cap in any 60-second window', async () => {
    const { f, jobs } = await queuedCampaign(
      14,
      { minDelayS: 0, maxDelayS: 0, maxPerMinute: 4, dailyCap: 1000, ...allDay },
      202,
    )
    const sent = await runWithFakeClock(
      f.sessions[0]!.id,
      memoryQueue(jobs),
      Date.UTC(2026, 10, 23, 15, 0, 0),
    )
    expect(sent).toHaveLength(14)
    for (const t of sent) expect(sent.filter((s) => s > t - 60_000 && s <= t).length).toBeLessThanOrEqual(4)
  })

  it('should send only inside the window, in São Paulo time', async () => {
    const window = { windowDays: '1,2,3,4,5', windowStartMin: 9 * 60, windowEndMin: 10 * 60 }
    const { f, jobs } = await queuedCampaign(
      8,
      { minDelayS: 600, maxDelayS: 600, maxPerMinute: 10, dailyCap: 1000, ...window },
      203,
    )
    // Monday 2026-11-23 08:30 in São Paulo
    const start = fromLocalTime({ year: 2026, month: 11, day: 23 }, 8 * 60 + 30, SP)
    const sent = await runWithFakeClock(f.sessions[0]!.id, memoryQueue(jobs), start)
    expect(sent).toHaveLength(8)
    for (const t of sent) {
      const local = toLocalTime(t, SP)
      const minutes = local.minuteOfDay
      expect(minutes).toBeGreaterThanOrEqual(9 * 60)
      expect(minutes).toBeLessThan(10 * 60)
      expect([1, 2, 3, 4, 5]).toContain(local.weekday)
    }
    expect(new Set(sent.map((t) => toLocalTime(t, SP).day)).size).toBe(2)
  })

  it('should respect the daily cap and resume after midnight in São Paulo', async () => {
    const { f, jobs } = await queuedCampaign(
      5,
      { minDelayS: 0, maxDelayS: 0, maxPerMinute: 60, dailyCap: 3, ...allDay },
      204,
    )
    const start = fromLocalTime({ year: 2026, month: 11, day: 23 }, 22 * 60, SP)
    const sent = await runWithFakeClock(f.sessions[0]!.id, memoryQueue(jobs), start)
    expect(sent).toHaveLength(5)
    const days = sent.map((t) => toLocalTime(t, SP).day)
    expect(days).toEqual([23, 23, 23, 24, 24])
    expect(toLocalTime(sent[3]!, SP).minuteOfDay).toBe(0)
  })
})
