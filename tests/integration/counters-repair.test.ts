// Campaign counters (decision 041): the recount repairs a tampered counter (on demand and from the cron,
// which logs the drift), the migration's backfill gives old campaigns the counters a recount gives, and
// the CSV export pulls its pages lazily (bounded memory: a row added while the download is under way,
// after the pages already read, is still in the file).
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it, vi } from 'vitest'
import { recountCampaign } from '../../app/core/campaigns/counters.server'
import { scopeTo } from '../../app/core/db/tenant.server'
import worker from '../../workers/app'
import { appFetch, campaignD1 } from './helpers/app'
import { statusCounts } from './helpers/engine'
import {
  decodeHtml,
  insertMessages,
  insertSuppression,
  type MessageSpec,
  phoneOf,
  type ReportFixture,
  reportFixture,
  statOf,
} from './report-support'

const AT = Date.UTC(2026, 10, 23, 13, 7)
const HOUR = 3_600_000

/** A realistic mix of old rows: every status, two sessions over several hours, errors, clicks, replies. */
function oldRows(f: ReportFixture, n: number): MessageSpec[] {
  return Array.from({ length: n }, (_, i): MessageSpec => {
    const session = i % 2 ? f.a : f.b
    const sentAt = AT + (i % 7) * HOUR + i * 1000
    const bucket = i % 20
    if (bucket < 2) return { status: 'pending' }
    if (bucket < 3) return { status: 'queued', errorKind: i % 3 ? null : 'first_contact_budget' }
    if (bucket < 5)
      return {
        status: 'failed',
        sessionId: session,
        failedAt: sentAt,
        error: 'Sessão desconectada',
        errorKind: 'session_not_working',
      }
    if (bucket < 6)
      return {
        status: 'failed',
        failedAt: sentAt,
        error: 'Este número não tem WhatsApp.',
        errorKind: 'not_on_whatsapp',
      }
    if (bucket < 7)
      return {
        status: 'unknown',
        sessionId: session,
        error: 'Envio sem confirmação do WhatsApp.',
        errorKind: 'stuck',
      }
    if (bucket < 8) return { status: 'skipped', error: 'Número na lista de opt-out', errorKind: 'suppressed' }
    if (bucket < 9) return { status: 'skipped', errorKind: 'recent_message' }
    if (bucket < 13) return { status: 'sent', sessionId: session, sentAt }
    if (bucket < 16) return { status: 'delivered', sessionId: session, sentAt, deliveredAt: sentAt + 30_000 }
    return {
      status: 'read',
      sessionId: session,
      sentAt,
      deliveredAt: sentAt + 30_000,
      readAt: sentAt + (i % 3) * HOUR,
      clickedAt: i % 3 ? null : sentAt + 60_000,
      repliedAt: i % 5 ? null : sentAt + 120_000,
    }
  })
}

async function counterTotals(campaignId: string): Promise<Record<string, number>> {
  const { results } = await (await campaignD1(campaignId))
    .prepare(
      'SELECT status, SUM(n) AS n FROM campaign_counts WHERE campaign_id = ? GROUP BY status HAVING SUM(n) <> 0',
    )
    .bind(campaignId)
    .all<{ status: string; n: number }>()
  return Object.fromEntries(results.map((r) => [r.status, r.n]))
}

async function funnelTotal(f: ReportFixture) {
  const html = decodeHtml(
    await (await appFetch(`/campanhas/${f.campaignId}`, { cookie: f.users.viewer.cookie })).text(),
  )
  return statOf(html, 'funnel-total')
}

describe('counter recount', () => {
  it('should find no drift on true counters and repair a tampered one, on demand', async () => {
    const f = await reportFixture()
    await insertMessages(f, f.campaignId, oldRows(f, 200))
    const scope = scopeTo(f.ctx, f.tenantId)
    expect(await recountCampaign(scope, f.campaignId)).toBe(0)
    expect(await funnelTotal(f)).toBe('200')
    await f.ctx.db.$client.batch([
      f.ctx.db.$client
        .prepare(`UPDATE campaign_counts SET n = n + 7 WHERE campaign_id = ? AND status = 'sent'`)
        .bind(f.campaignId),
      f.ctx.db.$client.prepare('DELETE FROM campaign_read_hours WHERE campaign_id = ?').bind(f.campaignId),
      f.ctx.db.$client
        .prepare(`UPDATE campaign_failure_counts SET n = 0 WHERE campaign_id = ?`)
        .bind(f.campaignId),
    ])
    expect(await funnelTotal(f)).not.toBe('200')
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    expect(await recountCampaign(scope, f.campaignId)).toBeGreaterThan(0)
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('campaign counters drifted'))
    warn.mockRestore()
    expect(await counterTotals(f.campaignId)).toEqual(await statusCounts(f.campaignId))
    expect(await recountCampaign(scope, f.campaignId)).toBe(0)
    expect(await funnelTotal(f)).toBe('200')
  })

  it('should repair drift from the cron, logging it, and leave other tenants alone', async () => {
    const f = await reportFixture()
    const other = await reportFixture()
    await insertMessages(f, f.campaignId, oldRows(f, 60))
    await insertMessages(other, other.campaignId, oldRows(other, 40))
    await f.ctx.db.$client
      .prepare(`UPDATE campaign_counts SET n = n - 3 WHERE campaign_id = ? AND status = 'read'`)
      .bind(f.campaignId)
      .run()
    const info = vi.spyOn(console, 'info').mockImplementation(() => {})
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const ctx = createExecutionContext()
    await worker.scheduled(
      createScheduledController({ scheduledTime: Date.now(), cron: '* * * * *' }),
      env,
      ctx,
    )
    await waitOnExecutionContext(ctx)
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(f.campaignId))
    expect(warn).not.toHaveBeenCalledWith(expect.stringContaining(other.campaignId))
    expect(info).toHaveBeenCalledWith(expect.stringContaining('campaign counters repaired'))
    info.mockRestore()
    warn.mockRestore()
    expect(await counterTotals(f.campaignId)).toEqual(await statusCounts(f.campaignId))
    const driftOf = async (x: typeof f) =>
      (
        await x.ctx.db.$client
          .prepare('SELECT drift FROM campaign_counter_checks WHERE campaign_id = ?')
          .bind(x.campaignId)
          .first<{ drift: number }>()
      )?.drift
    expect(await driftOf(f)).toBeGreaterThan(0)
    expect(await driftOf(other)).toBe(0)
  })
})

