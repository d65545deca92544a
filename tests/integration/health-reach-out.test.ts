// The health loop, reach-out limit (463/475): the real engine (queues, SenderSession alarms, D1) and
// the WAHA simulator. One 463 puts the number at risk: paused at least for the cool-down (and until
// WhatsApp's time-lock ends), written to the session's and the campaign's histories; a duplicated
// event adds nothing; after the cool-down the number comes back on a ramp and sends no more than the
// first ramp hour allows; no contact ever gets a message twice.
import { describe, expect, it } from 'vitest'
import { launchNow, resume } from '../../app/core/campaigns/lifecycle.server'
import { scopeTo } from '../../app/core/db/tenant.server'
import { DEFAULT_HEALTH_CONFIG, evidenceWindows } from '../../app/core/guard/health'
import { evaluateSessionHealth } from '../../app/core/health/guard.server'
import { measureSession, recordSessionEvent } from '../../app/core/health/measure.server'
import { ageSession, healthNotes, healthRow, runCron, sessionEvents, sessionRow } from './health-support'
import { ORIGIN } from './helpers/app'
import { campaignRow, createEngineFixture, simJson, statusCounts, waitFor } from './helpers/engine'

const HOUR = 3_600_000

async function sentPerChat(sessionName: string) {
  const r = await simJson<{ byChat: Record<string, { calls: number; sent: number }> }>(
    `/_sim/sends?session=${sessionName}`,
  )
  return r.byChat
}

