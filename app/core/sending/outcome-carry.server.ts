// One tick's unwritten `sent` outcome (decision 028): it rides in the same D1 round trip as the next
// claim, so a burst of sends costs one round trip per message. Until it is written the row stays
// `sending`, which every rule (protection, budget, health, the sweeper) already reads as "wrote"; if
// the object dies first, the sweeper turns the row `unknown` and WAHA is asked before any resend.
import type { AppContext } from '../context.server'
import { type BoundStatement, type Preparable, runBatch } from '../db/prepared.server'

type Db = AppContext['db']
/** A drizzle query, or a statement prepared once and bound (prepared.server.ts). */
export type BatchItem = Preparable | BoundStatement

/** Outcome statements not written yet, and what to do with their results once they are. */
export type PendingOutcome = { statements: BatchItem[]; after: (results: unknown[]) => Promise<void> }

/**
 * One tick's unwritten `sent` outcome (at most one: the next claim takes it). `flush` writes it on its
 * own: the loop calls it before anything that reads the outbox (finish, failover) and when the tick
 * ends. The health evaluation takes it in front of its first reads instead (`batchAfter`).
 */
export class OutcomeCarry {
  private pending: PendingOutcome | null = null

  constructor(private readonly db: Db) {}

  take(): PendingOutcome | null {
    const p = this.pending
    this.pending = null
    return p
  }

  put(p: PendingOutcome): void {
    if (this.pending) throw new Error('OutcomeCarry: an outcome is already waiting')
    this.pending = p
  }

  async flush(): Promise<void> {
    const p = this.take()
    if (p) await writeNow(this.db, [], p)
  }

  /**
   * Runs `reads` in one batch behind the waiting outcome, if any (the outcome is written first, as a
   * flush would), and returns the results of `reads`. If the batch fails nothing of it was written, and
   * the outcome is still waiting here (the next claim or flush writes it).
   */
  async batchAfter(reads: BatchItem[]): Promise<unknown[]> {
    const p = this.take()
    if (!p) return runBatch(this.db, reads)
    let results: unknown[]
    try {
      results = await runBatch(this.db, [...p.statements, ...reads])
    } catch (error) {
      this.put(p)
      throw error
    }
    await p.after(results.slice(0, p.statements.length))
    return results.slice(p.statements.length)
  }
}

/** Runs `extra` after the pending outcome's statements in one batch; returns the results of `extra`. */
export async function writeNow(
  db: Db,
  extra: BatchItem[],
  pending: PendingOutcome | null,
): Promise<unknown[]> {
  const carried = pending?.statements ?? []
  const all = [...carried, ...extra]
  if (all.length === 0) return []
  let results: unknown[]
  try {
    results = await runBatch(db, all)
  } catch (error) {
    // The batch is one transaction: nothing of it was written. The carried outcome is still owed.
    if (pending && extra.length > 0) await writeNow(db, [], pending)
    throw error
  }
  if (pending) await pending.after(results.slice(0, carried.length))
  return results.slice(carried.length)
}
