// The one place that builds `send` queue jobs and hands them to the `sends` queue, in batches of the
// queue's maximum. Used by dispatch, resume and the SenderSession's failover.
import { chunks, QUEUE_SEND_BATCH_MAX } from '../db/limits'
import type { SendJob } from '../queue-messages'

/** One `send` job per outbox row of a campaign; `exclude` lists sessions that already failed it. */
export function sendJobs(
  rows: ReadonlyArray<{ messageId: number; tenantId: string; campaignId: string }>,
  exclude?: readonly string[],
): SendJob[] {
  return rows.map((r) => ({
    type: 'send',
    v: 1,
    tenantId: r.tenantId,
    campaignId: r.campaignId,
    messageId: r.messageId,
    ...(exclude && exclude.length > 0 ? { exclude: [...exclude] } : {}),
  }))
}

/** Puts jobs on the `sends` queue (at least once: the sender's claim makes duplicates harmless). */
export async function enqueueSends(queue: Pick<Queue, 'sendBatch'>, jobs: readonly SendJob[]): Promise<void> {
  for (const part of chunks(jobs, QUEUE_SEND_BATCH_MAX)) await queue.sendBatch(part.map((body) => ({ body })))
}
