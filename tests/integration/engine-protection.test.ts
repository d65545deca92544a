// Protection of the person (decision 019) through the real engine: dispatch, the `sends` queue, the
// SenderSession Durable Objects, D1 and the WAHA simulator. The person gap and the same-text rule skip
// rows with a reason; the first-contact budget makes rows wait (the object sleeps until the next São
// Paulo day); two campaigns racing for the same people never both send; duplicated jobs and a pause
// and resume never send twice nor count a held row twice. The simulator's send calls are the truth.
import { runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { eq, inArray } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { launchNow, pause, resume } from '../../app/core/campaigns/lifecycle.server'
import { scopeTo } from '../../app/core/db/tenant.server'
import { newId } from '../../app/core/ids'
import type { SendJob } from '../../app/core/queue-messages'
import { claimStatement } from '../../app/core/sending/outbox.server'
import { budgetDay } from '../../app/core/sending/protection'
import { protectionHolds } from '../../app/core/sending/protection.server'
import type { SenderJob } from '../../app/core/sending/router.server'
import { runSenderTick } from '../../app/core/sending/sender-loop.server'
import { fromLocalTime, toLocalTime } from '../../app/core/sending/time-zone'
import { campaignReport } from '../../app/core/tracking/report.server'
import { parseRowFilters } from '../../app/core/tracking/report-filters'
import { campaignMessages, campaigns, contacts, tenants, wahaSessions } from '../../db/schema'
import { seededRandom } from '../builders'
import { campaignD1, ORIGIN, sessionDb } from './helpers/app'
import {
  campaignRow,
  createEngineFixture,
  createSimSession,
  type EngineFixture,
  messages,
  sendsPerChat,
  statusCounts,
  waitFor,
} from './helpers/engine'
import { memoryLocalQueue } from './helpers/memory-queue'

const SP = 'America/Sao_Paulo'
const HOUR = 60 * 60 * 1000

const scopeOf = (f: EngineFixture) => scopeTo(f.tenant.ctx, f.tenant.tenantId, f.tenant.users.admin.id)

/** Another draft campaign of the fixture's tenant over the same list. */
async function campaignOn(f: EngineFixture, text: string, sessionIds = f.sessions.map((s) => s.id)) {
  const id = newId('cmp')
  await f.tenant.ctx.db.insert(campaigns).values({
    id,
    tenantId: f.tenant.tenantId,
    name: `Campanha ${text.slice(0, 12)}`,
    listId: f.list.id,
    texts: [text],
    sessionIds,
    simulateTyping: false,
  })
  return id
}

async function launch(f: EngineFixture, campaignId: string) {
  expect((await launchNow(scopeOf(f), campaignId, ORIGIN)).ok).toBe(true)
}

async function finished(campaignId: string, timeoutMs = 30_000) {
  await waitFor(
    async () => (await campaignRow(campaignId))?.status === 'finished',
    `campaign ${campaignId} finished`,
    timeoutMs,
  )
}

async function setGap(f: EngineFixture, hours: number) {
  await f.tenant.ctx.db
    .update(tenants)
    .set({ personGapHours: hours })
    .where(eq(tenants.id, f.tenant.tenantId))
}

async function setBudget(
  sessionId: string,
  budget: number,
  extra: Partial<typeof wahaSessions.$inferInsert> = {},
) {
  await (await sessionDb(sessionId))
    .update(wahaSessions)
    .set({ firstContactDailyBudget: budget, ...extra })
    .where(eq(wahaSessions.id, sessionId))
}

/** Moves a finished campaign's sends `ms` into the past (as if it ran then). */
async function sentAgo(campaignId: string, ms: number) {
  await (await campaignD1(campaignId))
    .prepare(
      'UPDATE campaign_messages SET sent_at = ?, sending_at = ? WHERE campaign_id = ? AND sent_at IS NOT NULL',
    )
    .bind(Date.now() - ms, Date.now() - ms, campaignId)
    .run()
}

/** Send calls at the simulator: per chat, and their total. */
async function calls(f: EngineFixture) {
  const perChat = await sendsPerChat(f.sessions.map((s) => s.sessionName))
  return { perChat, total: [...perChat.values()].reduce((a, b) => a + b, 0) }
}

async function held(f: EngineFixture, campaignId: string) {
  return (await campaignReport(scopeOf(f), campaignId, parseRowFilters(new URLSearchParams()))).held
}

async function kinds(campaignId: string) {
  return [...new Set((await messages(campaignId)).map((m) => `${m.status}:${m.errorKind ?? ''}`))].sort()
}

async function alarmOf(sessionId: string): Promise<number | null> {
  return runInDurableObject(env.SENDER_SESSION.getByName(sessionId), (_instance, state) =>
    state.storage.getAlarm(),
  )
}

describe('protection of the person: one campaign message per person per period', () => {
  it('should skip people who got another campaign within the tenant’s gap, and send once the gap is off', async () => {
    const f = await createEngineFixture({
      contacts: 6,
      sessions: 1,
      seed: 301,
      texts: ['Oi {{primeiro_nome}}, chegou o verão!'],
    })
    await setGap(f, 24) // a new tenant's default (the engine fixtures start with it off)
    await launch(f, f.campaignId)
    await finished(f.campaignId)
    expect(await statusCounts(f.campaignId)).toEqual({ sent: 6 })

    const second = await campaignOn(f, 'Oi {{primeiro_nome}}, novidades na loja!')
    await launch(f, second)
    await finished(second)
    expect(await statusCounts(second)).toEqual({ skipped: 6 })
    expect(await kinds(second)).toEqual(['skipped:recent_message'])
    expect((await messages(second))[0]?.error).toBe(
      'Esta pessoa já recebeu uma mensagem de campanha há pouco tempo',
    )
    expect((await calls(f)).total).toBe(6)
    expect(await held(f, second)).toEqual({ recentMessage: 6, sameText: 0, firstContactBudget: 0 })

    // The tenant turns the rule off (0): the next campaign reaches everyone.
    await setGap(f, 0)
    const third = await campaignOn(f, 'Oi {{primeiro_nome}}, última chamada!')
    await launch(f, third)
    await finished(third)
    expect(await statusCounts(third)).toEqual({ sent: 6 })
    const { perChat, total } = await calls(f)
    expect(total).toBe(12)
    for (const n of perChat.values()) expect(n).toBe(2)
  })

  it('should count the gap in the tenant’s hours: 30 minutes ago is held, 2 hours ago is not, with a 1-hour gap', async () => {
    const f = await createEngineFixture({
      contacts: 4,
      sessions: 1,
      seed: 302,
      texts: ['Oi {{primeiro_nome}}, chegou o verão!'],
    })
    await setGap(f, 1)
    await launch(f, f.campaignId)
    await finished(f.campaignId)
    await sentAgo(f.campaignId, 30 * 60 * 1000)
    const held30 = await campaignOn(f, 'Oi {{primeiro_nome}}, segunda chamada!')
    await launch(f, held30)
    await finished(held30)
    expect(await statusCounts(held30)).toEqual({ skipped: 4 })

    await sentAgo(f.campaignId, 2 * HOUR)
    const after2h = await campaignOn(f, 'Oi {{primeiro_nome}}, terceira chamada!')
    await launch(f, after2h)
    await finished(after2h)
    expect(await statusCounts(after2h)).toEqual({ sent: 4 })
    expect((await calls(f)).total).toBe(8)
  })
})

describe('protection of the person: never the same text twice within 24 h', () => {
  it('should skip the same rendered text to the same number, send a different one, and the same one after 24 h', async () => {
    const text = 'Oi {{primeiro_nome}}, sua cupom VERAO10 vale até domingo.'
    const f = await createEngineFixture({ contacts: 5, sessions: 1, seed: 303, texts: [text] })
    await setGap(f, 0) // only the same-text rule is under test
    await launch(f, f.campaignId)
    await finished(f.campaignId)

    const same = await campaignOn(f, text)
    await launch(f, same)
    await finished(same)
    expect(await statusCounts(same)).toEqual({ skipped: 5 })
    expect(await kinds(same)).toEqual(['skipped:same_text'])
    expect(await held(f, same)).toEqual({ recentMessage: 0, sameText: 5, firstContactBudget: 0 })

    const other = await campaignOn(f, 'Oi {{primeiro_nome}}, chegaram peças novas.')
    await launch(f, other)
    await finished(other)
    expect(await statusCounts(other)).toEqual({ sent: 5 })

    await sentAgo(f.campaignId, 25 * HOUR)
    const later = await campaignOn(f, text)
    await launch(f, later)
    await finished(later)
    expect(await statusCounts(later)).toEqual({ sent: 5 })
    expect((await calls(f)).total).toBe(15)
  })
})

describe('protection of the person: the same text with tracked links', () => {
  it('should see the same text although tracked links give every message its own address', async () => {
    const text = 'Oi {{primeiro_nome}}, veja a coleção: https://loja.example.com/verao'
    const f = await createEngineFixture({ contacts: 4, sessions: 1, seed: 310, texts: [text] })
    await setGap(f, 0)
    const second = await campaignOn(f, text)
    await f.tenant.ctx.db
      .update(campaigns)
      .set({ linkTracking: true })
      .where(inArray(campaigns.id, [f.campaignId, second]))
    await launch(f, f.campaignId)
    await finished(f.campaignId)
    await launch(f, second)
    await finished(second)
    const first = await messages(f.campaignId)
    const again = await messages(second)
    // each row carries its own tracked link, so the rendered texts all differ…
    expect(new Set([...first, ...again].map((m) => m.renderedText)).size).toBe(8)
    // …and still the second campaign's are the same text to the same people
    expect(await statusCounts(second)).toEqual({ skipped: 4 })
    expect(await kinds(second)).toEqual(['skipped:same_text'])
    expect((await calls(f)).total).toBe(4)
  })
})

describe('protection of the person: two campaigns racing for the same people', () => {
  it('should let exactly one message per phone reach WhatsApp when both campaigns fire at once', async () => {
    const f = await createEngineFixture({
      contacts: 16,
      sessions: 1,
      seed: 304,
      texts: ['Oi {{primeiro_nome}}, oferta A'],
    })
    const other = await createSimSession(f.tenant)
    await setGap(f, 24)
    const b = await campaignOn(f, 'Oi {{primeiro_nome}}, oferta B', [other.id])
    const scope = scopeOf(f)
    const both = await Promise.all([launchNow(scope, f.campaignId, ORIGIN), launchNow(scope, b, ORIGIN)])
    expect(both.every((r) => r.ok)).toBe(true)
    await finished(f.campaignId)
    await finished(b)
    const perChat = await sendsPerChat([f.sessions[0]!.sessionName, other.sessionName])
    expect(perChat.size).toBe(16)
    for (const [chat, n] of perChat) expect(n, `send calls to ${chat}`).toBe(1)
    const a = await statusCounts(f.campaignId)
    const bCounts = await statusCounts(b)
    expect((a.sent ?? 0) + (bCounts.sent ?? 0)).toBe(16)
    expect((a.skipped ?? 0) + (bCounts.skipped ?? 0)).toBe(16)
    const heldA = await held(f, f.campaignId)
    const heldB = await held(f, b)
    expect(heldA.recentMessage + heldB.recentMessage).toBe(16)
  })

  it('should claim only one of two waiting rows for the same phone when both claims run at the same instant', async () => {
    const f = await createEngineFixture({ contacts: 1, sessions: 2, seed: 305 })
    await setGap(f, 24)
    const db = f.tenant.ctx.db
    const b = await campaignOn(f, 'Outra campanha')
    await db
      .update(campaigns)
      .set({ status: 'running' })
      .where(inArray(campaigns.id, [f.campaignId, b]))
    const [person] = await db.select().from(contacts).where(eq(contacts.listId, f.list.id))
    const rows = await db
      .insert(campaignMessages)
      .values(
        [f.campaignId, b].map((campaignId, i) => ({
          tenantId: f.tenant.tenantId,
          campaignId,
          contactId: person!.id,
          phoneE164: person!.phoneE164,
          status: 'queued',
          renderedText: `texto ${i}`,
        })),
      )
      .returning({ id: campaignMessages.id })
    const now = Date.now()
    const claims = await Promise.all(
      rows.map((r, i) => {
        const session = f.sessions[i]!
        const guard = protectionHolds(
          { id: session.id, firstContactDailyBudget: 0, dailyCap: 500, timeZone: SP },
          now,
        )
        return claimStatement(
          db,
          { messageId: r.id, tenantId: f.tenant.tenantId },
          session.id,
          `att${i}`,
          now,
          guard,
        )
      }),
    )
    expect(claims.map((c) => c.length).sort()).toEqual([0, 1])
  })
})

describe('protection of the person: the first-contact budget of a number', () => {
  it('should hold new numbers once the day’s budget is spent, sleep until the next day, and not count twice on duplicated jobs', async () => {
    const f = await createEngineFixture({
      contacts: 8,
      sessions: 1,
      seed: 306,
      texts: ['Oi {{primeiro_nome}}, bem-vinda!'],
    })
    const session = f.sessions[0]!
    await setBudget(session.id, 3)
    await launch(f, f.campaignId)
    await waitFor(async () => {
      const rows = await messages(f.campaignId)
      return rows.filter((r) => r.errorKind === 'first_contact_budget').length === 5
    }, 'five rows waiting for the budget')
    expect(await statusCounts(f.campaignId)).toEqual({ sent: 3, queued: 5 })
    expect((await campaignRow(f.campaignId))?.status).toBe('running')
    expect((await calls(f)).total).toBe(3)
    // The object sleeps until the next day opens in São Paulo: no spinning meanwhile.
    const tomorrow = budgetDay(Date.now(), SP).end
    await waitFor(
      async () => (await alarmOf(session.id)) === tomorrow,
      'alarm at the next São Paulo midnight',
    )
    const stub = env.SENDER_SESSION.getByName(session.id)
    expect(await stub.queueSize()).toBe(5)

    // Every job delivered again (at-least-once queues): nothing more is sent nor counted.
    const jobs: SendJob[] = (await messages(f.campaignId)).map((r) => ({
      type: 'send',
      v: 1,
      tenantId: f.tenant.tenantId,
      campaignId: f.campaignId,
      messageId: r.id,
    }))
    await env.SEND_QUEUE.sendBatch(jobs.map((body) => ({ body })))
    await new Promise((r) => setTimeout(r, 1500))
    await waitFor(async () => (await alarmOf(session.id)) === tomorrow, 'asleep again after the duplicates')
    expect((await calls(f)).total).toBe(3)
    expect(await stub.queueSize()).toBe(5)
    const report = await campaignReport(scopeOf(f), f.campaignId, parseRowFilters(new URLSearchParams()))
    expect(report.held).toEqual({ recentMessage: 0, sameText: 0, firstContactBudget: 5 })
    expect(report.progress.waitingForBudget).toBe(5)
    // Not "stuck" and not "done in a minute": the estimate is the next day's opening.
    expect(report.progress.etaBasis).toBe('budget')
    expect(report.progress.etaMs).toBe(tomorrow - report.now)

    // Numbers the session already wrote to are no first contact: they still go today.
    await setGap(f, 0)
    const known = await campaignOn(f, 'Oi {{primeiro_nome}}, obrigado pela compra!')
    await launch(f, known)
    await waitFor(async () => (await statusCounts(known)).sent === 3, 'the three known numbers sent')
    await waitFor(async () => (await held(f, known)).firstContactBudget === 5, 'the new numbers waiting')
    expect((await calls(f)).total).toBe(6)
  })

  it('should send the held numbers when the next São Paulo day opens, budget by budget (fake clock)', async () => {
    const f = await createEngineFixture({ contacts: 5, sessions: 1, seed: 307 })
    const session = f.sessions[0]!
    await setBudget(session.id, 2)
    const db = f.tenant.ctx.db
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
          renderedText: `Oi ${p.name}!`,
        })
        .returning({ id: campaignMessages.id })
      jobs.push({ messageId: row!.id, tenantId: f.tenant.tenantId, campaignId: f.campaignId })
    }
    const queue = memoryLocalQueue(jobs)
    let now = fromLocalTime({ year: 2026, month: 11, day: 23 }, 22 * 60, SP)
    const ctx = { ...f.tenant.ctx, clock: () => now }
    const alarms: number[] = []
    for (let tick = 0; tick < 40 && queue.size() > 0; tick++) {
      const next = await runSenderTick({
        ctx,
        sessionId: session.id,
        queue,
        random: seededRandom(7),
        sleep: async () => {},
        requeue: async () => {
          throw new Error('nothing fails over here')
        },
      })
      if (next === null) break
      alarms.push(next)
      now = Math.max(now + 1, next)
    }
    const days = queue.sent.map((s) => toLocalTime(s.at, SP).day)
    expect(days).toEqual([23, 23, 24, 24, 25])
    // The loop asked to wake exactly at each midnight, a handful of times (it never spun).
    expect(alarms).toContain(fromLocalTime({ year: 2026, month: 11, day: 24 }, 0, SP))
    expect(alarms).toContain(fromLocalTime({ year: 2026, month: 11, day: 25 }, 0, SP))
    expect(alarms.length).toBeLessThan(10)
    expect(await statusCounts(f.campaignId)).toEqual({ sent: 5 })
    expect((await messages(f.campaignId)).every((m) => m.errorKind === null)).toBe(true)
  })

  it('should not send twice nor lose anyone when the campaign is paused and resumed with the protections on', async () => {
    const f = await createEngineFixture({ contacts: 12, sessions: 1, seed: 308 })
    const session = f.sessions[0]!
    await setBudget(session.id, 8, { maxPerMinute: 240 })
    await launch(f, f.campaignId)
    await waitFor(async () => ((await statusCounts(f.campaignId)).sent ?? 0) >= 2, 'first sends')
    expect((await pause(scopeOf(f), f.campaignId)).ok).toBe(true)
    await new Promise((r) => setTimeout(r, 600))
    const atPause = (await statusCounts(f.campaignId)).sent ?? 0
    await new Promise((r) => setTimeout(r, 1000))
    expect((await statusCounts(f.campaignId)).sent ?? 0).toBe(atPause)
    expect((await resume(scopeOf(f), f.campaignId)).ok).toBe(true)
    await waitFor(
      async () => (await held(f, f.campaignId)).firstContactBudget === 4,
      'four rows waiting for tomorrow',
      45_000,
    )
    expect(await statusCounts(f.campaignId)).toEqual({ sent: 8, queued: 4 })
    const { perChat, total } = await calls(f)
    expect(total).toBe(8)
    for (const n of perChat.values()) expect(n).toBe(1)
    await waitFor(
      async () => (await alarmOf(session.id)) === budgetDay(Date.now(), SP).end,
      'asleep until tomorrow',
    )
  })

  it('should keep every budget and send nobody twice when a session pauses mid-campaign and comes back', async () => {
    const f = await createEngineFixture({ contacts: 14, sessions: 2, seed: 309 })
    const [one, two] = f.sessions as [EngineFixture['sessions'][0], EngineFixture['sessions'][0]]
    await setBudget(one.id, 5, { maxPerMinute: 240 })
    await setBudget(two.id, 5, { maxPerMinute: 240 })
    await launch(f, f.campaignId)
    await waitFor(async () => ((await statusCounts(f.campaignId)).sent ?? 0) >= 2, 'first sends')
    // The first number is paused (as the engine does after failures): its backlog fails over.
    await f.tenant.ctx.db
      .update(wahaSessions)
      .set({ pausedUntil: Date.now() + HOUR, pausedReason: 'teste' })
      .where(eq(wahaSessions.id, one.id))
    await waitFor(
      async () => {
        const c = await statusCounts(f.campaignId)
        return (
          (c.sending ?? 0) === 0 &&
          (await held(f, f.campaignId)).firstContactBudget === (c.queued ?? 0) &&
          (c.queued ?? 0) > 0
        )
      },
      'everything left waiting for a budget',
      45_000,
    )
    // It comes back; nothing is resent and no budget is overspent.
    await f.tenant.ctx.db
      .update(wahaSessions)
      .set({ pausedUntil: null, pausedReason: null })
      .where(eq(wahaSessions.id, one.id))
    await new Promise((r) => setTimeout(r, 1500))
    const { perChat, total } = await calls(f)
    for (const [chat, n] of perChat) expect(n, `send calls to ${chat}`).toBe(1)
    const rows = await messages(f.campaignId)
    const sent = rows.filter((r) => r.status === 'sent')
    expect(total).toBe(sent.length)
    // The second number took the first one's backlog and spent exactly its own budget on it.
    expect(sent.filter((r) => r.sessionId === two.id).length).toBe(5)
    expect(sent.filter((r) => r.sessionId === one.id).length).toBeGreaterThan(0)
    expect(sent.filter((r) => r.sessionId === one.id).length).toBeLessThanOrEqual(5)
    expect(sent.length).toBeLessThanOrEqual(10)
    const waiting = rows.filter((r) => r.status === 'queued')
    expect(sent.length + waiting.length).toBe(14)
    expect(waiting.every((r) => r.errorKind === 'first_contact_budget')).toBe(true)
  })
})
