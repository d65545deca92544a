// Protection of the person, as SQL the sender adds to its claim (decision 019). Each rule is one
// boolean expression over the outbox row being claimed (the outer `campaign_messages`), so the check
// and the claim are ONE conditional UPDATE: D1 runs statements one at a time, so when two campaigns'
// Durable Objects race for the same phone, the second UPDATE already sees the first row `sending` and
// does not claim. The same expressions explain a refused claim (which rule) and guard the skip write.
import { type SQL, sql } from 'drizzle-orm'
import { budgetDay, firstContactBudget, HOUR_MS, SAME_TEXT_WINDOW_MS } from './protection'

/** The outer row of the statement these fragments are placed in. */
const ROW = sql.raw('campaign_messages')

/**
 * `alias` wrote (or is writing) to its phone at or after `since`: it went out then, or its send
 * started then and may have gone out (`sending`, `unknown`). A failure before WhatsApp took it (no
 * sent_at) reached nobody and does not count.
 */
function wroteSince(alias: string, since: SQL | number): SQL {
  const a = sql.raw(alias)
  // `+status`: the phone's rows are found by (tenant_id, phone_e164); the partial index of rows in
  // flight would make SQLite walk every number's in-flight rows too.
  return sql`(${a}.sent_at >= ${since} OR (+${a}.status IN ('sending', 'unknown') AND ${a}.sending_at >= ${since}))`
}

/**
 * Another campaign's message reached (or is reaching) this phone within the tenant's person gap. The
 * same campaign's earlier messages do not count: its follow-up steps and confirmation are meant to
 * follow them (decision 040; a phone appears once per step, repeated phones are skipped at dispatch).
 */
export function recentMessageToPerson(now: number | SQL): SQL {
  const since = sql`${now} - tn.person_gap_hours * ${HOUR_MS}`
  return sql`EXISTS (SELECT 1 FROM tenants tn JOIN campaign_messages p
      ON p.tenant_id = tn.id AND p.phone_e164 = ${ROW}.phone_e164
    WHERE tn.id = ${ROW}.tenant_id AND tn.person_gap_hours > 0 AND p.id <> ${ROW}.id
      AND p.campaign_id <> ${ROW}.campaign_id AND ${wroteSince('p', since)})`
}

/**
 * The same text reached (or is reaching) this phone within the last 24 hours: the same key of the text
 * as read (tracked links aside, which differ per row) or the very same rendered text.
 */
export function sameTextToPerson(now: number): SQL {
  return sameTextSince(now - SAME_TEXT_WINDOW_MS)
}

function sameTextSince(since: number | SQL): SQL {
  return sql`EXISTS (SELECT 1 FROM campaign_messages p
    WHERE p.tenant_id = ${ROW}.tenant_id AND p.phone_e164 = ${ROW}.phone_e164 AND p.id <> ${ROW}.id
      AND (p.text_key = ${ROW}.text_key OR p.rendered_text = ${ROW}.rendered_text)
      AND ${wroteSince('p', since)})`
}

/** What the first-contact rule needs about the claiming session. */
export type BudgetSession = {
  id: string
  firstContactDailyBudget: number
  dailyCap: number
  timeZone: string
}

/** `alias` is an earlier row of the same phone through the same session, before `before` (or any time). */
function sameSessionEarlier(alias: string, outer: SQL, before: number | SQL | null): SQL {
  const a = sql.raw(alias)
  // `+session_id`: look the phone up by (tenant_id, phone_e164), never by scanning the session's rows.
  const when =
    before === null
      ? sql`(${a}.sent_at IS NOT NULL OR +${a}.status IN ('sending', 'unknown'))`
      : sql`(${a}.sent_at < ${before} OR (+${a}.status IN ('sending', 'unknown') AND ${a}.sending_at < ${before}))`
  return sql`EXISTS (SELECT 1 FROM campaign_messages ${a}
    WHERE ${a}.tenant_id = ${outer}.tenant_id AND ${a}.phone_e164 = ${outer}.phone_e164 AND +${a}.session_id = ${outer}.session_id
      AND ${a}.id <> ${outer}.id AND ${when})`
}

/**
 * The session never wrote to this phone AND its first contacts of the local day (numbers it wrote to
 * today and never before today) already fill its budget. Always false when the budget is off (0) or
 * cannot bind (not below the session's daily cap: first contacts are some of the day's sends). The
 * count stops at the budget (LIMIT), so a claim reads at most `budget` first contacts of the day.
 */
export function firstContactBudgetSpent(session: BudgetSession, now: number): SQL {
  return budgetSpentSince(session, budgetBinds(session) ? budgetDay(now, session.timeZone).start : 0)
}

/** The budget is on and below the daily cap (else the rule is always false and reads no rows). */
function budgetBinds(session: BudgetSession): boolean {
  const budget = firstContactBudget(session.firstContactDailyBudget)
  return budget !== null && budget < session.dailyCap
}

/** firstContactBudgetSpent with the start of the budget's local day given. */
function budgetSpentSince(session: BudgetSession, start: number | SQL): SQL {
  const budget = firstContactBudget(session.firstContactDailyBudget)
  if (budget === null || !budgetBinds(session)) return sql`0`
  const knows = sql`EXISTS (SELECT 1 FROM campaign_messages k
    WHERE k.tenant_id = ${ROW}.tenant_id AND k.phone_e164 = ${ROW}.phone_e164 AND +k.session_id = ${session.id}
      AND k.id <> ${ROW}.id AND (k.sent_at IS NOT NULL OR +k.status IN ('sending', 'unknown')))`
  const t = sql.raw('t')
  const firstToday = sql`(SELECT COUNT(*) FROM (SELECT DISTINCT f.tenant_id, f.phone_e164 FROM (
      SELECT t.tenant_id, t.phone_e164 FROM campaign_messages t
        WHERE t.session_id = ${session.id} AND t.sent_at >= ${start} AND NOT ${sameSessionEarlier('q', t, start)}
      UNION ALL
      SELECT t.tenant_id, t.phone_e164 FROM campaign_messages t
        WHERE t.status IN ('sending', 'unknown') AND t.sending_at >= ${start} AND +t.session_id = ${session.id}
          AND NOT ${sameSessionEarlier('q', t, start)}) f
      LIMIT ${budget}))`
  return sql`(NOT ${knows} AND ${firstToday} >= ${budget})`
}

/** Every rule at once: the condition the claim adds (`NOT (...)`). */
export function protectionHolds(session: BudgetSession, now: number): SQL {
  return sql`(${recentMessageToPerson(now)} OR ${sameTextToPerson(now)} OR ${firstContactBudgetSpent(session, now)})`
}

/**
 * protectionHolds built once for many claims (decision 028): its instants are placeholders (`now`,
 * `sameTextSince`, `budgetDayStart`) that protectionValues fills per claim. The same SQL otherwise.
 */
export function protectionHoldsPrepared(session: BudgetSession): SQL {
  const now = sql`${sql.placeholder('now')}`
  const since = sql`${sql.placeholder('sameTextSince')}`
  const start = sql`${sql.placeholder('budgetDayStart')}`
  return sql`(${recentMessageToPerson(now)} OR ${sameTextSince(since)} OR ${budgetSpentSince(session, start)})`
}

/** The values of protectionHoldsPrepared's placeholders at `now`. */
export function protectionValues(session: BudgetSession, now: number): Record<string, number> {
  return {
    now,
    sameTextSince: now - SAME_TEXT_WINDOW_MS,
    budgetDayStart: budgetBinds(session) ? budgetDay(now, session.timeZone).start : 0,
  }
}
