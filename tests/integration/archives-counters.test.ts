// Archives (decision 042) with counters (decision 041) and follow-up steps (decision 040). Counters: the counters keep counting a
// campaign's rows while they are in R2 — the campaign list, the API and the dashboard read them — so an
// archive's deletes and a restore's inserts leave them alone, and the recount leaves archived campaigns
// alone (a recount of what is left in D1 would zero them). Steps: each step's funnel reads the
// counters, so it survives the archive too.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { archiveNow } from '../../app/core/campaigns/archive.server'
import { restoreArchive } from '../../app/core/campaigns/archive-restore.server'
import { messageCounts, reconcileCounters, recountCampaign } from '../../app/core/campaigns/counters.server'
import { stepsReport } from '../../app/core/campaigns/steps-report.server'
import { campaigns } from '../../db/schema'
import { archiveFixture, d1Rows, scopeOf } from './archives-support'
import { appFetch } from './helpers/app'

const DAY_MS = 24 * 60 * 60 * 1000

describe('archives and campaign counters', () => {
  it('should keep the counters through an archive and a restore, and never recount an archived campaign', async () => {
    const f = await archiveFixture(60)
    const scope = scopeOf(f)
    const before = await messageCounts(scope, [f.campaignId])
    expect(before.reduce((a, r) => a + r.n, 0)).toBe(60)

    expect(await archiveNow(scope, f.campaignId)).toEqual({ ok: true })
    expect(await d1Rows(f.campaignId)).toMatchObject({ messages: 0 })
    expect(await messageCounts(scope, [f.campaignId])).toEqual(before)
    // on demand and from the cron, days later: nothing to repair, nothing zeroed
    expect(await recountCampaign(scope, f.campaignId)).toBe(0)
    const later = { ...f.ctx, clock: () => Date.now() + 3 * DAY_MS }
    for (let i = 0; i < 5; i++) await reconcileCounters(later)
    expect(await messageCounts(scope, [f.campaignId])).toEqual(before)

    const restored = await restoreArchive(scope, f.campaignId)
    expect(restored).toMatchObject({ ok: true, restored: { campaign_messages: 60 } })
    expect(await d1Rows(f.campaignId)).toMatchObject({ messages: 60 })
    expect(await messageCounts(scope, [f.campaignId])).toEqual(before)
    // back in D1, the recount checks it again and finds the counters right
    expect(await recountCampaign(scope, f.campaignId)).toBe(0)
  })
})

describe('archives and follow-up steps', () => {
  it("should keep each step's funnel with the archive and show it once the rows are in R2", async () => {
    const f = await archiveFixture(30)
    const scope = scopeOf(f)
    await f.ctx.db
      .update(campaigns)
      .set({
        steps: [{ texts: ['E aí?'], poll: null, delayMinutes: 60, audience: 'no_reply', option: null }],
        stepsCreated: 1,
      })
      .where(eq(campaigns.id, f.campaignId))
    // the follow-up went to the first ten people, as rows of step 1
    await f.ctx.db.$client
      .prepare(
        `INSERT INTO campaign_messages (tenant_id, campaign_id, contact_id, phone_e164, status, step, sent_at, updated_at)
       SELECT tenant_id, campaign_id, contact_id, phone_e164, 'sent', 1, sent_at, updated_at
       FROM campaign_messages WHERE campaign_id = ? ORDER BY contact_id LIMIT 10`,
      )
      .bind(f.campaignId)
      .run()
    const campaign = await f.ctx.db.select().from(campaigns).where(eq(campaigns.id, f.campaignId)).get()
    const before = await stepsReport(scope, campaign!)
    expect(before?.funnels.map((s) => [s.step, s.created])).toEqual([
      [0, 30],
      [1, 10],
    ])

    expect(await archiveNow(scope, f.campaignId)).toEqual({ ok: true })
    expect(await d1Rows(f.campaignId)).toMatchObject({ messages: 0 })
    const archived = await f.ctx.db.select().from(campaigns).where(eq(campaigns.id, f.campaignId)).get()
    expect((await stepsReport(scope, archived!))?.funnels).toEqual(before?.funnels)
    const html = await appFetch(`/campanhas/${f.campaignId}`, { cookie: f.users.viewer.cookie }).then((r) =>
      r.text(),
    )
    expect(html).toContain('arquivada')
    expect(html).toContain('data-testid="report-steps"')
    expect(html).toMatch(/<tr data-step="1">.*?<td data-col="created">10<\/td>/s)
  })
})
