// SenderSession: one Durable Object per WhatsApp (WAHA) session, SQLite-backed (docs/design.md §3 "Send",
// decision 003). A thin shell over storage and alarms: it keeps the live status/QR, a local queue of
// jobs and the send history; the pacing loop and every rule live in app/core/sending.
import { DurableObject } from 'cloudflare:workers'
import { type AppContext, createAppContext } from '../app/core/context.server'
import { meteredEnv } from '../app/core/db/meter.server'
import { atTenant } from '../app/core/db/shards.server'
import {
  ensureLocalQueueTables,
  type LocalQueue,
  sqlLocalQueue,
} from '../app/core/sending/local-queue.server'
import type { SenderJob } from '../app/core/sending/router.server'
import { enqueueSends, sendJobs } from '../app/core/sending/send-jobs'
import { runSenderTick } from '../app/core/sending/sender-loop.server'

export type SessionLiveState = {
  status: string
  qr: string | null
  lastError: string | null
  updatedAt: number | null
}

const RETRY_AFTER_ERROR_MS = 5_000
const HISTORY_KEEP_MS = 2 * 24 * 60 * 60 * 1000
/** An alarm further ahead than this is brought forward when new jobs arrive (the pacing re-plans). */
const WAKE_FOR_NEW_JOBS_MS = 60_000

export class SenderSession extends DurableObject<Env> {
  private readonly sql: SqlStorage

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, meteredEnv(env))
    this.sql = ctx.storage.sql
    ctx.blockConcurrencyWhile(async () => {
      this.sql.exec(`CREATE TABLE IF NOT EXISTS live_state (id INTEGER PRIMARY KEY CHECK (id = 1), status TEXT NOT NULL,
        qr TEXT, last_error TEXT, updated_at INTEGER)`)
      ensureLocalQueueTables(this.sql)
      this.sql.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)')
    })
  }

  /** Stores jobs for this session (idempotent per message) and makes sure the alarm will run. */
  async enqueue(sessionId: string, jobs: SenderJob[]): Promise<number> {
    this.setMeta('session_id', sessionId)
    // A session belongs to one team: its shard is found from the team (decision 043).
    const tenantId = jobs[0]?.tenantId
    if (tenantId) this.setMeta('tenant_id', tenantId)
    for (const j of jobs) {
      this.sql.exec(
        'INSERT OR IGNORE INTO jobs (message_id, tenant_id, campaign_id) VALUES (?, ?, ?)',
        j.messageId,
        j.tenantId,
        j.campaignId,
      )
    }
    // Also when the alarm sleeps far ahead (only held jobs, waiting for the next day): new jobs may go now.
    const alarm = await this.ctx.storage.getAlarm()
    if (alarm === null || alarm > Date.now() + WAKE_FOR_NEW_JOBS_MS)
      await this.ctx.storage.setAlarm(Date.now())
    return this.queue().size()
  }

  /** The session is gone: hand every waiting job back to the router (other sessions by priority). */
  async retire(): Promise<number> {
    const jobs = this.queue().takeAll()
    await this.requeue(jobs, [this.meta('session_id') ?? ''])
    this.queue().clearPlanned()
    await this.ctx.storage.deleteAlarm()
    return jobs.length
  }

  /** Number of jobs waiting here. */
  async queueSize(): Promise<number> {
    return this.queue().size()
  }

  override async alarm(): Promise<void> {
    const sessionId = this.meta('session_id')
    if (!sessionId) return
    const env = this.env
    let next: number | null = null
    try {
      next = await runSenderTick({
        ctx: await this.teamContext(env),
        sessionId,
        queue: this.queue(),
        random: Math.random,
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        requeue: (jobs, exclude) => this.requeue(jobs, exclude),
      })
    } catch (error) {
      // Re-arm even when a step throws: the row it was on stays claimed (`sending`) and the sweeper
      // settles it as `unknown`; the rest of the queue goes on.
      console.warn('SenderSession tick failed', sessionId, error)
      next = this.queue().size() > 0 ? Date.now() + RETRY_AFTER_ERROR_MS : null
    } finally {
      this.sql.exec('DELETE FROM sends WHERE at < ?', Date.now() - HISTORY_KEEP_MS)
    }
    if (next !== null) await this.ctx.storage.setAlarm(next)
  }

  /** The context at the shard of the team this session belongs to (decision 043). */
  private async teamContext(env: Env): Promise<AppContext> {
    const ctx = createAppContext(env)
    const tenantId =
      this.meta('tenant_id') ??
      this.sql.exec<{ tenant_id: string }>('SELECT tenant_id FROM jobs LIMIT 1').toArray()[0]?.tenant_id
    return tenantId ? atTenant(ctx, tenantId) : ctx
  }

  /** Current live status, QR and last error as last reported by WAHA. */
  async getState(): Promise<SessionLiveState> {
    const row = this.sql
      .exec<{ status: string; qr: string | null; last_error: string | null; updated_at: number | null }>(
        'SELECT status, qr, last_error, updated_at FROM live_state WHERE id = 1',
      )
      .toArray()[0]
    if (!row) return { status: 'STOPPED', qr: null, lastError: null, updatedAt: null }
    return { status: row.status, qr: row.qr, lastError: row.last_error, updatedAt: row.updated_at }
  }

  /** Records a status change (webhook or poll). A session that stops working fails its backlog over. */
  async setState(
    state: Partial<SessionLiveState> & { status: string },
    at: number,
  ): Promise<SessionLiveState> {
    const prev = await this.getState()
    const next: SessionLiveState = {
      status: state.status,
      qr: state.qr !== undefined ? state.qr : state.status === 'SCAN_QR_CODE' ? prev.qr : null,
      lastError: state.lastError !== undefined ? state.lastError : prev.lastError,
      updatedAt: at,
    }
    this.sql.exec(
      `INSERT INTO live_state (id, status, qr, last_error, updated_at) VALUES (1, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET status = excluded.status, qr = excluded.qr,
         last_error = excluded.last_error, updated_at = excluded.updated_at`,
      next.status,
      next.qr,
      next.lastError,
      next.updatedAt,
    )
    // The alarm reads the session row and fails the backlog over when it is not WORKING.
    if (next.status !== 'WORKING' && this.queue().size() > 0) await this.ctx.storage.setAlarm(Date.now())
    return next
  }

  /** Puts jobs back on the `sends` queue for the router, excluding the given sessions. */
  private async requeue(jobs: SenderJob[], exclude: string[]): Promise<void> {
    await enqueueSends(this.env.SEND_QUEUE, sendJobs(jobs, exclude))
  }

  private meta(key: string): string | null {
    const row = this.sql.exec<{ value: string }>('SELECT value FROM meta WHERE key = ?', key).toArray()[0]
    return row?.value ?? null
  }

  private setMeta(key: string, value: string | null): void {
    if (value === null) this.sql.exec('DELETE FROM meta WHERE key = ?', key)
    else
      this.sql.exec(
        'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
        key,
        value,
      )
  }

  private queue(): LocalQueue {
    return sqlLocalQueue(this.sql)
  }
}
