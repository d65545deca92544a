// `disparo-events` consumer: applies a batch of WAHA events (acks, own messages, replies, opt-outs).
// A thin shell: the rules are in app/core/tracking (events.server.ts; waha-event-deps.server.ts
// resolves @lid senders and sends opt-out confirmations through the session's WAHA).
import { createAppContext } from '../../app/core/context.server'
import type { EventJob } from '../../app/core/queue-messages'
import { applyEventBatch } from '../../app/core/tracking/waha-event-deps.server'

export async function consumeEvents(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const ctx = createAppContext(env)
  const jobs = batch.messages.map((m) => m.body as EventJob).filter((j) => j?.type === 'waha-event')
  try {
    const result = await applyEventBatch(ctx, jobs)
    // Acks for message ids we do not know (yet): kept in pending_acks for a send that may still be
    // recorded, and counted here (other apps on the same WAHA session also get acks).
    if (result.acksPending > 0) {
      console.info(JSON.stringify({ msg: 'acks for unknown message ids kept', n: result.acksPending }))
    }
    // Votes for polls we never sent (another app on the session, a deleted campaign) and votes WhatsApp
    // could not decrypt (poll.vote.failed: the person has to vote again) are only counted (decision 038).
    if (result.votesUnmatched > 0 || result.votesFailed > 0) {
      console.info(
        JSON.stringify({
          msg: 'poll votes not stored',
          unmatched: result.votesUnmatched,
          failed: result.votesFailed,
        }),
      )
    }
    batch.ackAll()
  } catch (error) {
    // Kept and retried (then dead-lettered and shown), never dropped.
    console.warn('events batch failed; will retry', error)
    batch.retryAll({ delaySeconds: 5 })
  }
}
