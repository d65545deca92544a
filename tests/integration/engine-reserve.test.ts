// Reserve sessions ("Usar como reserva quando outra sessão falhar") take effect: when none of a
// campaign's own sessions can send, its work goes to the team's reserve sessions by failover priority,
// and the campaign's history says which reserve took over and why. Real run: queues, SenderSession
// alarms, D1 and the WAHA simulator; sends counted per chat at the simulator.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { launchNow } from '../../app/core/campaigns/lifecycle.server'
import { scopeTo } from '../../app/core/db/tenant.server'
import { campaigns, wahaSessions } from '../../db/schema'
import { appFetch, campaignD1, ORIGIN } from './helpers/app'
import {
  campaignRow,
  createEngineFixture,
  createSimSession,
  type EngineFixture,
  sendsPerChat,
  simJson,
  statusCounts,
  waitFor,
} from './helpers/engine'

type Session = { id: string; sessionName: string }

async function withReserves(
  f: EngineFixture,
  specs: Array<{ failoverEnabled: boolean; failoverPriority: number; displayName: string }>,
) {
  const out: Session[] = []
  for (const spec of specs)
    out.push(await createSimSession(f.tenant, { pacing: { ...spec, maxPerMinute: 600 } }))
  return out
}

async function launch(f: EngineFixture) {
  const scope = scopeTo(f.tenant.ctx, f.tenant.tenantId, f.tenant.users.admin.id)
  expect((await launchNow(scope, f.campaignId, ORIGIN)).ok).toBe(true)
}

async function events(campaignId: string) {
  const { results } = await (await campaignD1(campaignId))
    .prepare('SELECT kind, detail, user_id FROM campaign_events WHERE campaign_id = ? ORDER BY id')
    .bind(campaignId)
    .all<{ kind: string; detail: string | null; user_id: string | null }>()
  return results
}

const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0)

describe('reserve sessions', () => {
  it('take over a one-session campaign whose session fails, by failover priority, and say why', async () => {
    const f = await createEngineFixture({ contacts: 24, sessions: 1, seed: 401 })
    const own = f.sessions[0]!
    await f.tenant.ctx.db
      .update(wahaSessions)
      .set({ maxPerMinute: 240, displayName: 'Centro' })
      .where(eq(wahaSessions.id, own.id))
    const [second, first, notReserve] = await withReserves(f, [
      { failoverEnabled: true, failoverPriority: 2, displayName: 'Reserva B' },
      { failoverEnabled: true, failoverPriority: 1, displayName: 'Reserva A' },
      { failoverEnabled: false, failoverPriority: 0, displayName: 'Só atendimento' },
    ])
    await launch(f)
    await waitFor(async () => ((await statusCounts(f.campaignId)).sent ?? 0) >= 3, 'first sends')
    await simJson('/_sim/failures', {
      method: 'POST',
      body: JSON.stringify({ session: own.sessionName, kind: 'session-failed' }),
    })
    await waitFor(
      async () => (await campaignRow(f.campaignId))?.status === 'finished',
      'campaign finished',
      45_000,
    )

    expect(await statusCounts(f.campaignId)).toEqual({ sent: 24 })
    const byOwn = await sendsPerChat([own.sessionName])
    const byFirst = await sendsPerChat([first!.sessionName])
    expect(total(await sendsPerChat([second!.sessionName]))).toBe(0)
    expect(total(await sendsPerChat([notReserve!.sessionName]))).toBe(0)
    expect(total(byOwn) + total(byFirst)).toBe(24)
    expect(total(byFirst)).toBeGreaterThan(0)
    for (const chat of byFirst.keys()) expect(byOwn.has(chat), `${chat} sent twice`).toBe(false)

    const history = await events(f.campaignId)
    expect(history.map((e) => e.kind)).not.toContain('paused')
    const reserve = history.filter((e) => e.kind === 'reserve')
    expect(reserve).toHaveLength(1)
    const detail = JSON.parse(reserve[0]!.detail!) as {
      sessionId: string
      session: string
      own: Array<{ name: string; why: string }>
    }
    expect(detail).toMatchObject({ sessionId: first!.id, session: 'Reserva A' })
    expect(detail.own).toEqual([expect.objectContaining({ name: 'Centro' })])
    expect(['disconnected', 'paused']).toContain(detail.own[0]!.why)

    // The campaign page says which sessions actually sent and why the reserve took over.
    const page = await (
      await appFetch(`/campanhas/${f.campaignId}`, { cookie: f.tenant.users.viewer.cookie })
    ).text()
    const sessionsTable = page.slice(page.indexOf('data-testid="report-sessions"'))
    expect(sessionsTable).toMatch(/Reserva A[\s\S]*?reserva/)
    expect(page).toContain('Sessão reserva assumiu o envio')
    expect(page).toContain('“Reserva A” enviou no lugar das sessões da campanha (Centro:')
  })

  it('are not used while one of the campaign’s own sessions can send', async () => {
    const f = await createEngineFixture({ contacts: 12, sessions: 1, seed: 402 })
    const [reserve] = await withReserves(f, [
      { failoverEnabled: true, failoverPriority: 1, displayName: 'Reserva' },
    ])
    await launch(f)
    await waitFor(async () => (await campaignRow(f.campaignId))?.status === 'finished', 'campaign finished')
    expect(total(await sendsPerChat([reserve!.sessionName]))).toBe(0)
    expect(total(await sendsPerChat([f.sessions[0]!.sessionName]))).toBe(12)
  })

  it('leave the campaign paused, saying why, when the team has no reserve', async () => {
    const f = await createEngineFixture({ contacts: 10, sessions: 1, seed: 403 })
    await withReserves(f, [{ failoverEnabled: false, failoverPriority: 1, displayName: 'Outra' }])
    await f.tenant.ctx.db
      .update(wahaSessions)
      .set({ status: 'FAILED' })
      .where(eq(wahaSessions.id, f.sessions[0]!.id))
    await launch(f)
    await waitFor(async () => (await campaignRow(f.campaignId))?.status === 'paused', 'campaign paused')
    const row = await f.tenant.ctx.db.select().from(campaigns).where(eq(campaigns.id, f.campaignId)).get()
    expect(row?.pausedReason).toBeTruthy()
    expect((await events(f.campaignId)).map((e) => e.kind)).toContain('paused')
  })

  it('skip a reserve whose send window never meets the campaign’s', async () => {
    const f = await createEngineFixture({ contacts: 6, sessions: 1, seed: 404 })
    await f.tenant.ctx.db
      .update(campaigns)
      .set({ window: { days: [0, 1, 2, 3, 4, 5, 6], startMinute: 0, endMinute: 600 } })
      .where(eq(campaigns.id, f.campaignId))
    const [late] = await withReserves(f, [
      { failoverEnabled: true, failoverPriority: 1, displayName: 'Tarde' },
    ])
    await f.tenant.ctx.db
      .update(wahaSessions)
      .set({ windowStartMin: 14 * 60, windowEndMin: 20 * 60 })
      .where(eq(wahaSessions.id, late!.id))
    await f.tenant.ctx.db
      .update(wahaSessions)
      .set({ status: 'FAILED' })
      .where(eq(wahaSessions.id, f.sessions[0]!.id))
    await launch(f)
    await waitFor(async () => (await campaignRow(f.campaignId))?.status === 'paused', 'campaign paused')
    expect(total(await sendsPerChat([late!.sessionName]))).toBe(0)
  })
})