describe('late opt-outs', () => {
  it('should count a suppression made after the send, once per campaign, and drop it when removed', async () => {
    const f = await reportFixture()
    const rows = oldRows(f, 40)
    await insertMessages(f, f.campaignId, rows)
    const sentIndex = rows.findIndex((r) => r.status === 'read')
    const phone = phoneOf(sentIndex + 1)
    const late = async () =>
      (
        await f.ctx.db.$client
          .prepare('SELECT n FROM campaign_late_opt_outs WHERE campaign_id = ?')
          .bind(f.campaignId)
          .first<{ n: number }>()
      )?.n ?? 0
    // Before the send: not late. After: late, whatever else the team has suppressed.
    await insertSuppression(f.tenantId, phoneOf(1), AT - HOUR)
    expect(await late()).toBe(0)
    await insertSuppression(f.tenantId, phone, AT + 30 * HOUR)
    expect(await late()).toBe(1)
    expect(await recountCampaign(scopeTo(f.ctx, f.tenantId), f.campaignId)).toBe(0)
    await f.ctx.db.$client
      .prepare('DELETE FROM suppressions WHERE tenant_id = ? AND phone_e164 = ?')
      .bind(f.tenantId, phone)
      .run()
    expect(await late()).toBe(0)
    expect(await recountCampaign(scopeTo(f.ctx, f.tenantId), f.campaignId)).toBe(0)
  })
})

describe('migration backfill', () => {
  it('should give old campaigns the counters a recount gives', async () => {
    const f = await reportFixture('finished')
    const g = await reportFixture('running')
    await insertMessages(f, f.campaignId, oldRows(f, 300))
    await insertMessages(g, g.campaignId, oldRows(g, 120))
    // Rows reconciled and resent by decision 021 carry their marks too.
    await f.ctx.db.$client
      .prepare(
        `UPDATE campaign_messages SET reconciled = 'confirmed' WHERE campaign_id = ? AND status = 'sent' AND id % 4 = 0`,
      )
      .bind(f.campaignId)
      .run()
    await f.ctx.db.$client
      .prepare(`UPDATE campaign_messages SET resent_at = ? WHERE campaign_id = ? AND status = 'delivered'`)
      .bind(AT, f.campaignId)
      .run()
    // As before the migration: no counters at all; then the migration's own backfill statements.
    // Both teams' databases (they may sit on different shards, decision 043).
    const databases = [...new Set([f.ctx.db.$client, g.ctx.db.$client])]
    for (const d1 of databases)
      await d1.batch(
        ['campaign_counts', 'campaign_read_hours', 'campaign_failure_counts'].map((t) =>
          d1.prepare(`DELETE FROM ${t}`),
        ),
      )
    const migration = env.TEST_MIGRATIONS.find((m) => m.name.endsWith('_campaign_counters.sql'))
    const backfill = (migration?.queries ?? [])
      .map((q) => q.replace(/^--> statement-breakpoint\n/, ''))
      .filter((q) => /^(--[^\n]*\n)*INSERT INTO campaign_/.test(q))
    expect(backfill).toHaveLength(4)
    for (const d1 of databases) for (const q of backfill) await d1.prepare(q).run()
    for (const x of [f, g]) {
      expect(await counterTotals(x.campaignId)).toEqual(await statusCounts(x.campaignId))
      expect(await recountCampaign(scopeTo(x.ctx, x.tenantId), x.campaignId)).toBe(0)
    }
    expect(await funnelTotal(f)).toBe('300')
  })
})

describe('export streaming', () => {
  it('should pull the outbox page by page while the file downloads', async () => {
    const f = await reportFixture()
    await insertMessages(
      f,
      f.campaignId,
      Array.from({ length: 2500 }, () => ({ status: 'sent', sessionId: f.a, sentAt: AT })),
    )
    const res = await appFetch(`/campanhas/${f.campaignId}/exportar`, { cookie: f.users.viewer.cookie })
    expect(res.status).toBe(200)
    const reader = res.body!.getReader()
    const decoder = new TextDecoder()
    let text = ''
    const first = await reader.read()
    text += decoder.decode(first.value, { stream: true })
    // Rows added after the download began, with contact ids after every page read so far.
    await insertMessages(f, f.campaignId, [{ status: 'pending', name: 'Chegou Depois' }], 90_001)
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      text += decoder.decode(value, { stream: true })
    }
    const lines = text.split('\r\n').slice(1, -1)
    expect(lines).toHaveLength(2501)
    expect(lines.at(-1)).toContain('Chegou Depois')
  })
})
