// A person's page keeps listing messages of archived campaigns (decision 042): read from the archives
// whose phone filter may hold the number, after the ones still in D1; other people and other teams'
// archives do not leak in.
import { describe, expect, it } from 'vitest'
import { archiveNow } from '../../app/core/campaigns/archive.server'
import { createCampaign, personIds } from '../builders'
import { archiveFixture, archiveRowOf, scopeOf } from './archives-support'
import { appFetch } from './helpers/app'
import { insertMessages } from './report-support'

const rowsOf = (html: string) => [...html.matchAll(/data-testid="timeline-(\d+)"/g)].map((m) => Number(m[1]))

describe('campaign archives: the person page', () => {
  it("should list the person's archived messages after the ones in D1", async () => {
    const f = await archiveFixture(40)
    const other = await archiveFixture(40) // another team, the same phones
    const phone = f.phones[2]!
    const ids = await personIds(f.ctx.db, f.tenantId, [phone, f.phones[7]!])
    const archivedId = f.ids[2]!
    const page = () =>
      appFetch(`/contatos/pessoas/${ids.get(phone)}`, { cookie: f.users.viewer.cookie }).then((r) => r.text())
    expect(rowsOf(await page())).toEqual([archivedId])

    await archiveNow(scopeOf(f), f.campaignId)
    await archiveNow(scopeOf(other), other.campaignId)
    expect((await archiveRowOf(f))?.phonesBloom.length).toBeGreaterThan(0)
    // a newer campaign still in D1 comes first
    const newer = await createCampaign(f.ctx.db, {
      tenantId: f.tenantId,
      name: 'Campanha nova',
      status: 'running',
      listId: f.listId,
      sessionIds: [f.a],
    })
    const [inD1] = await insertMessages(f, newer.id, [{ status: 'sent', phone, sentAt: Date.now() }], 500)
    const html = await page()
    expect(rowsOf(html)).toEqual([inD1, archivedId])
    expect(html).toContain('Liquidação de Outubro')
    // someone else's page lists their own archived message only
    const theirs = await appFetch(`/contatos/pessoas/${ids.get(f.phones[7]!)}`, {
      cookie: f.users.viewer.cookie,
    })
    expect(rowsOf(await theirs.text())).toEqual([f.ids[7]])
  })
})
