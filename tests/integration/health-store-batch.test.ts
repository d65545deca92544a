// The guard's evaluation in fewer round trips (decision 028, fifth pass): the escalation's count of
// earlier guard pauses rides with the measure, and the hour's row is written in the regime write's
// batch, only when that write applied. Same answers as the separate statements gave.
import { describe, expect, it } from 'vitest'
import { cooldownMs } from '../../app/core/guard/actions'
import { DEFAULT_HEALTH_CONFIG, hourStartOf } from '../../app/core/guard/health'
import { evaluateSessionHealth } from '../../app/core/health/guard.server'
import { recordSessionEvent } from '../../app/core/health/measure.server'
import { healthRow } from './health-support'
import { sessionD1 } from './helpers/app'
import { createEngineFixture } from './helpers/engine'

const DAY = 24 * 3_600_000

async function hourRows(sessionId: string) {
  const { results } = await (await sessionD1(sessionId))
    .prepare('SELECT hour_start, computed_at, state FROM session_health_hours WHERE session_id = ?')
    .bind(sessionId)
    .all<{ hour_start: number; computed_at: number; state: string }>()
  return results
}

async function evaluatedAt(sessionId: string) {
  return (await (
    await sessionD1(sessionId)
  )
    .prepare('SELECT evaluated_at FROM session_health WHERE session_id = ?')
    .bind(sessionId)
    .first<{ evaluated_at: number }>())!.evaluated_at
}

describe('the guard evaluation in one batch', () => {
  it('counts only the guard pauses of the escalation window (not the one in force) for the cool-down', async () => {
    const f = await createEngineFixture({ contacts: 1, sessions: 2, seed: 2801 })
    const [a, b] = [f.sessions[0]!, f.sessions[1]!]
    const ctx = f.tenant.ctx
    const now = Date.now()
    const event = (sessionId: string, kind: 'guard' | 'reach_out_limit', key: string, at: number) =>
      recordSessionEvent(ctx, { tenantId: f.tenant.tenantId, sessionId, kind, key, at })
    // a: one guard pause a day ago (counts), one eight days ago (outside the 7-day window), and a
    // guard note that is not a pause. b: no history.
    await event(a.id, 'guard', `pause:${now - DAY}`, now - DAY)
    await event(a.id, 'guard', `pause:${now - 8 * DAY}`, now - 8 * DAY)
    await event(a.id, 'guard', `resume:${now - 2 * DAY}`, now - 2 * DAY)
    for (const s of [a, b]) await event(s.id, 'reach_out_limit', `att_${s.id}`, now - 1_000)

    const ra = await evaluateSessionHealth(ctx, a.id, { force: true })
    const rb = await evaluateSessionHealth(ctx, b.id, { force: true })
    expect(ra).toMatchObject({ evaluated: true, action: 'pause' })
    expect(rb).toMatchObject({ evaluated: true, action: 'pause' })
    const pausedA = (await healthRow(a.id))!.paused_until! - (await evaluatedAt(a.id))
    const pausedB = (await healthRow(b.id))!.paused_until! - (await evaluatedAt(b.id))
    expect(pausedB).toBe(cooldownMs(DEFAULT_HEALTH_CONFIG, 0))
    expect(pausedA).toBe(cooldownMs(DEFAULT_HEALTH_CONFIG, 1))
    expect(pausedA).toBeGreaterThan(pausedB)
  })

  it('writes the hour row with the regime that won, and no other evaluation overwrites it', async () => {
    const f = await createEngineFixture({ contacts: 1, sessions: 1, seed: 2802 })
    const a = f.sessions[0]!
    const ctx = f.tenant.ctx
    // First evaluation: the regime is inserted, the hour row with it.
    const first = await evaluateSessionHealth(ctx, a.id, { force: true })
    expect(first?.evaluated).toBe(true)
    let rows = await hourRows(a.id)
    expect(rows).toHaveLength(1)
    expect(rows[0]!.computed_at).toBe(await evaluatedAt(a.id))
    expect(rows[0]!.hour_start).toBe(hourStartOf(rows[0]!.computed_at))

    // Evaluations racing on the same stored regime: the ones whose write did not apply leave the hour
    // row alone, so it always belongs to the regime stored last.
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all(
        [0, 1, 2, 3].map(() => evaluateSessionHealth(ctx, a.id, { force: true })),
      )
      expect(results.filter((r) => r?.evaluated).length).toBeGreaterThanOrEqual(1)
      rows = await hourRows(a.id)
      const stored = await evaluatedAt(a.id)
      const hour = rows.find((r) => r.hour_start === hourStartOf(stored))
      expect(hour?.computed_at).toBe(stored)
    }
  })
})
