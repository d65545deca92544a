// Archives (decision 042) and counters (decision 041) together: the counters keep counting a
// campaign's rows while they are in R2 — the campaign list, the API and the dashboard read them — so an
// archive's deletes and a restore's inserts leave them alone, and the recount leaves archived campaigns
// alone (a recount of what is left in D1 would zero them).
import { describe, expect, it } from 'vitest'
import { archiveNow } from '../../app/core/campaigns/archive.server'
import { restoreArchive } from '../../app/core/campaigns/archive-restore.server'
import { messageCounts, reconcileCounters, recountCampaign } from '../../app/core/campaigns/counters.server'
import { archiveFixture, d1Rows, scopeOf } from './archives-support'
import { testContext } from './helpers/app'

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
    const later = testContext()
    later.clock = () => Date.now() + 3 * DAY_MS
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
