// The campaign report ("Acompanhamento", /campanhas/:id): every number of the page in ONE D1 batch
// (one round trip, one snapshot): the funnel, the per-session split with the sends timeline, reads per
// bucket, failure reasons and held rows from the campaign counters (decision 041; their size does not
// grow with the campaign), the last hour's sends from the outbox, late opt-outs, the page of rows and
// the history with who did what. No per-row queries.
// The funnel, the progress, the status tiles, the per-session lines and the table's total all come
// from those grouped counts, so the page's figures agree; only a session or search filter needs its
// own COUNT (same predicate as the rows). Timeline buckets widen for long campaigns so no query
// returns more than a few thousand groups. The queries themselves are in report-queries.server.ts.

import { contactLists, type wahaSessions } from '../../../db/schema'
import { getCampaign } from '../campaigns/campaigns.server'
import { ownedRow, type TenantScope } from '../db/tenant.server'
import { campaignPacing, effectivePacing, sessionPacing } from '../sending/effective-pacing'
import { campaignFinishEstimate, sendingSessions } from '../sending/finish-estimate'
import { DEFAULT_TIME_ZONE } from '../sending/pacing'
import { etaAfterBudget } from '../sending/protection'
import { failureText, lastErrorText, pausedText } from '../stored-text'
import {
  bucketHoursFor,
  buildFunnel,
  HOUR_MS,
  type HourCount,
  NO_SESSION,
  needsCountQuery,
  PAGE_SIZE,
  progressOf,
  RATE_WINDOW_MS,
  reconciliationOf,
  sentBuckets,
  sessionSplit,
  statusCountsOf,
  tableTotalOf,
  timelineBars,
} from './report'
import {
  counterFailuresQuery,
  counterFunnelQuery,
  counterHeldQuery,
  counterLateOptOutsQuery,
  counterReadsQuery,
  counterSessionsQuery,
  liveWindowQueries,
  withLiveWindow,
} from './report-counters.server'
import type { RowFilters } from './report-filters'
import { heldCountsOf } from './report-held.server'

import { filteredCountQuery, historyQuery, rowsQuery, sessionsQuery } from './report-queries.server'

/** What the engine enforces on each of the campaign's sessions (decision 013). */
function effectivePacingOf(
  campaign: Awaited<ReturnType<typeof getCampaign>>,
  sessions: Array<typeof wahaSessions.$inferSelect>,
) {
  const own = campaignPacing(campaign, DEFAULT_TIME_ZONE)
  return campaign.sessionIds
    .map((id) => sessions.find((s) => s.id === id))
    .filter((s) => s !== undefined)
    .map((s) => ({ id: s.id, name: s.displayName, ...effectivePacing(sessionPacing(s), own) }))
}

/**
 * Progress with the finish estimate: the effective pacing of the sessions that will send (its own, or
 * the reserve that took over) and the rate observed since sending started (app/core/sending).
 */
function progressWithEstimate(
  campaign: Awaited<ReturnType<typeof getCampaign>>,
  funnel: ReturnType<typeof buildFunnel>,
  sessions: Array<typeof wahaSessions.$inferSelect>,
  now: number,
  waitingForBudget: number,
) {
  const progress = { ...progressOf(funnel), waitingForBudget }
  if (funnel.waiting === 0) return progress
  const senders = sendingSessions(campaign, sessions, now)
  const estimate = campaignFinishEstimate({
    campaign,
    sessions: senders.sessions,
    waiting: funnel.waiting,
    now,
    observed: { recent: funnel.recent, windowMs: RATE_WINDOW_MS, startedAt: campaign.startedAt },
  })
  const span = Math.max(
    1,
    Math.min(RATE_WINDOW_MS, campaign.startedAt === null ? RATE_WINDOW_MS : now - campaign.startedAt),
  )
  // Rows waiting for a first-contact budget go out when the next day opens, not sooner (decision 019).
  const eta = etaAfterBudget(estimate.durationMs, waitingForBudget, now, DEFAULT_TIME_ZONE)
  return {
    ...progress,
    etaMs: eta.etaMs,
    etaBasis: eta.byBudget ? ('budget' as const) : estimate.basis,
    etaSessions: estimate.sessions,
    ratePerHour: Math.round((funnel.recent / span) * HOUR_MS),
  }
}

export type CampaignReport = Awaited<ReturnType<typeof campaignReport>>

/**
 * Why and by whom a paused campaign was paused: the reason the engine or the user wrote on the row,
 * and the latest `paused` event (a user id for a person, none for the engine).
 */
function pauseOf(
  campaign: {
    status: string
    pausedReason: string | null
    pausedCode: string | null
    pausedParams: string | null
  },
  events: { kind: string; createdAt: number; userId: string | null; userName: string | null }[],
) {
  if (campaign.status !== 'paused') return null
  const event = events.find((e) => e.kind === 'paused')
  return {
    reason: pausedText(campaign),
    at: event?.createdAt ?? null,
    automatic: event ? event.userId === null : campaign.pausedReason !== null,
    by: event?.userName ?? null,
  }
}

