// The campaign's "Ritmo de envio" takes effect (decision 013): for every field the stricter of the
// session's and the campaign's value wins. Each case runs the real pacing loop over the SenderSession
// Durable Object's own SQLite queue (runInDurableObject), sending to the WAHA simulator, with a fake
// clock that jumps to each alarm the loop asks for. Asserted on the instants the loop actually sent at.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import type { SendWindow } from '../../app/core/sending/pacing'
import type { SenderJob } from '../../app/core/sending/router.server'
import { fromLocalTime, toLocalTime } from '../../app/core/sending/time-zone'
import { campaignMessages, campaigns, contacts, wahaSessions } from '../../db/schema'
import { createEngineFixture, type EngineFixture } from './helpers/engine'
import { runSendsInObject } from './helpers/engine-clock'

const SP = 'America/Sao_Paulo'
const ALL_DAY = { windowDays: '0,1,2,3,4,5,6', windowStartMin: 0, windowEndMin: 1440 }
const OPEN = { minDelayS: 0, maxDelayS: 0, maxPerMinute: 60, dailyCap: 100_000, ...ALL_DAY }
// Monday 2026-11-23 08:30 in São Paulo
const MONDAY_0830 = fromLocalTime({ year: 2026, month: 11, day: 23 }, 8 * 60 + 30, SP)

type CampaignPacing = Partial<{
  minDelayS: number
  maxDelayS: number
  maxPerMinute: number
  dailyCap: number
  window: SendWindow
}>

/** Queues `count` rows of a running campaign (with `pacing` as its own) for one session. */
async function queuedCampaign(
  f: EngineFixture,
  count: number,
  pacing: CampaignPacing,
  campaignId = f.campaignId,
) {
  const db = f.tenant.ctx.db
  await db
    .update(campaigns)
    .set({
      status: 'running',
      dispatchDone: true,
      minDelayS: null,
      maxDelayS: null,
      maxPerMinute: null,
      dailyCap: null,
      window: null,
      ...pacing,
    })
    .where(eq(campaigns.id, campaignId))
  const people = (await db.select().from(contacts).where(eq(contacts.listId, f.list.id))).slice(0, count)
  const jobs: SenderJob[] = []
  for (const p of people) {
    const [row] = await db
      .insert(campaignMessages)
      .values({
        tenantId: f.tenant.tenantId,
        campaignId,
        contactId: p.id,
        phoneE164: p.phoneE164,
        status: 'queued',
        renderedText: 'Oi!',
      })
      .returning({ id: campaignMessages.id })
    jobs.push({ messageId: row!.id, tenantId: f.tenant.tenantId, campaignId })
  }
  return jobs
}

async function fixture(
  sessionPacing: Partial<typeof wahaSessions.$inferInsert>,
  contactsCount: number,
  seed: number,
) {
  const f = await createEngineFixture({ contacts: contactsCount, sessions: 1, seed })
  await f.tenant.ctx.db
    .update(wahaSessions)
    .set({ ...OPEN, ...sessionPacing })
    .where(eq(wahaSessions.id, f.sessions[0]!.id))
  return f
}

const gaps = (ats: number[]) => ats.slice(1).map((t, i) => t - ats[i]!)
const maxInAnyMinute = (ats: number[]) =>
  Math.max(...ats.map((t) => ats.filter((s) => s > t - 60_000 && s <= t).length))

