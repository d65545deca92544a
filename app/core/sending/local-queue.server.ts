// The SenderSession Durable Object's own storage, as the pacing loop sees it: the jobs waiting for
// this WhatsApp number (FIFO, one per outbox row), the instants it sent at (per campaign, so a
// campaign's own limits can be counted), and the gaps already drawn. SQLite in the object; the
// same implementation runs in tests through runInDurableObject.
import type { PackageState } from './effective-pacing'
import type { SenderJob } from './router.server'

/** The Durable Object's storage, as the loop sees it. `campaignId` null means the whole number. */
export interface LocalQueue {
  /** The oldest job not held (held jobs wait for their time: releaseHeld). */
  peek(): SenderJob | null
  /** Campaigns with waiting jobs, in the order of their oldest job. */
  campaigns(limit: number): string[]
  /** The oldest waiting job of one campaign. */
  peekFor(campaignId: string): SenderJob | null
  remove(messageId: number): void
  /** Every job, held ones too. */
  takeAll(): SenderJob[]
  /** Jobs waiting here, held ones too. */
  size(): number
  /** Keeps the job here, out of peek() until `until` (a budget that opens again the next day). */
  hold(job: SenderJob, until: number): void
  /** Held jobs whose time came are waiting again. */
  releaseHeld(now: number): void
  /** The earliest instant a held job wakes, or null. */
  nextHeldAt(): number | null
  /** The most recent `limit` send instants (ms) since `sinceMs` (the per-minute cap needs no more). */
  sendsSince(sinceMs: number, limit: number, campaignId: string | null): number[]
  /** How many sends since `sinceMs`. */
  countSince(sinceMs: number, campaignId: string | null): number
  lastSendAt(campaignId: string | null): number | null
  recordSend(at: number, campaignId: string): void
  /** The instant drawn for the next gap of the number (null) or of one campaign on it. */
  plannedAt(campaignId: string | null): number | null
  setPlannedAt(at: number | null, campaignId: string | null): void
  /** Forgets every drawn gap (the backlog left, or the session changed). */
  clearPlanned(): void
  /** Rest packages of the number (null) or of one campaign on it. */
  packageState(campaignId: string | null): PackageState
  setPackageState(campaignId: string | null, state: PackageState): void
}

type JobRow = { message_id: number; tenant_id: string; campaign_id: string }

/** Creates (or upgrades) the object's tables. Safe to run on every start. */
export function ensureLocalQueueTables(sql: SqlStorage): void {
  sql.exec(`CREATE TABLE IF NOT EXISTS jobs (seq INTEGER PRIMARY KEY AUTOINCREMENT, message_id INTEGER NOT NULL UNIQUE,
    tenant_id TEXT NOT NULL, campaign_id TEXT NOT NULL)`)
  sql.exec('CREATE INDEX IF NOT EXISTS jobs_campaign ON jobs (campaign_id, seq)')
  const jobColumns = sql.exec<{ name: string }>('PRAGMA table_info(jobs)').toArray()
  if (!jobColumns.some((c) => c.name === 'held_until'))
    sql.exec('ALTER TABLE jobs ADD COLUMN held_until INTEGER')
  sql.exec('CREATE TABLE IF NOT EXISTS sends (at INTEGER NOT NULL)')
  const columns = sql.exec<{ name: string }>('PRAGMA table_info(sends)').toArray()
  if (!columns.some((c) => c.name === 'campaign_id'))
    sql.exec('ALTER TABLE sends ADD COLUMN campaign_id TEXT')
  sql.exec('CREATE INDEX IF NOT EXISTS sends_at ON sends (at)')
  sql.exec('CREATE INDEX IF NOT EXISTS sends_campaign_at ON sends (campaign_id, at)')
  sql.exec('CREATE TABLE IF NOT EXISTS planned (key TEXT PRIMARY KEY, at INTEGER NOT NULL)')
  sql.exec(
    'CREATE TABLE IF NOT EXISTS packages (key TEXT PRIMARY KEY, left_in_package INTEGER, rest_until INTEGER)',
  )
}

const toJob = (r: JobRow): SenderJob => ({
  messageId: r.message_id,
  tenantId: r.tenant_id,
  campaignId: r.campaign_id,
})
const SESSION_KEY = '*'

