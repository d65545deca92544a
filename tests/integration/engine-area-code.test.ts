// Area-code affinity (decision 020) through the real pipeline: launch -> dispatch -> sends queue ->
// router -> each session's Durable Object -> WAHA simulator. With "Afinidade por DDD" on, a contact goes
// through the campaign session whose own number shares its DDD, else one in the same state, else by
// priority (spread, as without affinity).
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { launchNow } from '../../app/core/campaigns/lifecycle.server'
import { scopeTo } from '../../app/core/db/tenant.server'
import { dddOf } from '../../app/core/phone/ddd'
import { routeSendJobs, type SenderJob } from '../../app/core/sending/router.server'
import { campaignMessages, campaigns, contacts, wahaSessions } from '../../db/schema'
import { ORIGIN, testContext } from './helpers/app'
import { campaignRow, createEngineFixture, messages, statusCounts, waitFor } from './helpers/engine'

// Santos (13, SP), Rio (21, RJ), Curitiba (41, PR). The list's contacts have DDDs 11, 21, 31, 41, 51,
// 61, 71, 81, 85 and 92 (tests/builders.ts).
const PHONES = ['+5513991110001', '+5521991110002', '+5541991110003']

async function arrange(contacts: number, affinity: boolean) {
  const f = await createEngineFixture({ contacts, sessions: 3, seed: 501 })
  const db = f.tenant.ctx.db
  for (const [i, s] of f.sessions.entries()) {
    await db.update(wahaSessions).set({ phone: PHONES[i]! }).where(eq(wahaSessions.id, s.id))
  }
  await db.update(campaigns).set({ areaCodeAffinity: affinity }).where(eq(campaigns.id, f.campaignId))
  const [santos, rio, curitiba] = f.sessions.map((s) => s.id) as [string, string, string]
  return { f, santos, rio, curitiba }
}

describe('area-code affinity', () => {
  it('sends each contact through the session of its DDD, else of its state, else by priority', async () => {
    const { f, santos, rio, curitiba } = await arrange(45, true)
    const scope = scopeTo(f.tenant.ctx, f.tenant.tenantId, f.tenant.users.admin.id)
    expect(await launchNow(scope, f.campaignId, ORIGIN)).toEqual({ ok: true, message: 'campaigns.launched' })
    await waitFor(
      async () => (await campaignRow(f.campaignId))?.status === 'finished',
      'campaign finished',
      40_000,
    )
    expect(await statusCounts(f.campaignId)).toEqual({ sent: 45 })
    const rows = await messages(f.campaignId)
    const by = (ddd: number) => rows.filter((r) => dddOf(r.phoneE164) === ddd).map((r) => r.sessionId)
    // Same DDD.
    expect(by(21).length).toBeGreaterThan(0)
    expect(new Set(by(21))).toEqual(new Set([rio]))
    expect(by(41).length).toBeGreaterThan(0)
    expect(new Set(by(41))).toEqual(new Set([curitiba]))
    // No session with DDD 11: the one in the same state (13, São Paulo).
    expect(by(11).length).toBeGreaterThan(0)
    expect(new Set(by(11))).toEqual(new Set([santos]))
    // Nobody in their state: shared among all sessions as usual.
    const others = rows.filter((r) => ![11, 21, 41].includes(dddOf(r.phoneE164) ?? 0)).map((r) => r.sessionId)
    expect(others.length).toBeGreaterThan(10)
    expect(new Set(others)).toEqual(new Set([santos, rio, curitiba]))
  })

  it('falls back by priority when the DDD’s session cannot take the row, and is off unless ticked', async () => {
    const { f, santos, rio, curitiba } = await arrange(45, true)
    const db = f.tenant.ctx.db
    await db
      .update(campaigns)
      .set({ status: 'running', sessionIds: [curitiba, santos, rio] })
      .where(eq(campaigns.id, f.campaignId))
    const rows = await messages(f.campaignId)
    expect(rows).toHaveLength(0)
    const people = await db.select().from(contacts).where(eq(contacts.listId, f.list.id))
    const rioPerson = people.find((p) => dddOf(p.phoneE164) === 21)!
    const [row] = await db
      .insert(campaignMessages)
      .values({
        tenantId: f.tenant.tenantId,
        campaignId: f.campaignId,
        contactId: rioPerson.id,
        phoneE164: rioPerson.phoneE164,
        status: 'queued',
        renderedText: 'Oi',
      })
      .returning({ id: campaignMessages.id })
    const route = async (exclude?: string[]) => {
      const got: string[] = []
      await routeSendJobs(
        testContext(),
        [
          {
            type: 'send',
            v: 1,
            tenantId: f.tenant.tenantId,
            campaignId: f.campaignId,
            messageId: row!.id,
            exclude,
          },
        ],
        async (sessionId: string, _jobs: SenderJob[]) => {
          got.push(sessionId)
        },
      )
      return got
    }
    expect(await route()).toEqual([rio])
    // Rio already failed this row: no other session in RJ, so the first by the campaign's priority.
    expect(await route([rio])).toEqual([curitiba])
    // Rio paused: same.
    await db
      .update(wahaSessions)
      .set({ pausedUntil: Date.now() + 3_600_000, pausedReason: 'teste' })
      .where(eq(wahaSessions.id, rio))
    expect(await route([curitiba])).toEqual([santos])
    await db
      .update(wahaSessions)
      .set({ pausedUntil: null, pausedReason: null })
      .where(eq(wahaSessions.id, rio))
    // Affinity off: the usual spread (message id modulo the healthy sessions), whatever the DDD.
    await db.update(campaigns).set({ areaCodeAffinity: false }).where(eq(campaigns.id, f.campaignId))
    expect(await route()).toEqual([[curitiba, santos, rio][row!.id % 3]])
  })
})
