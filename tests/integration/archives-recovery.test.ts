// Campaign archives when things go wrong (decision 042): a crash after every step and a re-run
// neither loses nor duplicates a row; an object that fails its check is never followed by a delete;
// a missing or corrupt object is said in Portuguese on the page (totals still shown), the export
// goes back to the page, and restore refuses it and changes nothing; restore round-trips the rows.
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import {
  type ArchiveStep,
  archiveNow,
  archiveStep,
  DELETE_BATCH,
} from '../../app/core/campaigns/archive.server'
import { restoreArchive } from '../../app/core/campaigns/archive-restore.server'
import { archiveFixture, archiveRowOf, d1Rows, scopeOf, viewOf } from './archives-support'
import { flashOf } from './campaigns-helpers'
import { appFetch, campaignD1 } from './helpers/app'

const dump = async (campaignId: string) =>
  (
    await (
      await campaignD1(campaignId)
    )
      .prepare('SELECT * FROM campaign_messages WHERE campaign_id = ? ORDER BY id')
      .bind(campaignId)
      .all()
  ).results

class Crash extends Error {}

describe('campaign archives: crashes and bad objects', () => {
  it('should resume after a crash at every step without losing or duplicating a row', async () => {
    const steps: ArchiveStep[] = ['written', 'marked', 'verified', 'deleted-batch', 'done']
    for (const at of steps) {
      // more rows than one delete batch, so a crash can fall between two batches
      const f = await archiveFixture(DELETE_BATCH + 130)
      // the CSV holds every row; the table's first page and the totals stand for the page
      const before = await viewOf(f, { allPages: false })
      const rows = await dump(f.campaignId)
      let crashed = false
      const crashOnce = {
        after: (step: ArchiveStep) => {
          if (step === at && !crashed) {
            crashed = true
            throw new Crash(at)
          }
        },
      }
      await expect(archiveNow(scopeOf(f), f.campaignId, crashOnce)).rejects.toBeInstanceOf(Crash)
      expect(await archiveNow(scopeOf(f), f.campaignId, crashOnce)).toEqual({ ok: true })
      expect(await d1Rows(f.campaignId)).toEqual({ messages: 0, audience: 0 })
      const after = await viewOf(f, { allPages: false })
      expect({ at, csv: after.csv, pages: after.pages, stats: after.stats }).toEqual({
        at,
        csv: before.csv,
        pages: before.pages,
        stats: before.stats,
      })
      // one object only, and restoring it gives back exactly the rows there were
      const listed = await env.FILES.list({ prefix: `archives/${f.tenantId}/${f.campaignId}/` })
      expect(listed.objects.map((o) => o.key)).toEqual([(await archiveRowOf(f))!.r2Key])
      expect(await restoreArchive(scopeOf(f), f.campaignId)).toMatchObject({ ok: true })
      expect(await dump(f.campaignId)).toEqual(rows)
    }
  })

  it('should stop deleting the moment a restore begins, and the restore brings every row back', async () => {
    const f = await archiveFixture(DELETE_BATCH * 2 + 10)
    const rows = await dump(f.campaignId)
    const restoreBegins = {
      after: async (step: ArchiveStep) => {
        if (step !== 'deleted-batch') return
        await (await campaignD1(f.campaignId))
          .prepare("UPDATE campaign_archives SET state = 'restoring' WHERE campaign_id = ?")
          .bind(f.campaignId)
          .run()
      },
    }
    expect(await archiveNow(scopeOf(f), f.campaignId, restoreBegins)).toEqual({ ok: false, why: 'restoring' })
    // one batch went before the restore began; none after
    expect((await d1Rows(f.campaignId)).messages).toBe(DELETE_BATCH + 10)
    expect(await restoreArchive(scopeOf(f), f.campaignId)).toMatchObject({ ok: true })
    expect(await dump(f.campaignId)).toEqual(rows)
  })

  it('should delete nothing when the object read back does not match, and write it again', async () => {
    const f = await archiveFixture(40)
    const s = scopeOf(f)
    expect(await archiveStep(s, f.campaignId)).toBe('written')
    const row = await archiveRowOf(f)
    await env.FILES.put(row!.r2Key, new Uint8Array([31, 139, 8, 0, 1, 2, 3]))
    expect(await archiveStep(s, f.campaignId)).toBeNull()
    expect(await d1Rows(f.campaignId)).toEqual({ messages: 40, audience: 40 })
    expect(await archiveNow(s, f.campaignId)).toEqual({ ok: true })
    expect(await d1Rows(f.campaignId)).toEqual({ messages: 0, audience: 0 })
  })

  it('should say so in Portuguese when the object is missing or corrupt, keep the totals, and refuse to restore', async () => {
    for (const problem of ['missing', 'corrupt'] as const) {
      const f = await archiveFixture(30)
      const before = await viewOf(f)
      await archiveNow(scopeOf(f), f.campaignId)
      const row = await archiveRowOf(f)
      if (problem === 'missing') await env.FILES.delete(row!.r2Key)
      else {
        const bytes = new Uint8Array(await (await env.FILES.get(row!.r2Key))!.arrayBuffer())
        bytes[bytes.length >> 1]! ^= 0xff
        await env.FILES.put(row!.r2Key, bytes)
      }
      const res = await appFetch(`/campanhas/${f.campaignId}`, { cookie: f.users.admin.cookie })
      expect(res.status).toBe(200)
      const html = await res.text()
      expect(html).toContain(
        problem === 'missing' ? 'não foi encontrado no armazenamento' : 'está danificado',
      )
      expect(html).not.toContain('value="restore-archive"')
      const after = await viewOf(f)
      expect(after.stats).toEqual(before.stats)
      expect(after.pages.flat()).toEqual([])
      const csv = await appFetch(`/campanhas/${f.campaignId}/exportar`, { cookie: f.users.viewer.cookie })
      expect(csv.status).toBe(303)
      expect(flashOf(csv)).toMatchObject({ kind: 'error', message: `archives.${problem}` })
      expect(await restoreArchive(scopeOf(f), f.campaignId)).toEqual({ ok: false, why: problem })
      const post = await appFetch(`/campanhas/${f.campaignId}`, {
        cookie: f.users.admin.cookie,
        form: { intent: 'restore-archive' },
      })
      expect(flashOf(post)).toMatchObject({ kind: 'error', message: `archives.refused.${problem}` })
      expect((await archiveRowOf(f))?.state).toBe('done')
      expect(await d1Rows(f.campaignId)).toEqual({ messages: 0, audience: 0 })
    }
  })

  it('should restore through the page for admins only, rows and ids as they were', async () => {
    const f = await archiveFixture(75)
    const rows = await dump(f.campaignId)
    const before = await viewOf(f)
    await archiveNow(scopeOf(f), f.campaignId)
    for (const role of ['viewer', 'operator'] as const) {
      const denied = await appFetch(`/campanhas/${f.campaignId}`, {
        cookie: f.users[role].cookie,
        form: { intent: 'restore-archive' },
      })
      expect(denied.status).toBe(403)
    }
    expect((await archiveRowOf(f))?.state).toBe('done')
    const res = await appFetch(`/campanhas/${f.campaignId}`, {
      cookie: f.users.admin.cookie,
      form: { intent: 'restore-archive' },
    })
    expect(flashOf(res)).toMatchObject({ kind: 'success', message: 'archives.restored' })
    expect(await dump(f.campaignId)).toEqual(rows)
    expect(await d1Rows(f.campaignId)).toEqual({ messages: 75, audience: 75 })
    expect(await archiveRowOf(f)).toBeUndefined()
    expect((await env.FILES.list({ prefix: `archives/${f.tenantId}/` })).objects).toEqual([])
    const after = await viewOf(f)
    expect(after.csv).toBe(before.csv)
    expect(after.html).not.toContain('report-archive')
    // restoring twice: nothing to restore, nothing changes
    expect(await restoreArchive(scopeOf(f), f.campaignId)).toEqual({ ok: false, why: 'not_archived' })
  })
})