describe('campaign pacing on top of the session (stricter wins), in the Durable Object', () => {
  it('delay: a campaign with longer gaps slows the number down', async () => {
    const f = await fixture({ minDelayS: 10, maxDelayS: 10 }, 8, 301)
    const jobs = await queuedCampaign(f, 8, { minDelayS: 30, maxDelayS: 40 })
    const sent = (await runSendsInObject(f.sessions[0]!.id, jobs, MONDAY_0830)).map((s) => s.at)
    expect(sent).toHaveLength(8)
    for (const g of gaps(sent)) {
      expect(g).toBeGreaterThanOrEqual(30_000)
      expect(g).toBeLessThanOrEqual(40_000)
    }
  })

  it('delay: a campaign with shorter gaps cannot speed the number past its own', async () => {
    const f = await fixture({ minDelayS: 20, maxDelayS: 25 }, 6, 302)
    const jobs = await queuedCampaign(f, 6, { minDelayS: 0, maxDelayS: 1 })
    const sent = (await runSendsInObject(f.sessions[0]!.id, jobs, MONDAY_0830)).map((s) => s.at)
    expect(sent).toHaveLength(6)
    for (const g of gaps(sent)) expect(g).toBeGreaterThanOrEqual(20_000)
  })

  it('per-minute cap: the campaign’s lower cap holds, and a higher one does not lift the session’s', async () => {
    const lower = await fixture({ maxPerMinute: 10 }, 9, 303)
    const a = (
      await runSendsInObject(
        lower.sessions[0]!.id,
        await queuedCampaign(lower, 9, { maxPerMinute: 3 }),
        MONDAY_0830,
      )
    ).map((s) => s.at)
    expect(a).toHaveLength(9)
    expect(maxInAnyMinute(a)).toBe(3)

    const higher = await fixture({ maxPerMinute: 4 }, 9, 304)
    const b = (
      await runSendsInObject(
        higher.sessions[0]!.id,
        await queuedCampaign(higher, 9, { maxPerMinute: 30 }),
        MONDAY_0830,
      )
    ).map((s) => s.at)
    expect(b).toHaveLength(9)
    expect(maxInAnyMinute(b)).toBe(4)
  })

  it('daily cap: the campaign’s lower cap stops the day and resumes after midnight in São Paulo', async () => {
    const f = await fixture({ dailyCap: 100 }, 5, 305)
    const start = fromLocalTime({ year: 2026, month: 11, day: 23 }, 22 * 60, SP)
    const sent = (
      await runSendsInObject(f.sessions[0]!.id, await queuedCampaign(f, 5, { dailyCap: 2 }), start)
    ).map((s) => s.at)
    expect(sent.map((t) => toLocalTime(t, SP).day)).toEqual([23, 23, 24, 24, 25])
  })

  it('daily cap: a higher campaign cap does not lift the session’s', async () => {
    const f = await fixture({ dailyCap: 2 }, 4, 306)
    const start = fromLocalTime({ year: 2026, month: 11, day: 23 }, 22 * 60, SP)
    const sent = (
      await runSendsInObject(f.sessions[0]!.id, await queuedCampaign(f, 4, { dailyCap: 50 }), start)
    ).map((s) => s.at)
    expect(sent.map((t) => toLocalTime(t, SP).day)).toEqual([23, 23, 24, 24])
  })

  it('window: only the hours both windows allow', async () => {
    const f = await fixture(
      {
        minDelayS: 600,
        maxDelayS: 600,
        windowDays: '1,2,3,4,5',
        windowStartMin: 9 * 60,
        windowEndMin: 12 * 60,
      },
      8,
      307,
    )
    const window = { days: [0, 1, 2, 3, 4, 5, 6], startMinute: 11 * 60, endMinute: 14 * 60 }
    const sent = (
      await runSendsInObject(f.sessions[0]!.id, await queuedCampaign(f, 8, { window }), MONDAY_0830)
    ).map((s) => s.at)
    expect(sent).toHaveLength(8)
    for (const t of sent) {
      const local = toLocalTime(t, SP)
      expect(local.minuteOfDay).toBeGreaterThanOrEqual(11 * 60)
      expect(local.minuteOfDay).toBeLessThan(12 * 60)
      expect([1, 2, 3, 4, 5]).toContain(local.weekday)
    }
    expect(new Set(sent.map((t) => toLocalTime(t, SP).day)).size).toBe(2)
  })

  it('window: campaign days narrow the session’s days', async () => {
    const f = await fixture(
      { windowDays: '1,2,3,4,5', windowStartMin: 9 * 60, windowEndMin: 18 * 60, dailyCap: 2 },
      6,
      308,
    )
    const window = { days: [3, 4, 5, 6], startMinute: 0, endMinute: 1440 }
    const sent = (
      await runSendsInObject(f.sessions[0]!.id, await queuedCampaign(f, 6, { window }), MONDAY_0830)
    ).map((s) => s.at)
    expect(sent.map((t) => toLocalTime(t, SP).weekday)).toEqual([3, 3, 4, 4, 5, 5])
  })

  it('two campaigns on one number: the slow one does not hold the other back, the number’s cap counts both', async () => {
    const f = await fixture({ maxPerMinute: 6 }, 24, 309)
    const db = f.tenant.ctx.db
    const slowId = `${f.campaignId}_slow`
    const [source] = await db.select().from(campaigns).where(eq(campaigns.id, f.campaignId))
    await db.insert(campaigns).values({ ...source!, id: slowId, name: 'Lenta' })
    const people = await db.select().from(contacts).where(eq(contacts.listId, f.list.id))
    await db.update(campaigns).set({ status: 'running', maxPerMinute: 1 }).where(eq(campaigns.id, slowId))
    const slowJobs: SenderJob[] = []
    for (const p of people.slice(12, 16)) {
      const [row] = await db
        .insert(campaignMessages)
        .values({
          tenantId: f.tenant.tenantId,
          campaignId: slowId,
          contactId: p.id,
          phoneE164: p.phoneE164,
          status: 'queued',
          renderedText: 'Lenta',
        })
        .returning({ id: campaignMessages.id })
      slowJobs.push({ messageId: row!.id, tenantId: f.tenant.tenantId, campaignId: slowId })
    }
    const fastJobs = await queuedCampaign(f, 12, {})
    // The slow campaign's jobs were queued first: FIFO alone would make the fast one wait for them.
    const sends = await runSendsInObject(f.sessions[0]!.id, [...slowJobs, ...fastJobs], MONDAY_0830)
    expect(sends).toHaveLength(16)
    const all = sends.map((s) => s.at)
    const slow = sends.filter((s) => s.campaignId === slowId).map((s) => s.at)
    const fast = sends.filter((s) => s.campaignId === f.campaignId).map((s) => s.at)
    expect(maxInAnyMinute(slow)).toBe(1)
    expect(maxInAnyMinute(all)).toBeLessThanOrEqual(6)
    // The fast campaign finished while the slow one was still on its second minute or so.
    expect(Math.max(...fast)).toBeLessThan(slow[3]!)
  })
})