describe('reach-out limit (463)', () => {
  it('pauses the number for the cool-down, records why, ignores a duplicate, then resumes on a ramp without double sends', async () => {
    const f = await createEngineFixture({ contacts: 16, sessions: 1, seed: 2201 })
    const a = f.sessions[0]!
    const scope = scopeTo(f.tenant.ctx, f.tenant.tenantId, f.tenant.users.admin.id)
    await simJson('/_sim/failures', {
      method: 'POST',
      body: JSON.stringify({ session: a.sessionName, kind: 'error-463', count: 1 }),
    })
    const before = Date.now()
    expect((await launchNow(scope, f.campaignId, ORIGIN)).ok).toBe(true)

    // The refused attempt is one event; the guard pauses the number and says why.
    await waitFor(async () => (await healthRow(a.id))?.state === 'em_risco', 'em risco')
    expect(await sessionEvents(a.id, 'reach_out_limit')).toHaveLength(1)
    const health = (await healthRow(a.id))!
    expect(health.paused_until!).toBeGreaterThanOrEqual(before + 6 * HOUR)
    const row = (await sessionRow(a.id))!
    expect(row.paused_until!).toBeGreaterThanOrEqual(health.paused_until!)
    expect(row.paused_reason).toContain('Pausa automática pela saúde do número')
    expect(row.paused_reason).toContain('463/475')
    const guard = await sessionEvents(a.id, 'guard')
    expect(guard.map((g) => JSON.parse(g.detail!).action)).toEqual(['pause'])
    await waitFor(
      async () => (await campaignRow(f.campaignId))?.status === 'paused',
      'campaign paused (no other number)',
    )
    const notes = await healthNotes(f.campaignId)
    expect(notes).toEqual([expect.objectContaining({ action: 'pause', state: 'em_risco', userId: null })])

    // The same refused attempt reported again counts once.
    const event = (await sessionEvents(a.id, 'reach_out_limit'))[0]!
    const again = await recordSessionEvent(f.tenant.ctx, {
      tenantId: f.tenant.tenantId,
      sessionId: a.id,
      kind: 'reach_out_limit',
      key: event.key,
      at: event.at + 5_000,
    })
    expect(again).toBe(false)
    const windows = evidenceWindows(Date.now(), DEFAULT_HEALTH_CONFIG)
    const counts = await measureSession(f.tenant.ctx, { tenantId: f.tenant.tenantId }, a.id, windows, false)
    expect(counts.long.reachOutLimit).toBe(1)

    // While paused the cron keeps it paused (and does not log the pause again).
    await runCron()
    expect((await healthRow(a.id))!.state).toBe('em_risco')
    expect(await sessionEvents(a.id, 'guard')).toHaveLength(1)

    // A day later (the cool-down and the time-lock are over): a ramp, the pause lifted, written down.
    await ageSession(a.id, 25 * HOUR)
    await runCron()
    const ramped = (await healthRow(a.id))!
    expect(ramped.ramp_started_at).not.toBeNull()
    expect(ramped.state).not.toBe('em_risco')
    expect((await sessionRow(a.id))!.paused_until).toBeNull()
    expect((await sessionEvents(a.id, 'guard')).map((g) => JSON.parse(g.detail!).action)).toEqual([
      'pause',
      'ramp',
    ])

    // The campaign resumes: the number sends exactly the first ramp hour's cap, the rest waits.
    const cap = DEFAULT_HEALTH_CONFIG.actions.rampStartPerHour
    expect((await resume(scope, f.campaignId)).ok).toBe(true)
    await waitFor(async () => ((await statusCounts(f.campaignId)).sent ?? 0) >= cap, 'ramp sends')
    await new Promise((r) => setTimeout(r, 2_000))
    const counts2 = await statusCounts(f.campaignId)
    expect(counts2.sent).toBe(cap)
    expect((counts2.queued ?? 0) + (counts2.pending ?? 0)).toBe(16 - cap)
    for (const [chat, c] of Object.entries(await sentPerChat(a.sessionName)))
      expect(c.sent, chat).toBeLessThanOrEqual(1)
    expect((await healthNotes(f.campaignId)).map((n) => n.action)).toContain('ramp')
    const stored = await f.tenant.ctx.db.$client
      .prepare('SELECT COUNT(*) AS n FROM session_health_hours WHERE session_id = ?')
      .bind(a.id)
      .first<{ n: number }>()
    expect(stored!.n).toBeGreaterThanOrEqual(1)
  })

  it('applies and logs the pause once when the object and the cron evaluate at the same time', async () => {
    const f = await createEngineFixture({ contacts: 1, sessions: 1, seed: 2202 })
    const a = f.sessions[0]!
    const ctx = f.tenant.ctx
    // The sender loop's record of a refused attempt (see the test above for the real path).
    await recordSessionEvent(ctx, {
      tenantId: f.tenant.tenantId,
      sessionId: a.id,
      kind: 'reach_out_limit',
      key: 'attempt-1',
      at: Date.now() - 1_000,
    })
    const results = await Promise.all([1, 2, 3].map(() => evaluateSessionHealth(ctx, a.id, { force: true })))
    expect(results.filter((r) => r?.evaluated && r.handOff)).toHaveLength(1)
    expect((await healthRow(a.id))!.state).toBe('em_risco')
    expect(await sessionEvents(a.id, 'guard')).toHaveLength(1)
    await runCron()
    expect(await sessionEvents(a.id, 'guard')).toHaveLength(1)
  })
})

describe('the operator switch HEALTH_GUARD', () => {
  it('"off" leaves a refused number unevaluated and unpaused; "on" pauses it', async () => {
    const f = await createEngineFixture({ contacts: 2, sessions: 1, seed: 2203 })
    const a = f.sessions[0]!
    const at = Date.now()
    await recordSessionEvent(f.tenant.ctx, {
      tenantId: f.tenant.tenantId,
      sessionId: a.id,
      kind: 'reach_out_limit',
      key: 'att_switch',
      at,
    })
    const off = { ...f.tenant.ctx, env: { ...f.tenant.ctx.env, HEALTH_GUARD: 'off' as const } }
    expect(await evaluateSessionHealth(off, a.id, { force: true })).toBeNull()
    expect(await healthRow(a.id)).toBeFalsy()
    expect((await sessionRow(a.id))!.paused_until).toBeNull()

    const on = await evaluateSessionHealth(f.tenant.ctx, a.id, { force: true })
    expect(on?.state).toBe('em_risco')
    expect((await sessionRow(a.id))!.paused_until).toBeGreaterThan(at)
  })
})
