// The health loop, what happens after the send: messages that stay at one tick for an hour, replies
// (a SAIR is an opt-out, not a reply) and WhatsApp's rate limit, through the real engine, the events
// consumer and the cron, with the WAHA simulator. Counts are recomputed from rows, so webhooks
// delivered twice change nothing.
import { describe, expect, it } from 'vitest'
import { launchNow } from '../../app/core/campaigns/lifecycle.server'
import { scopeTo } from '../../app/core/db/tenant.server'
import { DEFAULT_HEALTH_CONFIG, evidenceWindows } from '../../app/core/guard/health'
import { measureSession } from '../../app/core/health/measure.server'
import { loadSenderSession } from '../../app/core/sending/session-config.server'
import {
  ack,
  ageSession,
  consumeEvents,
  healthRow,
  incoming,
  runCron,
  sessionEvents,
  sessionRow,
} from './health-support'
import { campaignD1, ORIGIN, sessionD1 } from './helpers/app'
import { campaignRow, createEngineFixture, simJson, statusCounts, waitFor } from './helpers/engine'

async function sentRows(campaignId: string) {
  const { results } = await (await campaignD1(campaignId))
    .prepare(
      `SELECT m.id, m.waha_message_id, c.wa_chat_id AS chat FROM campaign_messages m JOIN contacts c ON c.id = m.contact_id
     WHERE m.campaign_id = ? ORDER BY m.id`,
    )
    .bind(campaignId)
    .all<{ id: number; waha_message_id: string; chat: string }>()
  return results
}

describe('messages stuck at one tick', () => {
  it('an hour later put the number at risk; replies and opt-outs are told apart; duplicates count once', async () => {
    const f = await createEngineFixture({ contacts: 30, sessions: 1, seed: 2241 })
    const a = f.sessions[0]!
    const scope = scopeTo(f.tenant.ctx, f.tenant.tenantId, f.tenant.users.admin.id)
    expect((await launchNow(scope, f.campaignId, ORIGIN)).ok).toBe(true)
    await waitFor(async () => (await campaignRow(f.campaignId))?.status === 'finished', 'finished', 45_000)
    const rows = await sentRows(f.campaignId)
    // 10 phones confirm delivery (twice), two people answer, one says SAIR; 20 never leave one tick.
    const delivered = rows.slice(0, 10).map((r) => ack(a.sessionName, r.waha_message_id, r.chat, 2))
    await consumeEvents(f.tenant.tenantId, a.id, [
      ...delivered,
      ...delivered,
      incoming(a.sessionName, rows[0]!.chat, 'Oi, quero saber mais'),
      incoming(a.sessionName, rows[1]!.chat, 'Qual o preço?'),
      incoming(a.sessionName, rows[2]!.chat, 'SAIR'),
    ])

    // 100 minutes later: out of the short window's sends, inside both windows' matured cohorts.
    await ageSession(a.id, 100 * 60_000)
    const windows = evidenceWindows(Date.now(), DEFAULT_HEALTH_CONFIG)
    const counts = await measureSession(f.tenant.ctx, { tenantId: f.tenant.tenantId }, a.id, windows, true)
    expect(counts.short).toMatchObject({ sent: 0, matured: 30, stillServer: 20 })
    expect(counts.long).toMatchObject({
      sent: 30,
      firstContacts: 30,
      matured: 30,
      stillServer: 20,
      replies: 2,
      optOuts: 1,
      ackErrors: 0,
    })
    expect(counts.long.identicalTextMax).toBeGreaterThanOrEqual(1)

    await runCron()
    const health = (await healthRow(a.id))!
    expect(health.state).toBe('em_risco')
    expect(JSON.parse(health.reasons)[0]).toMatchObject({
      code: 'serverStuck',
      params: { count: 20, total: 30, percent: 67 },
    })
    expect((await sessionRow(a.id))!.paused_until!).toBeGreaterThan(Date.now() + 5 * 3_600_000)
    expect((await sessionEvents(a.id, 'guard')).map((g) => JSON.parse(g.detail!).action)).toEqual(['pause'])
    const hour = await (await sessionD1(a.id))
      .prepare('SELECT counts, state FROM session_health_hours WHERE session_id = ? ORDER BY hour_start DESC')
      .bind(a.id)
      .first<{ counts: string; state: string }>()
    expect(hour!.state).toBe('em_risco')
    expect(JSON.parse(hour!.counts).long).toMatchObject({ stillServer: 20, replies: 2 })
  })
})

describe('WhatsApp rate limit (rate-overlimit)', () => {
  it('slows the number down: the answer is one event, the number is `atencao`, its pacing halved', async () => {
    const f = await createEngineFixture({ contacts: 10, sessions: 2, seed: 2251 })
    const [a, b] = f.sessions as [{ id: string; sessionName: string }, { id: string; sessionName: string }]
    await simJson('/_sim/failures', {
      method: 'POST',
      body: JSON.stringify({ session: a.sessionName, kind: 'rate-overlimit', count: 1 }),
    })
    const scope = scopeTo(f.tenant.ctx, f.tenant.tenantId, f.tenant.users.admin.id)
    expect((await launchNow(scope, f.campaignId, ORIGIN)).ok).toBe(true)
    await waitFor(async () => (await campaignRow(f.campaignId))?.status === 'finished', 'finished', 45_000)
    expect(await statusCounts(f.campaignId)).toEqual({ sent: 10 })

    expect(await sessionEvents(a.id, 'rate_limited')).toHaveLength(1)
    const health = (await healthRow(a.id))!
    expect(health.state).toBe('atencao')
    expect(JSON.parse(health.reasons).map((r: { code: string }) => r.code)).toContain('rateLimited')
    expect((await sessionEvents(a.id, 'guard')).map((g) => JSON.parse(g.detail!))).toEqual([
      expect.objectContaining({ action: 'slow', state: 'atencao' }),
    ])
    expect(await healthRow(b.id)).toMatchObject({ state: 'saudavel' })
    // What the SenderSession paces the number with: the per-minute cap halved, and gaps of 0 s raised
    // to the slow-down's floor (30–60 s): doubling 0 s would slow nothing down.
    const loaded = (await loadSenderSession(f.tenant.ctx, a.id))!
    expect(loaded.guard.slow).toEqual({ gapMultiplier: 2, perMinuteDivisor: 2, minDelayS: 30 })
    expect(loaded.pacing.maxPerMinute).toBe(50_000)
    expect(loaded.pacing).toMatchObject({ minDelayS: 30, maxDelayS: 60 })
    expect((await loadSenderSession(f.tenant.ctx, b.id))!.pacing.maxPerMinute).toBe(100_000)
  })
})
