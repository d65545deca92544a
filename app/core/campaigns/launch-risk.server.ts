// What the risk before launch (decision 023) needs from the database: how many of the contacts who
// will get the campaign (a list, or lists and segments) the chosen numbers never wrote to, and how old each number is in Disparo.
import { type SQL, sql } from 'drizzle-orm'
import { people } from '../../../db/schema'
import type { TenantScope } from '../db/tenant.server'
import type { SessionPacingColumns } from '../sending/effective-pacing'
import { type LaunchRisk, launchRisk } from './launch-risk'

/** First contacts are counted exactly on this many contacts of the list (by id), then scaled. */
export const FIRST_CONTACTS_SAMPLE = 2000

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * Who the campaign goes to, for sampling: one list's contacts, or the people an audience of lists and
 * segments selects (decision 039: `where` is the resolved audience's final WHERE over `people`).
 */
export type RiskAudience = { listId: string } | { where: SQL }

/** Every k-th recipient (by id) who is not suppressed, at most FIRST_CONTACTS_SAMPLE of them. */
function sampleOf(scope: TenantScope, audience: RiskAudience, stride: number): SQL {
  const notSuppressed = (phone: SQL) =>
    sql`NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.tenant_id = ${scope.tenantId} AND s.phone_e164 = ${phone})`
  if ('listId' in audience)
    return sql`SELECT phone_e164 FROM contacts
      WHERE tenant_id = ${scope.tenantId} AND list_id = ${audience.listId} AND id % ${stride} = 0
        AND ${notSuppressed(sql`contacts.phone_e164`)}
      LIMIT ${FIRST_CONTACTS_SAMPLE}`
  return sql`SELECT ${people.phoneE164} AS phone_e164 FROM ${people}
      WHERE ${audience.where} AND ${people.id} % ${stride} = 0 AND ${notSuppressed(sql`${people.phoneE164}`)}
      LIMIT ${FIRST_CONTACTS_SAMPLE}`
}

/**
 * Of the recipients who will get it (not suppressed), how many no chosen number ever wrote to (no
 * campaign_messages row of that number to that phone with a sent_at). Counted on a sample of about
 * FIRST_CONTACTS_SAMPLE recipients spread over the whole audience (every k-th id, so an old import's
 * first rows do not stand for everyone) and scaled to `toSend`: a 100k audience costs what a 2k one
 * does. `audienceSize` is how many it selects before suppressions (sets the stride).
 */
export async function firstContactsEstimate(
  scope: TenantScope,
  audience: RiskAudience,
  sessionIds: readonly string[],
  toSend: number,
  audienceSize: number = toSend,
): Promise<number | null> {
  if (sessionIds.length === 0) return null
  if (toSend <= 0) return 0
  const stride = Math.max(1, Math.ceil(audienceSize / FIRST_CONTACTS_SAMPLE))
  const ids = sql.join(
    sessionIds.map((id) => sql`${id}`),
    sql`, `,
  )
  // "+m.session_id": look the phone up by (tenant, phone), never by scanning a session's whole history.
  const row = await scope.db.get<{ sampled: number; first: number | null }>(
    sql`SELECT count(*) AS sampled,
          sum(CASE WHEN NOT EXISTS (
                SELECT 1 FROM campaign_messages m
                WHERE m.tenant_id = ${scope.tenantId} AND m.phone_e164 = c.phone_e164
                  AND m.sent_at IS NOT NULL AND +m.session_id IN (${ids})
              ) THEN 1 ELSE 0 END) AS first
        FROM (${sampleOf(scope, audience, stride)}) AS c`,
  )
  const sampled = Number(row?.sampled ?? 0)
  if (sampled === 0) return 0
  const first = Number(row?.first ?? 0)
  return sampled >= toSend ? first : Math.round((first / sampled) * toSend)
}

/** Whole days since the number's first connection (since it was added when it never connected). */
function ageDays(s: Pick<SessionPacingColumns, 'firstConnectedAt' | 'createdAt'>, now: number): number {
  return Math.max(0, Math.floor((now - (s.firstConnectedAt ?? s.createdAt)) / DAY_MS))
}

/** Days the sending takes, whole days started (null when there is no estimate). */
function estimatedDays(durationMs: number | null): number | null {
  return durationMs === null ? null : Math.max(1, Math.ceil(durationMs / DAY_MS))
}

/** The risk of the review's values, reading what the pure model needs. */
export async function reviewRisk(
  scope: TenantScope,
  input: {
    audience: RiskAudience
    texts: string[]
    toSend: number
    listSize: number
    sessionIds: string[]
    senders: readonly (SessionPacingColumns & { displayName: string })[]
    durationMs: number | null
    pacing: { dailyCap: number; minDelayS: number; maxDelayS: number }
    effectiveDailyCap: number | null
  },
): Promise<LaunchRisk> {
  const now = scope.clock()
  const firstContacts = await firstContactsEstimate(
    scope,
    input.audience,
    input.sessionIds,
    input.toSend,
    input.listSize,
  )
  return launchRisk({
    texts: input.texts,
    audience: input.toSend,
    firstContacts,
    firstContactsOf: 'where' in input.audience ? 'audience' : 'list',
    sessions: input.senders.map((s) => ({
      name: s.displayName,
      ageDays: ageDays(s, now),
      warmup: s.warmupEnabled,
    })),
    estimatedDays: estimatedDays(input.durationMs),
    pacing: input.pacing,
    effectiveDailyCap: input.effectiveDailyCap,
  })
}
