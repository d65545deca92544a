// The `sends` consumer's core: route each outbox row to the SenderSession of a healthy session among
// the campaign's, acking only once that session stored it. Load is spread over every healthy session
// (sticky per row); a row that failed on some sessions goes to the next healthy one by priority. With
// no session left, the campaign pauses and says why; its waiting rows stay queued for the resume.
import { and, eq, inArray } from 'drizzle-orm'
import { campaignMessages, campaigns, wahaSessions } from '../../../db/schema'
import { logCampaignEvent } from '../campaigns/lifecycle.server'
import type { AppContext } from '../context.server'
import type { SendJob } from '../queue-messages'
import { isSessionHealthy } from './session-config.server'

export type SenderJob = { messageId: number; tenantId: string; campaignId: string }

/** Hands jobs to one session's Durable Object; resolves once they are stored there. */
export type DeliverToSession = (sessionId: string, jobs: SenderJob[]) => Promise<void>

export type RouteOutcome = 'delivered' | 'dropped' | 'retry'

export const NO_SESSION_REASON = 'Nenhuma das sessões da campanha está conectada e disponível para enviar.'

/** Picks the session for a row: sticky over the healthy ones, excluding sessions already tried. */
export function pickSession(priority: readonly string[], healthy: ReadonlySet<string>, messageId: number, exclude: readonly string[]) {
  const candidates = priority.filter((id) => healthy.has(id) && !exclude.includes(id))
  if (candidates.length === 0) return null
  if (exclude.length > 0) return candidates[0] ?? null
  return candidates[messageId % candidates.length] ?? null
}

/** Routes a batch of send jobs; returns an outcome per job, in order. */
export async function routeSendJobs(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  jobs: ReadonlyArray<SendJob & { exclude?: string[] }>,
  deliver: DeliverToSession,
): Promise<RouteOutcome[]> {
  const now = ctx.clock()
  const outcomes: RouteOutcome[] = jobs.map(() => 'dropped')
  const campaignIds = [...new Set(jobs.map((j) => j.campaignId))]
  const campaignRows = campaignIds.length
    ? await ctx.db
        .select({ id: campaigns.id, tenantId: campaigns.tenantId, status: campaigns.status, sessionIds: campaigns.sessionIds })
        .from(campaigns)
        .where(inArray(campaigns.id, campaignIds))
    : []
  const byCampaign = new Map(campaignRows.map((c) => [c.id, c]))
  const sessionIds = [...new Set(campaignRows.flatMap((c) => c.sessionIds))]
  const sessionRows = sessionIds.length
    ? await ctx.db
        .select({ id: wahaSessions.id, tenantId: wahaSessions.tenantId, status: wahaSessions.status, pausedUntil: wahaSessions.pausedUntil })
        .from(wahaSessions)
        .where(inArray(wahaSessions.id, sessionIds))
    : []

  const groups = new Map<string, { jobs: SenderJob[]; indexes: number[] }>()
  const starved = new Set<string>()
  jobs.forEach((job, i) => {
    const campaign = byCampaign.get(job.campaignId)
    // Paused/cancelled/finished campaigns: the row stays as it is; resume hands it out again.
    if (!campaign || campaign.tenantId !== job.tenantId || campaign.status !== 'running') return
    const healthy = new Set(
      sessionRows.filter((s) => s.tenantId === job.tenantId && isSessionHealthy(s, now)).map((s) => s.id),
    )
    const sessionId = pickSession(campaign.sessionIds, healthy, job.messageId, job.exclude ?? [])
    if (!sessionId) {
      starved.add(campaign.id)
      return
    }
    const group = groups.get(sessionId) ?? { jobs: [], indexes: [] }
    group.jobs.push({ messageId: job.messageId, tenantId: job.tenantId, campaignId: job.campaignId })
    group.indexes.push(i)
    groups.set(sessionId, group)
  })

  await Promise.all(
    [...groups].map(async ([sessionId, group]) => {
      try {
        await deliver(sessionId, group.jobs)
        for (const i of group.indexes) outcomes[i] = 'delivered'
      } catch {
        for (const i of group.indexes) outcomes[i] = 'retry'
      }
    }),
  )

  for (const campaignId of starved) await pauseForNoSession(ctx, campaignId)
  return outcomes
}

/** Pauses a running campaign because no session can send; the rows wait for the resume. */
export async function pauseForNoSession(ctx: Pick<AppContext, 'db' | 'clock'>, campaignId: string): Promise<void> {
  const now = ctx.clock()
  const paused = await ctx.db
    .update(campaigns)
    .set({ status: 'paused', pausedReason: NO_SESSION_REASON, updatedAt: now })
    .where(and(eq(campaigns.id, campaignId), eq(campaigns.status, 'running')))
    .returning({ tenantId: campaigns.tenantId })
  if (paused[0]) await logCampaignEvent(ctx, paused[0].tenantId, campaignId, 'paused', NO_SESSION_REASON)
}

/** Marks rows as queued again (after a definite failure) so another session may claim them. */
export async function unclaimForRetry(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  messageId: number,
  attemptId: string,
  sessionId: string,
  error: string,
  tried: string[],
): Promise<boolean> {
  const rows = await ctx.db
    .update(campaignMessages)
    .set({
      status: 'queued',
      error,
      triedSessions: [...new Set([...tried, sessionId])],
      retryCount: tried.length + 1,
      updatedAt: ctx.clock(),
    })
    .where(and(eq(campaignMessages.id, messageId), eq(campaignMessages.attemptId, attemptId), eq(campaignMessages.status, 'sending')))
    .returning({ id: campaignMessages.id })
  return rows.length > 0
}
