// Campaign counters (decision 041) through the real path: launch -> queues -> SenderSession -> WAHA
// simulator with injected faults (unknown sends reconciled later, a retried send), then acks shuffled,
// duplicated and in concurrent batches, replies and a SAIR, clicks on tracked links, and a cancel in
// the middle of a run. After each, the counters equal a fresh recount of the outbox (recountCampaign
// finds no drift) and the report page shows the outbox's own numbers.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { recountCampaign } from '../../app/core/campaigns/counters.server'
import { cancel, launchNow } from '../../app/core/campaigns/lifecycle.server'
import { scopeTo } from '../../app/core/db/tenant.server'
import { reconcileUnknownSends } from '../../app/core/sending/reconcile.server'
import { RECONCILE_SAFE_WAIT_MS } from '../../app/core/sending/reconcile-policy'
import { campaigns } from '../../db/schema'
import { seededRandom } from '../builders'
import { ack, consumeEvents, incoming } from './health-support'
import { acrossShards, appFetch, campaignD1, ORIGIN } from './helpers/app'
import {
  campaignRow,
  createEngineFixture,
  type EngineFixture,
  messages,
  sendsSettled,
  simJson,
  statusCounts,
  waitFor,
} from './helpers/engine'
import { decodeHtml, statOf } from './report-support'

const consume = (f: EngineFixture, sessionId: string, events: unknown[]) =>
  consumeEvents(f.tenant.tenantId, sessionId, events)

/** Counters per status (non-zero), from the counters table itself. */
async function counterTotals(campaignId: string): Promise<Record<string, number>> {
  const { results } = await (await campaignD1(campaignId))
    .prepare(
      'SELECT status, SUM(n) AS n FROM campaign_counts WHERE campaign_id = ? GROUP BY status HAVING SUM(n) <> 0',
    )
    .bind(campaignId)
    .all<{ status: string; n: number }>()
  return Object.fromEntries(results.map((r) => [r.status, r.n]))
}

/** The counters agree with the outbox: same totals per status, and the recount finds nothing to fix. */
async function expectCountersTrue(f: EngineFixture) {
  expect(await counterTotals(f.campaignId)).toEqual(await statusCounts(f.campaignId))
  expect(await recountCampaign(scopeTo(f.tenant.ctx, f.tenant.tenantId), f.campaignId)).toBe(0)
}

const chatOf = (phone: string) => `${phone.slice(1)}@c.us`

