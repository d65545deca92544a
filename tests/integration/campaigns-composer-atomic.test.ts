// The composer's writes are one D1 transaction: "Agendar" saves the campaign and schedules it together
// or not at all, and the confirmed "Enviar agora" moves the row and writes its `started` line together.
// A failing last statement (a trigger refusing the history line) must leave nothing half done.

import { parseWithZod } from '@conform-to/zod/v4'
import { and, eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { submitComposer } from '../../app/core/campaigns/composer.server'
import { ComposerSchema } from '../../app/core/campaigns/composer-schema'
import { launchNow } from '../../app/core/campaigns/lifecycle.server'
import { scopeTo } from '../../app/core/db/tenant.server'
import type { DispatchJob } from '../../app/core/queue-messages'
import { redispatchUnstarted } from '../../app/core/sending/sweeper.server'
import { campaignEvents, campaigns } from '../../db/schema'
import {
  type CampaignFixture,
  campaignFixture,
  campaignRow,
  composerForm,
  type FormFields,
  saoPauloFields,
  tenantCampaigns,
} from './campaigns-helpers'
import { shardContexts } from './helpers/app'

const BASE_URL = 'https://disparo.test'

/** Makes D1 refuse the history line of `kind`, so the batch that writes it fails at its end. */
async function refuseEvent(f: CampaignFixture, kind: string) {
  await f.ctx.db.$client.exec(
    `CREATE TRIGGER refuse_event BEFORE INSERT ON campaign_events WHEN NEW.kind = '${kind}' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`,
  )
}

afterEach(async () => {
  for (const ctx of shardContexts()) await ctx.db.$client.exec('DROP TRIGGER IF EXISTS refuse_event')
})

function submit(f: CampaignFixture, fields: FormFields, campaignId: string | null = null) {
  const scope = scopeTo(f.ctx, f.tenantId, f.users.operator.id)
  return submitComposer(scope, {
    campaignId,
    form: composerForm(f, fields),
    baseUrl: BASE_URL,
    userName: 'Operador',
    parse: (form) => parseWithZod(form, { schema: ComposerSchema }),
  })
}

function eventKinds(f: CampaignFixture, id: string) {
  return f.ctx.db
    .select({ kind: campaignEvents.kind })
    .from(campaignEvents)
    .where(and(eq(campaignEvents.tenantId, f.tenantId), eq(campaignEvents.campaignId, id)))
    .orderBy(campaignEvents.id)
}

describe('the composer writes in one step', () => {
  it('should save and schedule a new campaign together, or leave nothing', async () => {
    const f = await campaignFixture()
    const at = Math.floor((Date.now() + 2 * 86_400_000) / 60_000) * 60_000
    const token = `tok${crypto.randomUUID().replaceAll('-', '')}`
    const fields = { token, intent: 'schedule', ...saoPauloFields(at) }

    await refuseEvent(f, 'scheduled')
    await expect(submit(f, fields)).rejects.toThrow()
    // Not a draft left behind when the user asked to schedule: no row, no history.
    expect(await tenantCampaigns(f)).toHaveLength(0)
    expect(await eventKinds(f, `cmp_${token}`)).toHaveLength(0)

    await f.ctx.db.$client.exec('DROP TRIGGER refuse_event')
    expect(await submit(f, fields)).toMatchObject({ kind: 'scheduled', ok: true })
    expect(await campaignRow(f, `cmp_${token}`)).toMatchObject({ status: 'scheduled', scheduledAt: at })
    // The same form again (double click): the same campaign, one `created` line.
    expect(await submit(f, fields)).toMatchObject({ kind: 'scheduled', ok: true })
    expect((await eventKinds(f, `cmp_${token}`)).map((e) => e.kind)).toEqual([
      'created',
      'scheduled',
      'scheduled',
    ])
  })

  it('should keep an edited draft unchanged when its scheduling fails', async () => {
    const f = await campaignFixture()
    const token = `tok${crypto.randomUUID().replaceAll('-', '')}`
    expect(await submit(f, { token })).toMatchObject({ kind: 'saved' })
    const id = `cmp_${token}`
    const at = Math.floor((Date.now() + 3 * 86_400_000) / 60_000) * 60_000

    await refuseEvent(f, 'scheduled')
    await expect(
      submit(f, { name: 'Renomeada', intent: 'schedule', ...saoPauloFields(at) }, id),
    ).rejects.toThrow()
    expect(await campaignRow(f, id)).toMatchObject({
      status: 'draft',
      name: 'Black Friday',
      scheduledAt: null,
    })
  })

  it('should move a confirmed launch and write its `started` line together', async () => {
    const f = await campaignFixture()
    const token = `tok${crypto.randomUUID().replaceAll('-', '')}`
    expect(await submit(f, { token })).toMatchObject({ kind: 'saved' })
    const id = `cmp_${token}`
    const scope = scopeTo(f.ctx, f.tenantId, f.users.operator.id)

    await refuseEvent(f, 'started')
    await expect(launchNow(scope, id, BASE_URL)).rejects.toThrow()
    // Not running without its history line (and without its dispatch job).
    expect(await campaignRow(f, id)).toMatchObject({ status: 'draft', startedAt: null })

    await f.ctx.db.$client.exec('DROP TRIGGER refuse_event')
    expect(await launchNow(scope, id, BASE_URL)).toEqual({ ok: true, message: 'campaigns.launched' })
    expect(await launchNow(scope, id, BASE_URL)).toEqual({ ok: true, message: 'campaigns.already.running' })
    expect((await eventKinds(f, id)).map((e) => e.kind)).toEqual(['created', 'started'])
  })
})

describe('a launch whose dispatch job was lost', () => {
  it('should be dispatched by the cron once it has waited, and only while dispatch has not started', async () => {
    const f = await campaignFixture()
    const token = `tok${crypto.randomUUID().replaceAll('-', '')}`
    expect(await submit(f, { token })).toMatchObject({ kind: 'saved' })
    const id = `cmp_${token}`
    // The queue refuses the job after the batch committed: running, with its line, and no job.
    const lost = { send: async () => Promise.reject(new Error('queue unavailable')) }
    const failing = scopeTo(
      { ...f.ctx, env: { ...f.ctx.env, DISPATCH_QUEUE: lost } as unknown as Env },
      f.tenantId,
      f.users.operator.id,
    )
    await expect(launchNow(failing, id, BASE_URL)).rejects.toThrow('queue unavailable')
    const row = await campaignRow(f, id)
    expect(row).toMatchObject({ status: 'running', dispatchDone: false, dispatchCursor: 0 })

    const sent: DispatchJob[] = []
    const queue = { send: async (job: DispatchJob) => void sent.push(job) }
    const cron = (at: number) =>
      redispatchUnstarted({
        ...f.ctx,
        clock: () => at,
        env: { ...f.ctx.env, DISPATCH_QUEUE: queue } as unknown as Env,
      })
    const startedAt = row?.startedAt ?? 0
    expect(await cron(startedAt + 60_000)).toBe(0)
    expect(await cron(startedAt + 6 * 60_000)).toBeGreaterThanOrEqual(1)
    expect(sent.filter((j) => j.campaignId === id)).toEqual([
      { type: 'dispatch', v: 1, tenantId: f.tenantId, campaignId: id },
    ])
    // Once dispatch has moved its cursor, the cron leaves it alone.
    await f.ctx.db.update(campaigns).set({ dispatchCursor: 1 }).where(eq(campaigns.id, id))
    sent.length = 0
    await cron(startedAt + 10 * 60_000)
    expect(sent.filter((j) => j.campaignId === id)).toEqual([])
  })
})
