// Campaign archives (decision 042) through the real path: Miniflare's D1 and R2, the report page and
// the CSV export through the Worker. A finished campaign reads back the same once its rows are in R2;
// the cron leaves running, recent and poll campaigns alone; another tenant sees nothing of it.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { archiveNow, archiveTick } from '../../app/core/campaigns/archive.server'
import { restoreArchive } from '../../app/core/campaigns/archive-restore.server'
import { readableArchive } from '../../app/core/campaigns/archive-store.server'
import { campaigns } from '../../db/schema'
import worker from '../../workers/app'
import { archiveFixture, archiveRowOf, d1Rows, scopeOf, viewOf } from './archives-support'
import { appFetch, shardContexts, testContext } from './helpers/app'

describe('campaign archives', () => {
  it('should read the report, its pages, filters and the CSV back equal once the rows are in R2', async () => {
    const f = await archiveFixture(130)
    const before = await viewOf(f)
    expect(before.pages.flat()).toHaveLength(130)
    expect(before.pages).toHaveLength(3)
    expect(before.search.length).toBeGreaterThan(0)
    expect(before.failed.length).toBeGreaterThan(0)

    expect(await archiveNow(scopeOf(f), f.campaignId)).toEqual({ ok: true })
    expect(await d1Rows(f.campaignId)).toEqual({ messages: 0, audience: 0 })
    const row = await archiveRowOf(f)
    expect(row).toMatchObject({
      state: 'done',
      schemaVersion: 1,
      counts: { campaign_messages: 130, campaign_audience: 130 },
    })
    const object = await env.FILES.get(row!.r2Key)
    expect(object?.customMetadata?.sha256).toBe(row!.sha256)
    expect(JSON.parse(object!.customMetadata!.manifest!)).toMatchObject({
      schemaVersion: 1,
      counts: row!.counts,
    })

    const after = await viewOf(f)
    expect(after.stats).toEqual(before.stats)
    expect(after.pages).toEqual(before.pages)
    expect(after.failed).toEqual(before.failed)
    expect(after.search).toEqual(before.search)
    expect(after.csv).toBe(before.csv)
    expect(after.html).toContain('data-testid="report-archive-badge"')
    expect(after.html).toContain('>arquivada<')
    expect(after.html).toMatch(/respondeu em \d+ ms/)
    expect(before.html).not.toContain('report-archive')
    // the viewer sees no restore button; an admin does
    expect(after.html).not.toContain('value="restore-archive"')
    const admin = await appFetch(`/campanhas/${f.campaignId}`, { cookie: f.users.admin.cookie }).then((r) =>
      r.text(),
    )
    expect(admin).toContain('value="restore-archive"')
  })

  it('should archive through the cron only campaigns finished more than ARCHIVE_AFTER_DAYS ago, one step a tick', async () => {
    const old = await archiveFixture(20, 40)
    const cancelled = await archiveFixture(10, 35, 'cancelled')
    const recent = await archiveFixture(10, 10)
    const running = await archiveFixture(10, 40, 'running')
    await running.ctx.db
      .update(campaigns)
      .set({ finishedAt: null })
      .where(eq(campaigns.id, running.campaignId))
    const poll = await archiveFixture(10, 40)
    await poll.ctx.db
      .update(campaigns)
      .set({ poll: { options: ['Sim', 'Não'], multipleAnswers: false } })
      .where(eq(campaigns.id, poll.campaignId))
    // a poll in a follow-up step (decision 040) keeps the campaign in D1 as well
    const pollStep = await archiveFixture(10, 40)
    await pollStep.ctx.db
      .update(campaigns)
      .set({
        steps: [
          {
            texts: ['Vem?'],
            poll: { options: ['Sim', 'Não'], multipleAnswers: false },
            delayMinutes: 60,
            audience: 'no_reply',
            option: null,
          },
        ],
      })
      .where(eq(campaigns.id, pollStep.campaignId))
    expect(testContext().config.archiveAfterDays).toBe(30)
    const seen: string[] = []
    // The cron ticks every shard (decision 043).
    for (const ctx of shardContexts()) {
      for (let i = 0; i < 200; i++) {
        const step = await archiveTick(ctx)
        if (!step) break
        seen.push(`${step.campaignId}:${step.state}`)
      }
    }
    // write, verify, delete (one batch: fewer rows than DELETE_BATCH) → done, per campaign, in turn
    for (const f of [old, cancelled]) {
      expect(seen.filter((s) => s.startsWith(f.campaignId))).toEqual([
        `${f.campaignId}:written`,
        `${f.campaignId}:verified`,
        `${f.campaignId}:done`,
      ])
      expect(await d1Rows(f.campaignId)).toEqual({ messages: 0, audience: 0 })
    }
    for (const f of [recent, running, poll, pollStep]) {
      expect(await archiveRowOf(f)).toBeUndefined()
      expect(await d1Rows(f.campaignId)).toEqual({ messages: 10, audience: 10 })
    }
    // a deployment's own window: 5 days takes the recent one too
    for (const short of shardContexts()) {
      short.config = { ...short.config, archiveAfterDays: 5 }
      for (let i = 0; i < 10 && (await archiveTick(short)); i++);
    }
    expect((await archiveRowOf(recent))?.state).toBe('done')
    expect(await archiveRowOf(poll)).toBeUndefined()
    // archiving now refuses what is not finished, and polls
    expect(await archiveNow(scopeOf(running), running.campaignId)).toEqual({ ok: false, why: 'not_finished' })
    expect(await archiveNow(scopeOf(poll), poll.campaignId)).toEqual({ ok: false, why: 'poll' })
    expect(await archiveNow(scopeOf(pollStep), pollStep.campaignId)).toEqual({ ok: false, why: 'poll' })
  })

  it("should archive from the Worker's scheduled handler, one step a minute", async () => {
    const f = await archiveFixture(25)
    const tick = async () => {
      const ctx = createExecutionContext()
      await worker.scheduled(
        createScheduledController({ scheduledTime: new Date(), cron: '* * * * *' }),
        env,
        ctx,
      )
      await waitOnExecutionContext(ctx)
      return (await archiveRowOf(f))?.state
    }
    expect(await tick()).toBe('written')
    expect(await d1Rows(f.campaignId)).toEqual({ messages: 25, audience: 25 })
    expect(await tick()).toBe('verified')
    expect(await tick()).toBe('done')
    expect(await d1Rows(f.campaignId)).toEqual({ messages: 0, audience: 0 })
  })

  it("should keep each tenant's archive to itself", async () => {
    const a = await archiveFixture(15)
    const b = await archiveFixture(5)
    await archiveNow(scopeOf(a), a.campaignId)
    const sB = scopeOf(b)
    expect(await readableArchive(sB, a.campaignId)).toBeNull()
    expect(await restoreArchive(sB, a.campaignId)).toEqual({ ok: false, why: 'not_archived' })
    expect(await archiveNow(sB, a.campaignId)).toEqual({ ok: false, why: 'not_found' })
    for (const path of [`/campanhas/${a.campaignId}`, `/campanhas/${a.campaignId}/exportar`]) {
      expect((await appFetch(path, { cookie: b.users.admin.cookie })).status).toBe(404)
    }
    const post = await appFetch(`/campanhas/${a.campaignId}`, {
      cookie: b.users.admin.cookie,
      form: { intent: 'restore-archive' },
    })
    expect(post.status).toBe(404)
    expect((await archiveRowOf(a))?.state).toBe('done')
    expect(await d1Rows(b.campaignId)).toEqual({ messages: 5, audience: 5 })
  })
})
