// LGPD erase reaches archived campaigns (decision 042): at once on every read (page, CSV, restore),
// then in the object itself when the cron rewrites it (new object, new checksum, the old one gone).
// Another tenant's archive holding the same phone is not touched.
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { archiveNow } from '../../app/core/campaigns/archive.server'
import { applyArchiveErasures } from '../../app/core/campaigns/archive-erase.server'
import { decodeArchive, type RawRow } from '../../app/core/campaigns/archive-format'
import { restoreArchive } from '../../app/core/campaigns/archive-restore.server'
import { erasePerson } from '../../app/core/contacts/optouts.server'
import { type ArchiveFixture, archiveFixture, archiveRowOf, scopeOf, viewOf } from './archives-support'

/** The archived rows of the campaign as stored in R2 now. */
async function storedRows(f: ArchiveFixture): Promise<RawRow[]> {
  const row = await archiveRowOf(f)
  const bytes = new Uint8Array(await (await env.FILES.get(row!.r2Key))!.arrayBuffer())
  const rows: RawRow[] = []
  for await (const r of (await decodeArchive(bytes, row!.sha256)).rows('campaign_messages')) rows.push(r)
  return rows
}

const csvLineOf = (csv: string, phone: string) => csv.split('\r\n').find((l) => l.includes(phone)) ?? ''

describe('campaign archives: LGPD erase', () => {
  it('should hide the person at once, then rewrite the object without them', async () => {
    const f = await archiveFixture(30)
    const other = await archiveFixture(30) // another tenant, the same phones
    await archiveNow(scopeOf(f), f.campaignId)
    await archiveNow(scopeOf(other), other.campaignId)
    const phone = f.phones[3]!
    expect(csvLineOf((await viewOf(f)).csv, phone)).toMatch(/^Contato 4;/)
    const first = await archiveRowOf(f)

    expect(await erasePerson(scopeOf(f), { phone })).toMatchObject({ ok: true })
    // read at once without the name, though the object still holds it
    expect(csvLineOf((await viewOf(f)).csv, phone)).toMatch(/^;/)
    expect((await storedRows(f)).find((r) => r.phone_e164 === phone)?.contact_name).toBe('Contato 4')
    expect(csvLineOf((await viewOf(other)).csv, phone)).toMatch(/^Contato 4;/)

    // the cron rewrites this tenant's object only, once
    const ctx = f.ctx
    expect(await applyArchiveErasures(ctx)).toBe(f.campaignId)
    expect(await applyArchiveErasures(ctx)).toBeNull()
    const rewritten = await archiveRowOf(f)
    expect(rewritten?.sha256).not.toBe(first?.sha256)
    expect(rewritten?.r2Key).not.toBe(first?.r2Key)
    const listed = await env.FILES.list({ prefix: `archives/${f.tenantId}/${f.campaignId}/` })
    expect(listed.objects.map((o) => o.key)).toEqual([rewritten!.r2Key])
    const rows = await storedRows(f)
    expect(rows).toHaveLength(30)
    expect(rows.find((r) => r.phone_e164 === phone)).toMatchObject({
      contact_name: null,
      rendered_text: null,
    })
    expect(rows.filter((r) => r.contact_name === null)).toHaveLength(1)
    expect(csvLineOf((await viewOf(f)).csv, phone)).toMatch(/^;/)
    expect((await storedRows(other)).find((r) => r.phone_e164 === phone)?.contact_name).toBe('Contato 4')
    expect((await archiveRowOf(other))?.sha256).toBeDefined()
  })

  it('should restore an archive erased before the cron rewrote it without the person', async () => {
    const f = await archiveFixture(12)
    await archiveNow(scopeOf(f), f.campaignId)
    const phone = f.phones[5]!
    await erasePerson(scopeOf(f), { phone })
    expect(await restoreArchive(scopeOf(f), f.campaignId)).toMatchObject({ ok: true })
    const back = await f.ctx.db.$client
      .prepare(
        'SELECT phone_e164 AS phone, contact_name AS name FROM campaign_messages WHERE campaign_id = ? ORDER BY contact_id',
      )
      .bind(f.campaignId)
      .all<{ phone: string; name: string | null }>()
    expect(back.results).toHaveLength(12)
    expect(back.results.filter((r) => r.name === null).map((r) => r.phone)).toEqual([phone])
  })
})
