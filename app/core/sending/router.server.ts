// The `sends` consumer's core: route each outbox row to the SenderSession of a healthy session among
// the campaign's, acking only once that session stored it. Load is spread over every healthy session
// (sticky per row); a row that failed on some sessions goes to the next healthy one by priority. When
// none of the campaign's own sessions can send, the team's reserve sessions take over by failover
// priority, and the campaign's history says which and why. With no session left at all, the campaign
// pauses and says why; its waiting rows stay queued for the resume. A campaign with area-code affinity
// (decision 020) first tries the sessions whose number shares the contact's DDD, then its state.

import { and, eq, gte, inArray, or } from 'drizzle-orm'
import { campaignEvents, campaignMessages, campaigns, wahaSessions } from '../../../db/schema'
import { type Text, text } from '../../i18n/text'
import { logCampaignEvent } from '../campaigns/campaign-events.server'
import { pauseAutomatically } from '../campaigns/lifecycle.server'
import type { AppContext } from '../context.server'
import { perTenant } from '../db/shards.server'
import { dddOf, ufOfDdd } from '../phone/ddd'
import type { SendJob } from '../queue-messages'
import { pausedText } from '../stored-text'
import { CAMPAIGN_PACING_COLUMNS, campaignPacing, effectivePacing } from './effective-pacing'
import { DEFAULT_TIME_ZONE } from './pacing'
import { isSessionHealthy, sessionPacing } from './session-config.server'

export type SenderJob = { messageId: number; tenantId: string; campaignId: string }

/** Hands jobs to one session's Durable Object; resolves once they are stored there. */
export type DeliverToSession = (sessionId: string, jobs: SenderJob[]) => Promise<void>

export type RouteOutcome = 'delivered' | 'dropped' | 'retry'

export const NO_SESSION_REASON = text('send.noSession')

/** Picks the session for a row: sticky over the healthy ones, excluding sessions already tried. */
function pickSession(
  priority: readonly string[],
  healthy: ReadonlySet<string>,
  messageId: number,
  exclude: readonly string[],
) {
  const candidates = priority.filter((id) => healthy.has(id) && !exclude.includes(id))
  if (candidates.length === 0) return null
  if (exclude.length > 0) return candidates[0] ?? null
  return candidates[messageId % candidates.length] ?? null
}

/**
 * Area-code affinity (decision 020): among the sessions pickSession could use, those whose own number
 * shares the contact's DDD, else those in the contact's state; spread over them as pickSession does
 * (the first by priority after a failure). Null when neither exists: the caller falls back to
 * pickSession, by priority.
 */
function pickByAreaCode(
  priority: readonly string[],
  healthy: ReadonlySet<string>,
  messageId: number,
  exclude: readonly string[],
  contactPhone: string | null,
  sessionPhones: ReadonlyMap<string, string | null>,
): string | null {
  const ddd = dddOf(contactPhone)
  if (ddd === null) return null
  const candidates = priority.filter((id) => healthy.has(id) && !exclude.includes(id))
  const sameDdd = candidates.filter((id) => dddOf(sessionPhones.get(id)) === ddd)
  const uf = ufOfDdd(ddd)
  const tier =
    sameDdd.length > 0 ? sameDdd : candidates.filter((id) => ufOfDdd(dddOf(sessionPhones.get(id))) === uf)
  if (tier.length === 0) return null
  if (exclude.length > 0) return tier[0] ?? null
  return tier[messageId % tier.length] ?? null
}

/** The contact phones of the jobs whose campaign routes by area code (one query; empty when none does). */
async function affinityPhones(
  ctx: Pick<AppContext, 'db'>,
  jobs: ReadonlyArray<SendJob>,
  byCampaign: ReadonlyMap<string, { areaCodeAffinity: boolean }>,
): Promise<Map<number, string>> {
  const wanted = new Map(
    jobs.filter((j) => byCampaign.get(j.campaignId)?.areaCodeAffinity).map((j) => [j.messageId, j]),
  )
  if (wanted.size === 0) return new Map()
  const rows = await ctx.db
    .select({
      id: campaignMessages.id,
      tenantId: campaignMessages.tenantId,
      campaignId: campaignMessages.campaignId,
      phone: campaignMessages.phoneE164,
    })
    .from(campaignMessages)
    .where(inArray(campaignMessages.id, [...wanted.keys()]))
  // A job only ever reads its own tenant's and campaign's row.
  const own = rows.filter(
    (r) => wanted.get(r.id)?.tenantId === r.tenantId && wanted.get(r.id)?.campaignId === r.campaignId,
  )
  return new Map(own.map((r) => [r.id, r.phone]))
}

