// Driving one session's real Durable Object with a fake clock (as engine-campaign-pacing.test.ts does):
// queue a running campaign's rows, run the pacing loop inside the object, jump the clock to each
// alarm it asks for, and read back the instants it actually sent at.
import { runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { ensureLocalQueueTables, sqlLocalQueue } from '../../../app/core/sending/local-queue.server'
import type { SenderJob } from '../../../app/core/sending/router.server'
import { runSenderTick } from '../../../app/core/sending/sender-loop.server'
import { campaignMessages, campaigns, contacts } from '../../../db/schema'
import { seededRandom } from '../../builders'
import { tenantContext } from './app'
import type { EngineFixture } from './engine'

/** Marks the campaign running with `set` (its own pacing) and queues `count` of its rows. */
export async function queueRunning(
  f: EngineFixture,
  count: number,
  set: Partial<typeof campaigns.$inferInsert> = {},
): Promise<SenderJob[]> {
  const db = f.tenant.ctx.db
  await db
    .update(campaigns)
    .set({
      status: 'running',
      dispatchDone: true,
      minDelayS: null,
      maxDelayS: null,
      maxPerMinute: null,
      dailyCap: null,
      window: null,
      ...set,
    })
    .where(eq(campaigns.id, f.campaignId))
  const people = (await db.select().from(contacts).where(eq(contacts.listId, f.list.id))).slice(0, count)
  const jobs: SenderJob[] = []
  for (const p of people) {
    const [row] = await db
      .insert(campaignMessages)
      .values({
        tenantId: f.tenant.tenantId,
        campaignId: f.campaignId,
        contactId: p.id,
        phoneE164: p.phoneE164,
        status: 'queued',
        renderedText: `Oi ${p.id}`,
      })
      .returning({ id: campaignMessages.id })
    jobs.push({ messageId: row!.id, tenantId: f.tenant.tenantId, campaignId: f.campaignId })
  }
  return jobs
}

/** Runs the loop inside the session's Durable Object from `start`; returns the send instants. */
export async function runWithFakeClock(
  sessionId: string,
  jobs: SenderJob[],
  start: number,
  maxTicks = 2000,
): Promise<number[]> {
  return (await runSendsInObject(sessionId, jobs, start, maxTicks)).map((s) => s.at)
}

/**
 * Runs the loop inside the session's Durable Object, jumping the fake clock to each alarm it asks
 * for; returns each send's instant and campaign, in order.
 */
export async function runSendsInObject(
  sessionId: string,
  jobs: SenderJob[],
  start: number,
  maxTicks = 2000,
): Promise<{ at: number; campaignId: string }[]> {
  const stub = env.SENDER_SESSION.getByName(sessionId)
  return runInDurableObject(stub, async (_instance, state) => {
    ensureLocalQueueTables(state.storage.sql)
    const queue = sqlLocalQueue(state.storage.sql)
    for (const j of jobs) {
      state.storage.sql.exec(
        'INSERT INTO jobs (message_id, tenant_id, campaign_id) VALUES (?, ?, ?)',
        j.messageId,
        j.tenantId,
        j.campaignId,
      )
    }
    let now = start
    // At the shard of the team the jobs belong to (decision 043).
    const team = await tenantContext(jobs[0]?.tenantId ?? '')
    const ctx = { ...team, clock: () => now }
    const random = seededRandom(7)
    for (let tick = 0; tick < maxTicks && queue.size() > 0; tick++) {
      const next = await runSenderTick({
        ctx,
        sessionId,
        queue,
        random,
        sleep: async () => {},
        requeue: async () => {
          throw new Error('nothing should fail over in this test')
        },
        maxPerTick: 1,
      })
      if (next === null) break
      now = Math.max(now + 1, next)
    }
    return state.storage.sql
      .exec<{ at: number; campaign_id: string }>('SELECT at, campaign_id FROM sends ORDER BY at')
      .toArray()
      .map((r) => ({ at: r.at, campaignId: r.campaign_id }))
  })
}
