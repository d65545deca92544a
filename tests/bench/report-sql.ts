// `npm run bench:report`'s side by side: the report's counts the old way (grouped scans of the campaign's
// outbox rows, as report-queries.server.ts ran them before decision 041) and the new way (the counters
// plus the last hour of the outbox), timed on the same SQLite file with node:sqlite (no Worker in
// between: only the queries differ). Both must give the same funnel.
import type { DatabaseSync } from 'node:sqlite'

const RATE_WINDOW_MS = 10 * 60 * 1000
const UNCONFIRMED_AFTER_MS = 60 * 60 * 1000
const HOUR = 3_600_000

/** The old funnel, session timeline, reads, failures, held counts and late opt-outs (one campaign). */
function oldQueries(now: number, bucketHours: number): string[] {
  const bucket = bucketHours * HOUR
  return [
    `SELECT status, COUNT(*) n, COUNT(clicked_at), COUNT(replied_at),
       COUNT(CASE WHEN sent_at >= ${now - RATE_WINDOW_MS} OR failed_at >= ${now - RATE_WINDOW_MS} THEN 1 END),
       COUNT(CASE WHEN error_kind = 'suppressed' THEN 1 END), COUNT(CASE WHEN reconciled = 'confirmed' THEN 1 END),
       COUNT(CASE WHEN resent_at IS NOT NULL THEN 1 END)
     FROM campaign_messages WHERE tenant_id = :t AND campaign_id = :c GROUP BY status`,
    `SELECT session_id, status, sent_at / ${bucket}, COUNT(*), COUNT(CASE WHEN sent_at < ${now - UNCONFIRMED_AFTER_MS} THEN 1 END)
     FROM campaign_messages WHERE tenant_id = :t AND campaign_id = :c
       AND status IN ('sent', 'delivered', 'read', 'failed', 'unknown') GROUP BY 1, 2, 3`,
    `SELECT read_at / ${bucket}, COUNT(*) FROM campaign_messages
     WHERE tenant_id = :t AND campaign_id = :c AND status = 'read' AND read_at IS NOT NULL GROUP BY 1`,
    `SELECT status, error_kind, error, error_code, error_params, COUNT(*) n FROM campaign_messages
     WHERE tenant_id = :t AND campaign_id = :c AND status IN ('failed', 'unknown', 'skipped')
     GROUP BY 1, 2, 3, 4, 5 ORDER BY n DESC LIMIT 30`,
    `SELECT status, error_kind, COUNT(*) FROM campaign_messages WHERE tenant_id = :t AND campaign_id = :c
       AND status IN ('skipped', 'queued') AND error_kind IN ('recent_message', 'same_text', 'first_contact_budget')
     GROUP BY 1, 2`,
    `SELECT COUNT(*) FROM suppressions WHERE tenant_id = :t AND EXISTS (SELECT 1 FROM campaign_messages m
       WHERE m.tenant_id = suppressions.tenant_id AND m.phone_e164 = suppressions.phone_e164 AND m.campaign_id = :c
         AND m.sent_at IS NOT NULL AND m.sent_at < suppressions.created_at)`,
  ]
}

/** The same counts from the counters, plus index ranges of the outbox's last hour (as the page runs them). */
function newQueries(now: number, bucketHours: number): string[] {
  const cutHour = Math.floor((now - UNCONFIRMED_AFTER_MS) / HOUR)
  const recentFrom = now - RATE_WINDOW_MS
  return [
    `SELECT status, SUM(n) n, SUM(clicked), SUM(replied), SUM(CASE WHEN error_kind = 'suppressed' THEN n END),
       SUM(confirmed_later), SUM(resent)
     FROM campaign_counts WHERE tenant_id = :t AND campaign_id = :c GROUP BY status HAVING SUM(n) <> 0`,
    `SELECT session_id, status, CASE WHEN sent_hour < 0 THEN NULL ELSE sent_hour / ${bucketHours} END, SUM(n),
       SUM(CASE WHEN sent_hour >= 0 AND sent_hour < ${cutHour} THEN n END)
     FROM campaign_counts WHERE tenant_id = :t AND campaign_id = :c
       AND status IN ('sent', 'delivered', 'read', 'failed', 'unknown') GROUP BY 1, 2, 3 HAVING SUM(n) <> 0`,
    `SELECT read_hour / ${bucketHours}, SUM(n) FROM campaign_read_hours
     WHERE tenant_id = :t AND campaign_id = :c AND n <> 0 GROUP BY 1`,
    `SELECT status, error_kind, error, error_code, error_params, SUM(n) n FROM campaign_failure_counts
     WHERE tenant_id = :t AND campaign_id = :c GROUP BY 1, 2, 3, 4, 5 HAVING SUM(n) > 0 ORDER BY n DESC LIMIT 30`,
    `SELECT status, error_kind, SUM(n) FROM campaign_counts WHERE tenant_id = :t AND campaign_id = :c
       AND status IN ('skipped', 'queued') AND error_kind IN ('recent_message', 'same_text', 'first_contact_budget')
     GROUP BY 1, 2 HAVING SUM(n) <> 0`,
    `SELECT session_id, COUNT(*) FROM campaign_messages WHERE +tenant_id = :t AND campaign_id = :c AND status = 'sent'
       AND session_id IN (SELECT session_id FROM campaign_counts WHERE tenant_id = :t AND campaign_id = :c AND session_id <> '')
       AND sent_at >= ${cutHour * HOUR} AND sent_at < ${now - UNCONFIRMED_AFTER_MS} GROUP BY 1`,
    `SELECT COUNT(*) FROM campaign_messages WHERE +tenant_id = :t AND campaign_id = :c
       AND status IN ('sent', 'delivered', 'read', 'failed', 'unknown')
       AND session_id IN (SELECT session_id FROM campaign_counts WHERE tenant_id = :t AND campaign_id = :c AND session_id <> '')
       AND sent_at >= ${recentFrom}`,
    `SELECT n FROM campaign_late_opt_outs WHERE tenant_id = :t AND campaign_id = :c`,
    `SELECT COUNT(*) FROM campaign_messages WHERE tenant_id = :t AND campaign_id = :c AND failed_at >= ${recentFrom}
       AND (sent_at IS NULL OR sent_at < ${recentFrom})`,
  ]
}

function quantile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN
}

/** p50/p95 (ms) of all the report's count queries, old and new, `runs` times each, interleaved. */
export function compareCountQueries(
  db: DatabaseSync,
  opts: { tenantId: string; campaignId: string; now: number; bucketHours: number; runs: number },
) {
  const params = { t: opts.tenantId, c: opts.campaignId }
  const sets = {
    old: oldQueries(opts.now, opts.bucketHours).map((q) => db.prepare(q)),
    counters: newQueries(opts.now, opts.bucketHours).map((q) => db.prepare(q)),
  }
  const times = { old: [] as number[], counters: [] as number[] }
  const totals = { old: 0, counters: 0 }
  for (let i = 0; i < opts.runs; i++) {
    for (const kind of ['old', 'counters'] as const) {
      const started = performance.now()
      const results = sets[kind].map((s) => s.all(params) as Array<Record<string, unknown>>)
      times[kind].push(performance.now() - started)
      totals[kind] = (results[0] ?? []).reduce((t, r) => t + Number(r.n ?? 0), 0)
    }
  }
  const of = (kind: 'old' | 'counters') => ({
    p50: quantile(times[kind], 0.5),
    p95: quantile(times[kind], 0.95),
    total: totals[kind],
  })
  return { old: of('old'), counters: of('counters') }
}