/** Routes a batch of send jobs; returns an outcome per job, in order. */
export async function routeSendJobs(
  ctx: AppContext,
  jobs: ReadonlyArray<SendJob & { exclude?: string[] }>,
  deliver: DeliverToSession,
): Promise<RouteOutcome[]> {
  // Each team's rows live on its shard (decision 043); a team being moved retries its jobs later.
  return perTenant(ctx, jobs, (at, teamJobs) => routeTeamJobs(at, teamJobs, deliver), 'retry')
}

async function routeTeamJobs(
  ctx: Pick<AppContext, 'db' | 'clock' | 'env'>,
  jobs: ReadonlyArray<SendJob & { exclude?: string[] }>,
  deliver: DeliverToSession,
): Promise<RouteOutcome[]> {
  const now = ctx.clock()
  const outcomes: RouteOutcome[] = jobs.map(() => 'dropped')
  const campaignIds = [...new Set(jobs.map((j) => j.campaignId))]
  const campaignRows = campaignIds.length
    ? await ctx.db
        .select({
          id: campaigns.id,
          tenantId: campaigns.tenantId,
          status: campaigns.status,
          sessionIds: campaigns.sessionIds,
          areaCodeAffinity: campaigns.areaCodeAffinity,
          ...CAMPAIGN_PACING_COLUMNS,
        })
        .from(campaigns)
        .where(inArray(campaigns.id, campaignIds))
    : []
  const byCampaign = new Map(campaignRows.map((c) => [c.id, c]))
  const sessionRows = await candidateSessions(ctx, campaignRows)
  const phones = await affinityPhones(ctx, jobs, byCampaign)
  const sessionPhones = new Map(sessionRows.map((s) => [s.id, s.phone]))

  const groups = new Map<string, { jobs: SenderJob[]; indexes: number[] }>()
  const starved = new Set<string>()
  const takeovers = new Map<string, Takeover>()
  jobs.forEach((job, i) => {
    const campaign = byCampaign.get(job.campaignId)
    // Paused/cancelled/finished campaigns: the row stays as it is; resume hands it out again.
    if (!campaign || campaign.tenantId !== job.tenantId || campaign.status !== 'running') return
    const own = campaignPacing(campaign, DEFAULT_TIME_ZONE)
    // A session can take the campaign's work when it is connected, not paused, and its send window
    // meets the campaign's at some hour.
    const usable = sessionRows.filter(
      (s) =>
        s.tenantId === job.tenantId &&
        isSessionHealthy(s, now) &&
        !effectivePacing(sessionPacing(s), own).windowEmpty,
    )
    const exclude = job.exclude ?? []
    const healthy = new Set(usable.map((s) => s.id))
    // Area-code affinity first when the campaign asks for it; else (or when no session matches) as usual.
    const byAreaCode = campaign.areaCodeAffinity
      ? pickByAreaCode(
          campaign.sessionIds,
          healthy,
          job.messageId,
          exclude,
          phones.get(job.messageId) ?? null,
          sessionPhones,
        )
      : null
    let sessionId = byAreaCode ?? pickSession(campaign.sessionIds, healthy, job.messageId, exclude)
    if (!sessionId) {
      // None of the campaign's own sessions can send: the team's reserve numbers take over, best
      // failover priority first (decision 013).
      const reserve = pickReserve(usable, campaign.sessionIds, exclude)
      if (reserve) {
        sessionId = reserve.id
        if (!takeovers.has(`${campaign.id}|${reserve.id}`)) {
          takeovers.set(`${campaign.id}|${reserve.id}`, {
            tenantId: campaign.tenantId,
            campaignId: campaign.id,
            reserve,
            why: whyOwnCannotSend(campaign.sessionIds, sessionRows, usable, exclude, now),
          })
        }
      }
    }
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

  for (const t of takeovers.values()) await recordTakeover(ctx, t)
  for (const campaignId of starved) await pauseAutomatically(ctx, campaignId, NO_SESSION_REASON)
  return outcomes
}

type SessionCandidate = typeof wahaSessions.$inferSelect

/** The campaigns' own sessions and their teams' reserve sessions, in one query. */
async function candidateSessions(
  ctx: Pick<AppContext, 'db'>,
  campaignRows: ReadonlyArray<{ tenantId: string; sessionIds: string[] }>,
): Promise<SessionCandidate[]> {
  const ids = [...new Set(campaignRows.flatMap((c) => c.sessionIds))]
  const tenants = [...new Set(campaignRows.map((c) => c.tenantId))]
  if (tenants.length === 0) return []
  const reserves = and(inArray(wahaSessions.tenantId, tenants), eq(wahaSessions.failoverEnabled, true))
  return ctx.db
    .select()
    .from(wahaSessions)
    .where(ids.length > 0 ? or(inArray(wahaSessions.id, ids), reserves) : reserves)
}

/** The best reserve: a team session outside the campaign, marked as reserve, by failover priority. */
function pickReserve<
  T extends Pick<SessionCandidate, 'id' | 'failoverEnabled' | 'failoverPriority' | 'displayName'>,
>(usable: readonly T[], campaignSessions: readonly string[], exclude: readonly string[]): T | null {
  const reserves = usable
    .filter((s) => s.failoverEnabled && !campaignSessions.includes(s.id) && !exclude.includes(s.id))
    .sort((a, b) => a.failoverPriority - b.failoverPriority || a.displayName.localeCompare(b.displayName))
  return reserves[0] ?? null
}

/** Why one of the campaign's sessions could not take a row (shown in the campaign's history). */
type OwnSessionProblem = {
  name: string
  why: 'missing' | 'disconnected' | 'paused' | 'failed_here' | 'window'
  status?: string
  /** Why the session is paused (a stored text; sessions paused before codes: their pt-BR sentence). */
  reason?: Text | null
}

function whyOwnCannotSend(
  own: readonly string[],
  rows: readonly SessionCandidate[],
  usable: readonly SessionCandidate[],
  exclude: readonly string[],
  now: number,
): OwnSessionProblem[] {
  return own.map((id) => {
    const row = rows.find((r) => r.id === id)
    if (!row) return { name: id, why: 'missing' }
    const name = row.displayName
    if (row.status !== 'WORKING') return { name, why: 'disconnected', status: row.status }
    if (row.pausedUntil !== null && row.pausedUntil > now)
      return { name, why: 'paused', reason: pausedText(row) }
    if (exclude.includes(id)) return { name, why: 'failed_here' }
    if (!usable.some((u) => u.id === id)) return { name, why: 'window' }
    return { name, why: 'failed_here' }
  })
}

type Takeover = { tenantId: string; campaignId: string; reserve: SessionCandidate; why: OwnSessionProblem[] }

/** How long one takeover note covers: a reserve that keeps sending is not logged batch after batch. */
const TAKEOVER_NOTE_EVERY_MS = 60 * 60 * 1000

/** Writes "the reserve X took over, because…" to the campaign's history (once an hour per reserve). */
async function recordTakeover(ctx: Pick<AppContext, 'db' | 'clock'>, t: Takeover): Promise<void> {
  const since = ctx.clock() - TAKEOVER_NOTE_EVERY_MS
  const recent = await ctx.db
    .select({ detail: campaignEvents.detail })
    .from(campaignEvents)
    .where(
      and(
        eq(campaignEvents.campaignId, t.campaignId),
        eq(campaignEvents.kind, 'reserve'),
        gte(campaignEvents.createdAt, since),
      ),
    )
  if (
    recent.some(
      (r) => r.detail !== null && (JSON.parse(r.detail) as { sessionId?: string }).sessionId === t.reserve.id,
    )
  )
    return
  const detail = JSON.stringify({ sessionId: t.reserve.id, session: t.reserve.displayName, own: t.why })
  await logCampaignEvent(ctx, t.tenantId, t.campaignId, 'reserve', detail)
}
