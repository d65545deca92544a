// The sending half of the composer's review: the finish estimate from the effective pacing of the
// sessions that will send (warm-up caps, rest packages, windows and caps included), each chosen
// session's effective pacing, the sending numbers still warming up, and the risk before launch
// (decision 023).
import { inArray } from 'drizzle-orm'
import { wahaSessions } from '../../../db/schema'
import { ownedBy, type TenantScope } from '../db/tenant.server'
import { campaignPacing, effectivePacing, sessionPacing } from '../sending/effective-pacing'
import { campaignFinishEstimate } from '../sending/finish-estimate'
import { DEFAULT_TIME_ZONE, dailyCapOn, warmupDay } from '../sending/pacing'
import { formatDuration } from '../sending/pacing-estimate'
import { DISPARO_WEBHOOK_EVENTS_VERSION } from '../waha/types'
import { resolveAudience } from './audience/audience.server'
import { type RiskAudience, reviewRisk } from './launch-risk.server'
import type { Review, ReviewInput } from './review-types'

/** Estimate, effective pacing, warm-up and risk of the review's values. */
export async function sendingReview(
  scope: TenantScope,
  input: ReviewInput,
  audience: Review['audience'],
  texts: string[],
  locale: string,
): Promise<
  Pick<Review, 'estimate' | 'effective' | 'warmup' | 'risk' | 'pollsUnheard'> & { working: number }
> {
  const { estimate, working, effective, senders, durationMs, chosen } = await estimateForReview(
    scope,
    input,
    audience?.toSend ?? null,
    locale,
  )
  const now = scope.clock()
  const sending = effective.filter((e) => senders.some((s) => s.id === e.id))
  const riskAudience = await riskAudienceOf(scope, input)
  const risk =
    audience && riskAudience && texts.length > 0
      ? await reviewRisk(scope, {
          audience: riskAudience,
          texts,
          toSend: audience.toSend,
          listSize: audience.total,
          sessionIds: senders.map((s) => s.id),
          senders,
          durationMs,
          pacing: {
            dailyCap: input.pacing.dailyCap,
            minDelayS: Math.max(input.pacing.minDelayS, ...sending.map((e) => e.pacing.minDelayS)),
            maxDelayS: Math.max(input.pacing.maxDelayS, ...sending.map((e) => e.pacing.maxDelayS)),
          },
          effectiveDailyCap:
            sending.length > 0 ? Math.max(...sending.map((e) => dailyCapOn(e.pacing, now))) : null,
        })
      : null
  const warmup = sending.flatMap((e) => {
    const plan = e.pacing.warmup
    if (!plan) return []
    const day = warmupDay(plan, now, e.pacing.timeZone)
    const capToday = dailyCapOn(e.pacing, now)
    return day < plan.days && capToday < e.pacing.dailyCap
      ? [{ name: e.name, capToday, day: day + 1, days: plan.days }]
      : []
  })
  const withPoll = Boolean(input.poll) || input.pollInSteps === true
  const pollsUnheard = withPoll
    ? chosen.filter((s) => s.webhookEventsVersion < DISPARO_WEBHOOK_EVENTS_VERSION).map((s) => s.displayName)
    : []
  return { estimate, working, effective, warmup, risk, pollsUnheard }
}

/** Who the risk samples: the audience of lists and segments (decision 039) when there is one, else the list. */
async function riskAudienceOf(scope: TenantScope, input: ReviewInput): Promise<RiskAudience | null> {
  if (input.audienceSpec) return { where: (await resolveAudience(scope, input.audienceSpec)).where }
  return input.listId ? { listId: input.listId } : null
}

/**
 * The finish estimate from the effective pacing (decision 013) of the chosen sessions that will send
 * (the connected ones; all chosen while none is connected yet), and each session's effective pacing:
 * the stricter of its own and the campaign's, field by field, with who set it.
 */
async function estimateForReview(
  scope: TenantScope,
  input: ReviewInput,
  toSend: number | null,
  locale: string,
) {
  const rows =
    input.sessionIds.length === 0
      ? []
      : await scope.db
          .select()
          .from(wahaSessions)
          .where(ownedBy(scope, wahaSessions, inArray(wahaSessions.id, input.sessionIds)))
  const chosen = input.sessionIds.map((id) => rows.find((r) => r.id === id)).filter((r) => r !== undefined)
  const working = chosen.filter((s) => s.status === 'WORKING')
  const p = input.pacing
  const valid =
    p.minDelayS >= 0 &&
    p.maxDelayS >= p.minDelayS &&
    p.maxPerMinute >= 1 &&
    p.dailyCap >= 1 &&
    (!p.window || p.window.days.length > 0)
  if (!valid)
    return { estimate: null, working: working.length, effective: [], senders: [], durationMs: null, chosen }
  const columns = {
    ...p,
    packageMin: null,
    packageMax: null,
    restMinMin: null,
    restMaxMin: null,
    ...input.rest,
  }
  const own = campaignPacing(columns, DEFAULT_TIME_ZONE)
  const effective = chosen.map((s) => ({
    id: s.id,
    name: s.displayName,
    ...effectivePacing(sessionPacing(s), own),
  }))
  const senders = working.length > 0 ? working : chosen
  let estimate: Review['estimate'] = null
  let durationMs: number | null = null
  if (toSend !== null && senders.length > 0) {
    const result = campaignFinishEstimate({
      campaign: columns,
      sessions: senders,
      waiting: toSend,
      now: scope.clock(),
    })
    estimate = {
      text: result.durationMs === null ? '' : formatDuration(result.durationMs, locale),
      sessions: result.sessions,
      finishAt: result.finishAt,
    }
    durationMs = result.durationMs
  }
  return { estimate, working: working.length, effective, senders, durationMs, chosen }
}