describe('campaign counters through the engine', () => {
  it('should equal a recount after sends, unknowns reconciled, a retry, acks, replies, SAIR and clicks', async () => {
    const f = await createEngineFixture({
      contacts: 16,
      sessions: 2,
      seed: 4101,
      texts: ['Oi {{primeiro_nome}}, veja https://loja.exemplo.com.br/natal'],
    })
    await f.tenant.ctx.db.update(campaigns).set({ linkTracking: true }).where(eq(campaigns.id, f.campaignId))
    const [s0, s1] = [f.sessions[0]!, f.sessions[1]!]
    const inject = (session: string, failure: Record<string, unknown>) =>
      simJson('/_sim/failures', { method: 'POST', body: JSON.stringify({ session, ...failure }) })
    await inject(s0.sessionName, { kind: 'http-error', status: 502, count: 2, sent: true })
    await inject(s1.sessionName, { kind: 'http-error', status: 500, count: 1, sent: false })
    const scope = scopeTo(f.tenant.ctx, f.tenant.tenantId, f.tenant.users.admin.id)
    expect((await launchNow(scope, f.campaignId, ORIGIN)).ok).toBe(true)
    await sendsSettled(f.campaignId)
    await expectCountersTrue(f)
    // The unknown sends are confirmed from WAHA's chat (decision 021); their counters move with them.
    await acrossShards(reconcileUnknownSends, { clock: () => Date.now() + RECONCILE_SAFE_WAIT_MS })
    await waitFor(async () => (await campaignRow(f.campaignId))?.status === 'finished', 'finished', 30_000)
    await expectCountersTrue(f)

    const rows = (await messages(f.campaignId)).filter((r) => r.wahaMessageId)
    const sessionName = (id: string | null) => (id === s1.id ? s1.sessionName : s0.sessionName)
    const acks = rows.flatMap((r, i) => {
      const s = sessionName(r.sessionId)
      const chat = chatOf(r.phoneE164)
      // Everything delivered, two in three read; READ before DEVICE for some, duplicates for all.
      const out = [ack(s, r.wahaMessageId!, chat, 2), ack(s, r.wahaMessageId!, chat, 2)]
      if (i % 3 !== 0) out.push(ack(s, r.wahaMessageId!, chat, 3), ack(s, r.wahaMessageId!, chat, 3))
      return out
    })
    const random = seededRandom(41)
    acks.sort(() => random() - 0.5)
    const half = Math.floor(acks.length / 2)
    // Two batches at once, as two consumer invocations would run them.
    const results = await Promise.all([
      consume(f, s0.id, acks.slice(0, half)),
      consume(f, s0.id, acks.slice(half)),
    ])
    for (const r of results) expect(r.ackAll).toBe(true)
    // A duplicate webhook delivery of the whole first batch changes nothing.
    await consume(f, s0.id, acks.slice(0, half))
    await expectCountersTrue(f)

    // Replies (one of them SAIR) and clicks: the first click of a row counts, a second one does not.
    const [a, b] = [rows[1]!, rows[2]!]
    await consume(f, a.sessionId ?? s0.id, [
      incoming(sessionName(a.sessionId), chatOf(a.phoneE164), 'Quero!'),
    ])
    await consume(f, b.sessionId ?? s0.id, [incoming(sessionName(b.sessionId), chatOf(b.phoneE164), 'SAIR')])
    const { results: links } = await f.tenant.ctx.db.$client
      .prepare('SELECT token FROM campaign_links WHERE campaign_id = ? ORDER BY token LIMIT 3')
      .bind(f.campaignId)
      .all<{ token: string }>()
    expect(links.length).toBe(3)
    for (const l of [...links, links[0]!]) expect((await appFetch(`/l/${l.token}`)).status).toBe(302)
    await expectCountersTrue(f)

    const after = await messages(f.campaignId)
    const html = decodeHtml(
      await (await appFetch(`/campanhas/${f.campaignId}`, { cookie: f.tenant.users.viewer.cookie })).text(),
    )
    const count = (p: (r: (typeof after)[number]) => boolean) => String(after.filter(p).length)
    expect(statOf(html, 'funnel-total')).toBe('16')
    expect(statOf(html, 'funnel-read')).toBe(count((r) => r.status === 'read'))
    expect(statOf(html, 'funnel-delivered')).toBe(count((r) => ['delivered', 'read'].includes(r.status)))
    expect(statOf(html, 'funnel-clicked')).toBe('3')
    expect(statOf(html, 'funnel-replied')).toBe(count((r) => r.repliedAt !== null))
    expect(Number(statOf(html, 'funnel-replied'))).toBeGreaterThanOrEqual(2)
  })

  it('should equal a recount after a cancel in the middle of a run', async () => {
    const f = await createEngineFixture({ contacts: 40, sessions: 1, seed: 4102 })
    const scope = scopeTo(f.tenant.ctx, f.tenant.tenantId, f.tenant.users.admin.id)
    expect((await launchNow(scope, f.campaignId, ORIGIN)).ok).toBe(true)
    await waitFor(async () => ((await statusCounts(f.campaignId)).sent ?? 0) >= 3, 'first sends')
    expect((await cancel(scope, f.campaignId)).ok).toBe(true)
    await sendsSettled(f.campaignId)
    const counts = await statusCounts(f.campaignId)
    expect(counts.skipped ?? 0).toBeGreaterThan(0)
    await expectCountersTrue(f)
  })
})
