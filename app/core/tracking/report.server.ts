// The campaign report ("Acompanhamento", /campanhas/:id): every number of the page in ONE D1 batch
// (one round trip, one snapshot): the funnel grouped by status (campaign+status index, no sort), the
// per-session split together with the sends timeline (one grouped scan), reads per bucket, late
// opt-outs, failure reasons, the page of rows and the history with who did what. No per-row queries.
// The funnel, the progress, the status tiles, the per-session lines and the table's total all come
// from those grouped counts, so the page's figures agree; only a session or search filter needs its
// own COUNT (same predicate as the rows). Timeline buckets widen for long campaigns so no query
// returns more than a few thousand groups.
import { type SQL, and, asc, desc, eq, gt, inArray, isNotNull, lt, or, sql } from 'drizzle-orm'
import {
  campaignEvents,
  campaignMessages,
  contactLists,
  suppressions,
  users,
  wahaSessions,
} from '../../../db/schema'
import { getCampaign } from '../campaigns/campaigns.server'
import { type TenantScope, ownedBy, ownedRow } from '../db/tenant.server'
import { DEFAULT_TIME_ZONE } from '../sending/pacing'
import { campaignPacing, effectivePacing, sessionPacing } from '../sending/effective-pacing'
import { campaignFinishEstimate, sendingSessions } from '../sending/finish-estimate'
import { etaAfterBudget } from '../sending/protection'
import {
  HOUR_MS,
  type HourCount,
  PAGE_SIZE,
  RATE_WINDOW_MS,
  UNCONFIRMED_AFTER_MS,
  bucketHoursFor,
  buildFunnel,
  progressOf,
  reconciliationOf,
  sentBuckets,
  NO_SESSION,
  needsCountQuery,
  sessionSplit,
  statusCountsOf,
  tableTotalOf,
  timelineBars,
} from './report'
import { CONTACT_ROW_COLUMNS } from './report-columns'
import { heldCountsOf, heldQuery } from './report-held.server'
import { containsText } from '../db/like'
import { type Activity, type RowFilters, phoneDigits } from './report-filters'

const m = campaignMessages
const countIf = (cond: ReturnType<typeof sql>) => sql<number>`COUNT(CASE WHEN ${cond} THEN 1 END)`

/**
 * The funnel: ONE scan of the campaign's rows grouped by status, in the order of the campaign+status
 * index (no sort); only clicks, replies, the ETA rate and opt-out skips read the row itself.
 */
function funnelQuery(scope: TenantScope, campaignId: string, now: number) {
  return scope.db
    .select({
      status: m.status,
      n: sql<number>`COUNT(*)`,
      clicked: sql<number>`COUNT(${m.clickedAt})`,
      replied: sql<number>`COUNT(${m.repliedAt})`,
      recent: countIf(
        sql`${m.sentAt} >= ${now - RATE_WINDOW_MS} OR ${m.failedAt} >= ${now - RATE_WINDOW_MS}`,
      ),
      suppressed: countIf(sql`${m.errorKind} = 'suppressed'`),
      confirmedLater: countIf(sql`${m.reconciled} = 'confirmed'`),
      resent: countIf(sql`${m.resentAt} IS NOT NULL`),
    })
    .from(m)
    .where(ownedBy(scope, m, eq(m.campaignId, campaignId)))
    .groupBy(m.status)
}

/** Milliseconds per timeline bucket as a SQL literal (an integer we computed: never user input). */
function bucketMs(bucketHours: number) {
  return sql.raw(String(Math.max(1, Math.floor(bucketHours)) * 3_600_000))
}

/**
 * The per-session split and the sends timeline in one grouped scan of the rows that went out or
 * failed: (session, status, send-time bucket) with the count of `sent` rows older than an hour.
 */
function sessionsTimelineQuery(scope: TenantScope, campaignId: string, now: number, bucketHours: number) {
  const bucket = sql<number | null>`(${m.sentAt} / ${bucketMs(bucketHours)})`
  return scope.db
    .select({
      sessionId: m.sessionId,
      status: m.status,
      bucket,
      n: sql<number>`COUNT(*)`,
      oldSent: countIf(sql`${m.sentAt} < ${now - UNCONFIRMED_AFTER_MS}`),
    })
    .from(m)
    .where(
      ownedBy(
        scope,
        m,
        eq(m.campaignId, campaignId),
        inArray(m.status, ['sent', 'delivered', 'read', 'failed', 'unknown']),
      ),
    )
    .groupBy(m.sessionId, m.status, bucket)
}

/**
 * People of this campaign who opted out after their message was sent: the tenant's suppressions
 * created after that row's sent_at (tenant+phone index on both sides).
 */
function lateOptOutsQuery(scope: TenantScope, campaignId: string) {
  return scope.db
    .select({ n: sql<number>`COUNT(*)` })
    .from(suppressions)
    .where(
      ownedBy(
        scope,
        suppressions,
        sql`EXISTS (SELECT 1 FROM ${m} WHERE ${m.tenantId} = ${suppressions.tenantId}
          AND ${m.phoneE164} = ${suppressions.phoneE164} AND ${m.campaignId} = ${campaignId}
          AND ${m.sentAt} IS NOT NULL AND ${m.sentAt} < ${suppressions.createdAt})`,
      ),
    )
}

/** Reads per bucket: read_at lives only on `read` rows (acks move forward and read is final). */
function readsQuery(scope: TenantScope, campaignId: string, bucketHours: number) {
  const bucket = sql<number>`(${m.readAt} / ${bucketMs(bucketHours)})`
  return scope.db
    .select({ hour: bucket, n: sql<number>`COUNT(*)` })
    .from(m)
    .where(ownedBy(scope, m, eq(m.campaignId, campaignId), eq(m.status, 'read'), isNotNull(m.readAt)))
    .groupBy(bucket)
}