/** Everything the campaign page shows, or NotFoundError for another tenant's or a missing id. */
export async function campaignReport(scope: TenantScope, campaignId: string, filters: RowFilters) {
  const campaign = await getCampaign(scope, campaignId)
  const now = scope.clock()
  const bucketHours = bucketHoursFor(campaign.startedAt, now)
  const [
    counterGroups,
    counterSessionGroups,
    boundary,
    recentSent,
    recentFailed,
    late,
    readHours,
    failures,
    page,
    events,
    sessionRows,
    list,
    filtered,
    heldGroups,
  ] = await scope.db.batch([
    counterFunnelQuery(scope, campaignId),
    counterSessionsQuery(scope, campaignId, now, bucketHours),
    ...liveWindowQueries(scope, campaignId, now),
    counterLateOptOutsQuery(scope, campaignId),
    counterReadsQuery(scope, campaignId, bucketHours),
    counterFailuresQuery(scope, campaignId),
    rowsQuery(scope, campaignId, filters),
    historyQuery(scope, campaignId),
    sessionsQuery(scope),
    scope.db
      .select({ name: contactLists.name })
      .from(contactLists)
      .where(ownedRow(scope, contactLists, campaign.listId ?? ''))
      .limit(1),
    filteredCountQuery(scope, campaignId, needsCountQuery(filters) ? filters : null),
    counterHeldQuery(scope, campaignId),
  ])
  const { groups, sessionGroups } = withLiveWindow(
    counterGroups,
    counterSessionGroups,
    boundary,
    recentSent,
    recentFailed,
  )
  const held = heldCountsOf(heldGroups)
  const funnel = buildFunnel(groups, sessionGroups, Number(late[0]?.n ?? 0))
  const statusCounts = statusCountsOf(groups)
  const split = sessionSplit(sessionGroups)
  const sessionById = new Map(sessionRows.map((s) => [s.id, s]))
  // The campaign's sessions in priority order, then any other session that sent for it (failover).
  const ids = [...campaign.sessionIds]
  for (const id of split.keys()) if (id !== NO_SESSION && !ids.includes(id)) ids.push(id)
  const lines = split.has(NO_SESSION) ? [...ids, NO_SESSION] : ids
  const perSession = lines.map((id) => {
    const g = split.get(id)
    const s = sessionById.get(id)
    return {
      id,
      name: s?.displayName ?? id,
      /** Not one of the campaign's sessions: a reserve (or a session removed from it) sent for it. */
      reserve: !campaign.sessionIds.includes(id),
      status: s?.status ?? null,
      pausedUntil: s?.pausedUntil && s.pausedUntil > now ? s.pausedUntil : null,
      pausedReason: s?.pausedUntil && s.pausedUntil > now ? pausedText(s) : null,
      lastError: s ? lastErrorText(s) : null,
      sent: g?.sent ?? 0,
      failed: g?.failed ?? 0,
      unconfirmed: g?.unconfirmed ?? 0,
    }
  })
  const backwards = filters.before !== null && filters.after === null
  const more = page.length > PAGE_SIZE
  const rows = page.slice(0, PAGE_SIZE)
  if (backwards) rows.reverse()
  return {
    campaign,
    listName: list[0]?.name ?? null,
    now,
    statusCounts,
    funnel,
    reconciliation: reconciliationOf(groups),
    tableTotal: tableTotalOf(filters, funnel, statusCounts) ?? Number(filtered[0]?.n ?? 0),
    pause: pauseOf(campaign, events),
    progress: progressWithEstimate(campaign, funnel, sessionRows, now, held.firstContactBudget),
    held,
    effectivePacing: effectivePacingOf(campaign, sessionRows),
    timeline: timelineBars(sentBuckets(sessionGroups), readHours as HourCount[], bucketHours),
    perSession,
    failures: failures.map(({ errorCode, errorParams, ...f }) => ({
      ...f,
      error: failureText({ ...f, errorCode, errorParams }),
      n: Number(f.n),
    })),
    rows: rows.map(({ errorCode, errorParams, ...r }) => ({
      ...r,
      error: failureText({ ...r, errorCode, errorParams }),
      sessionName: r.sessionId ? (sessionById.get(r.sessionId)?.displayName ?? null) : null,
    })),
    page: {
      // Forward: a next page exists when we got one extra; a previous one when we started after a cursor.
      nextAfter: backwards
        ? filters.before !== null
          ? (rows.at(-1)?.contactId ?? null)
          : null
        : more
          ? (rows.at(-1)?.contactId ?? null)
          : null,
      prevBefore: backwards
        ? more
          ? (rows[0]?.contactId ?? null)
          : null
        : filters.after !== null
          ? (rows[0]?.contactId ?? filters.after + 1)
          : null,
    },
    events,
    sessionOptions: ids.map((id) => ({ id, name: sessionById.get(id)?.displayName ?? id })),
  }
}
