// A frozen audience larger than one dispatch page (decision 039): 1,200 people from a list and a
// segment that overlap by 100 go out as exactly one outbox row each, over several pages of the real
// dispatch queue (the cursor is a person id), while the sender holds them (a long pacing delay).
import { describe, expect, it } from 'vitest'
import { cancel, launchNow } from '../../app/core/campaigns/lifecycle.server'
import { scopeTo } from '../../app/core/db/tenant.server'
import { newId } from '../../app/core/ids'
import { campaigns, contacts, personTags, tags } from '../../db/schema'
import { personIds } from '../builders'
import { makeList, makeSegment } from './audience-support'
import { createTestTenant, ORIGIN } from './helpers/app'
import { campaignRow, createSimSession, waitFor } from './helpers/engine'

const phone = (i: number) => `+55119${String(10_000_000 + i).padStart(8, '0')}`

describe('campaign audience over several dispatch pages', () => {
  it('should create one row per person across pages, the overlap once', async () => {
    const t = await createTestTenant('Loja Grande')
    const phones = Array.from({ length: 1200 }, (_, i) => phone(i))
    const ids = await personIds(t.ctx.db, t.tenantId, phones)
    const list = await makeList(t, 'Grande')
    const inList = phones.slice(0, 700)
    for (let i = 0; i < inList.length; i += 10)
      await t.ctx.db
        .insert(contacts)
        .values(
          inList
            .slice(i, i + 10)
            .map((p) => ({ tenantId: t.tenantId, listId: list, personId: ids.get(p)!, phoneE164: p })),
        )
    const tag = await t.ctx.db
      .insert(tags)
      .values({ tenantId: t.tenantId, name: 'Feira', nameKey: 'feira' })
      .returning({ id: tags.id })
      .get()
    const tagged = phones.slice(600)
    for (let i = 0; i < tagged.length; i += 25)
      await t.ctx.db
        .insert(personTags)
        .values(
          tagged
            .slice(i, i + 25)
            .map((p) => ({ tenantId: t.tenantId, personId: ids.get(p)!, tagId: tag.id })),
        )
    const segment = await makeSegment(t, 'Feira', { tags: { mode: 'any', ids: [tag.id] } })
    const session = await createSimSession(t, { pacing: { minDelayS: 3600, maxDelayS: 3600 } })
    const id = newId('cmp')
    await t.ctx.db.insert(campaigns).values({
      id,
      tenantId: t.tenantId,
      name: 'Grande',
      audience: {
        lists: [list],
        segments: [segment],
        exclude: { lists: [], segments: [], messagedWithinDays: null },
      },
      texts: ['Oi!'],
      sessionIds: [session.id],
      simulateTyping: false,
    })
    const scope = scopeTo(t.ctx, t.tenantId, t.users.admin.id)
    expect((await launchNow(scope, id, ORIGIN)).ok).toBe(true)
    await waitFor(async () => (await campaignRow(id))?.dispatch_done === 1, 'dispatch done', 60_000)
    const counts = await t.ctx.db.$client
      .prepare(
        'SELECT COUNT(*) AS n, COUNT(DISTINCT phone_e164) AS phones, COUNT(DISTINCT contact_id) AS keys FROM campaign_messages WHERE campaign_id = ?',
      )
      .bind(id)
      .first<{ n: number; phones: number; keys: number }>()
    expect(counts).toEqual({ n: 1200, phones: 1200, keys: 1200 })
    expect(await campaignRow(id)).toMatchObject({ total_count: 1200, status: 'running' })
    expect((await cancel(scope, id)).ok).toBe(true)
  }, 90_000)
})