/** Failure reasons: failed, unconfirmed and skipped rows grouped by kind and message. */
function failuresQuery(scope: TenantScope, campaignId: string) {
  const count = sql<number>`COUNT(*)`
  return scope.db
    .select({ status: m.status, errorKind: m.errorKind, error: m.error, n: count })
    .from(m)
    .where(
      ownedBy(scope, m, eq(m.campaignId, campaignId), inArray(m.status, ['failed', 'unknown', 'skipped'])),
    )
    .groupBy(m.status, m.errorKind, m.error)
    .orderBy(desc(count))
    .limit(30)
}

/**
 * Rows of what the person did, with the funnel's own definitions: clicked, replied, and opted out
 * (skipped because the number was suppressed, or a suppression created after the message went out).
 */
function activityCondition(activity: Activity | null): SQL | undefined {
  if (activity === 'clicked') return isNotNull(m.clickedAt)
  if (activity === 'replied') return isNotNull(m.repliedAt)
  if (activity === 'optedOut')
    return sql`((${m.status} = 'skipped' AND ${m.errorKind} = 'suppressed') OR (${m.sentAt} IS NOT NULL
      AND EXISTS (SELECT 1 FROM ${suppressions} s WHERE s.tenant_id = ${m.tenantId}
        AND s.phone_e164 = ${m.phoneE164} AND s.created_at > ${m.sentAt})))`
  return undefined
}

/** The table's filters (not the cursor) as WHERE conditions. */
function filterConditions(f: RowFilters): (SQL | undefined)[] {
  const digits = f.q ? phoneDigits(f.q) : null
  const search = f.q
    ? digits
      ? containsText(m.phoneE164, digits)
      : or(containsText(m.contactName, f.q), containsText(m.phoneE164, f.q))
    : undefined
  return [
    f.status ? eq(m.status, f.status) : undefined,
    activityCondition(f.activity),
    f.sessionId ? eq(m.sessionId, f.sessionId) : undefined,
    search,
  ]
}

/**
 * One page (PAGE_SIZE + 1 to know whether there is another) of the per-contact table, keyset-paged by
 * contact id: the (campaign, contact) unique index gives that order, so a page never sorts the campaign.
 */
function rowsQuery(scope: TenantScope, campaignId: string, f: RowFilters) {
  const backwards = f.before !== null && f.after === null
  return scope.db
    .select({ id: m.id, ...CONTACT_ROW_COLUMNS, failedAt: m.failedAt })
    .from(m)
    .where(
      ownedBy(
        scope,
        m,
        eq(m.campaignId, campaignId),
        ...filterConditions(f),
        f.after !== null ? gt(m.contactId, f.after) : undefined,
        backwards && f.before !== null ? lt(m.contactId, f.before) : undefined,
      ),
    )
    .orderBy(backwards ? desc(m.contactId) : asc(m.contactId))
    .limit(PAGE_SIZE + 1)
}

/**
 * Rows matching the table's filters, for filters the grouped counts cannot answer; otherwise (null) a
 * constant-false query that SQLite answers without reading a row.
 */
function filteredCountQuery(scope: TenantScope, campaignId: string, f: RowFilters | null) {
  return scope.db
    .select({ n: sql<number>`COUNT(*)` })
    .from(m)
    .where(f ? ownedBy(scope, m, eq(m.campaignId, campaignId), ...filterConditions(f)) : sql`0`)
}

function historyQuery(scope: TenantScope, campaignId: string) {
  return scope.db
    .select({
      id: campaignEvents.id,
      kind: campaignEvents.kind,
      detail: campaignEvents.detail,
      createdAt: campaignEvents.createdAt,
      userId: campaignEvents.userId,
      userName: users.name,
    })
    .from(campaignEvents)
    .leftJoin(users, and(eq(users.id, campaignEvents.userId), eq(users.tenantId, campaignEvents.tenantId)))
    .where(ownedBy(scope, campaignEvents, eq(campaignEvents.campaignId, campaignId)))
    .orderBy(desc(campaignEvents.createdAt), desc(campaignEvents.id))
    .limit(100)
}

function sessionsQuery(scope: TenantScope) {
  return scope.db.select().from(wahaSessions).where(ownedBy(scope, wahaSessions))
}

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
  campaign: { status: string; pausedReason: string | null },
  events: { kind: string; createdAt: number; userId: string | null; userName: string | null }[],
) {
  if (campaign.status !== 'paused') return null
  const event = events.find((e) => e.kind === 'paused')
  return {
    reason: campaign.pausedReason,
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
    groups,
    sessionGroups,
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
    funnelQuery(scope, campaignId, now),
    sessionsTimelineQuery(scope, campaignId, now, bucketHours),
    lateOptOutsQuery(scope, campaignId),
    readsQuery(scope, campaignId, bucketHours),
    failuresQuery(scope, campaignId),
    rowsQuery(scope, campaignId, filters),
    historyQuery(scope, campaignId),
    sessionsQuery(scope),
    scope.db
      .select({ name: contactLists.name })
      .from(contactLists)
      .where(ownedRow(scope, contactLists, campaign.listId ?? ''))
      .limit(1),
    filteredCountQuery(scope, campaignId, needsCountQuery(filters) ? filters : null),
    heldQuery(scope, campaignId),
  ])
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
      pausedReason: s?.pausedUntil && s.pausedUntil > now ? s.pausedReason : null,
      lastError: s?.lastError ?? null,
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
    failures: failures.map((f) => ({ ...f, n: Number(f.n) })),
    rows: rows.map((r) => ({
      ...r,
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