/** The LocalQueue over the object's SQLite storage. */
export function sqlLocalQueue(sql: SqlStorage): LocalQueue {
  const one = <T>(query: string, ...args: unknown[]) =>
    sql.exec<T & Record<string, SqlStorageValue>>(query, ...args).toArray()[0]
  /** campaigns()'s last answer and the newest job seq it saw; dropped when jobs are held or released. */
  let memo: { top: number | null; limit: number; ids: string[] } | null = null
  /**
   * The oldest waiting job of each campaign, as campaigns() just read them: peekFor answers from here
   * in the same synchronous turn (the loop asks campaigns() then peekFor() without awaiting between),
   * when no other statement can have run. Any write here drops it, and so does the next microtask.
   */
  let heads: Map<string, SenderJob> | null = null
  const keepHeads = (found: Map<string, SenderJob>) => {
    heads = found
    queueMicrotask(() => {
      if (heads === found) heads = null
    })
  }
  const firstJob = (campaignId: string) =>
    one<JobRow & { seq: number }>(
      'SELECT seq, message_id, tenant_id, campaign_id FROM jobs WHERE campaign_id = ? AND held_until IS NULL ORDER BY seq LIMIT 1',
      campaignId,
    ) ?? null
  return {
    peek: () => {
      const r = one<JobRow>(
        'SELECT message_id, tenant_id, campaign_id FROM jobs WHERE held_until IS NULL ORDER BY seq LIMIT 1',
      )
      return r ? toJob(r) : null
    },
    campaigns: (limit) => {
      // The loop asks before every message: the GROUP BY walks every waiting job (thousands in a
      // burst), so its answer is kept while no job arrives (the newest seq is unchanged) and only the
      // order is read again, by each kept campaign's oldest waiting job (an index seek each).
      const n = Math.max(1, limit)
      const top = sql.exec<{ top: number | null }>('SELECT MAX(seq) AS top FROM jobs').one().top
      if (memo && memo.top === top && memo.limit === n) {
        const live = memo.ids
          .map((id) => ({ id, first: firstJob(id) }))
          .filter((c): c is { id: string; first: JobRow & { seq: number } } => c.first !== null)
        // A campaign ran out: one beyond the kept ones may come in now.
        if (live.length === memo.ids.length || memo.ids.length < n) {
          live.sort((a, b) => a.first.seq - b.first.seq)
          memo.ids = live.map((c) => c.id)
          keepHeads(new Map(live.map((c) => [c.id, toJob(c.first)])))
          return [...memo.ids]
        }
      }
      const ids = sql
        .exec<{ campaign_id: string }>(
          'SELECT campaign_id FROM jobs WHERE held_until IS NULL GROUP BY campaign_id ORDER BY MIN(seq) LIMIT ?',
          n,
        )
        .toArray()
        .map((r) => r.campaign_id)
      memo = { top, limit: n, ids }
      return [...ids]
    },
    peekFor: (campaignId) => {
      const head = heads?.get(campaignId)
      if (head) return head
      const r = one<JobRow>(
        'SELECT message_id, tenant_id, campaign_id FROM jobs WHERE campaign_id = ? AND held_until IS NULL ORDER BY seq LIMIT 1',
        campaignId,
      )
      return r ? toJob(r) : null
    },
    remove: (messageId) => {
      heads = null
      sql.exec('DELETE FROM jobs WHERE message_id = ?', messageId)
    },
    takeAll: () => {
      memo = null
      heads = null
      const rows = sql
        .exec<JobRow>('SELECT message_id, tenant_id, campaign_id FROM jobs ORDER BY seq')
        .toArray()
      sql.exec('DELETE FROM jobs')
      return rows.map(toJob)
    },
    size: () => sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM jobs').one().n,
    hold: (job, until) => {
      memo = null
      heads = null
      sql.exec(
        `INSERT INTO jobs (message_id, tenant_id, campaign_id, held_until) VALUES (?, ?, ?, ?)
         ON CONFLICT(message_id) DO UPDATE SET held_until = excluded.held_until`,
        job.messageId,
        job.tenantId,
        job.campaignId,
        until,
      )
    },
    releaseHeld: (now) => {
      memo = null
      heads = null
      sql.exec('UPDATE jobs SET held_until = NULL WHERE held_until <= ?', now)
    },
    nextHeldAt: () => sql.exec<{ at: number | null }>('SELECT MIN(held_until) AS at FROM jobs').one().at,
    sendsSince: (since, limit, campaignId) => {
      const rows =
        campaignId === null
          ? sql.exec<{ at: number }>(
              'SELECT at FROM sends WHERE at >= ? ORDER BY at DESC LIMIT ?',
              since,
              limit,
            )
          : sql.exec<{ at: number }>(
              'SELECT at FROM sends WHERE campaign_id = ? AND at >= ? ORDER BY at DESC LIMIT ?',
              campaignId,
              since,
              limit,
            )
      return rows.toArray().map((r) => r.at)
    },
    countSince: (since, campaignId) =>
      campaignId === null
        ? sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM sends WHERE at >= ?', since).one().n
        : sql
            .exec<{ n: number }>(
              'SELECT COUNT(*) AS n FROM sends WHERE campaign_id = ? AND at >= ?',
              campaignId,
              since,
            )
            .one().n,
    lastSendAt: (campaignId) =>
      campaignId === null
        ? sql.exec<{ at: number | null }>('SELECT MAX(at) AS at FROM sends').one().at
        : sql
            .exec<{ at: number | null }>('SELECT MAX(at) AS at FROM sends WHERE campaign_id = ?', campaignId)
            .one().at,
    recordSend: (at, campaignId) =>
      void sql.exec('INSERT INTO sends (at, campaign_id) VALUES (?, ?)', at, campaignId),
    plannedAt: (campaignId) =>
      one<{ at: number }>('SELECT at FROM planned WHERE key = ?', campaignId ?? SESSION_KEY)?.at ?? null,
    setPlannedAt: (at, campaignId) => {
      const key = campaignId ?? SESSION_KEY
      if (at === null) sql.exec('DELETE FROM planned WHERE key = ?', key)
      else
        sql.exec(
          'INSERT INTO planned (key, at) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET at = excluded.at',
          key,
          at,
        )
    },
    clearPlanned: () => void sql.exec('DELETE FROM planned'),
    packageState: (campaignId) => {
      const r = one<{ left_in_package: number | null; rest_until: number | null }>(
        'SELECT left_in_package, rest_until FROM packages WHERE key = ?',
        campaignId ?? SESSION_KEY,
      )
      return { left: r?.left_in_package ?? null, restUntil: r?.rest_until ?? null }
    },
    setPackageState: (campaignId, state) =>
      void sql.exec(
        `INSERT INTO packages (key, left_in_package, rest_until) VALUES (?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET left_in_package = excluded.left_in_package, rest_until = excluded.rest_until`,
        campaignId ?? SESSION_KEY,
        state.left,
        state.restUntil,
      ),
  }
}
