// SenderSession: one Durable Object per WhatsApp (WAHA) session, SQLite-backed (DESIGN §3 "Send").
// A thin shell over storage and alarms; the logic lives in app/core/sending and app/core/waha.
import { DurableObject } from 'cloudflare:workers'

export type SessionLiveState = {
  status: string
  qr: string | null
  lastError: string | null
  updatedAt: number | null
}

export class SenderSession extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env)
    ctx.blockConcurrencyWhile(async () => {
      this.ctx.storage.sql.exec(
        `CREATE TABLE IF NOT EXISTS live_state (id INTEGER PRIMARY KEY CHECK (id = 1), status TEXT NOT NULL,
          qr TEXT, last_error TEXT, updated_at INTEGER)`,
      )
    })
  }

  /** Current live status, QR and last error as last reported by WAHA. */
  async getState(): Promise<SessionLiveState> {
    const row = this.ctx.storage.sql
      .exec<{ status: string; qr: string | null; last_error: string | null; updated_at: number | null }>(
        'SELECT status, qr, last_error, updated_at FROM live_state WHERE id = 1',
      )
      .toArray()[0]
    if (!row) return { status: 'STOPPED', qr: null, lastError: null, updatedAt: null }
    return { status: row.status, qr: row.qr, lastError: row.last_error, updatedAt: row.updated_at }
  }

  /** Records a status change (from a webhook or a poll). */
  async setState(state: Partial<SessionLiveState> & { status: string }, at: number): Promise<SessionLiveState> {
    const prev = await this.getState()
    const next: SessionLiveState = {
      status: state.status,
      qr: state.qr !== undefined ? state.qr : state.status === 'SCAN_QR_CODE' ? prev.qr : null,
      lastError: state.lastError !== undefined ? state.lastError : prev.lastError,
      updatedAt: at,
    }
    this.ctx.storage.sql.exec(
      `INSERT INTO live_state (id, status, qr, last_error, updated_at) VALUES (1, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET status = excluded.status, qr = excluded.qr,
         last_error = excluded.last_error, updated_at = excluded.updated_at`,
      next.status,
      next.qr,
      next.lastError,
      next.updatedAt,
    )
    return next
  }
}
