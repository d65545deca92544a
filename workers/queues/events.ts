// `disparo-events` consumer: applies a batch of WAHA events (acks, own messages, replies, opt-outs).
// @lid senders are resolved through the session's WAHA; opt-out confirmations are sent from it.
import { createAppContext } from '../../app/core/context.server'
import type { EventJob } from '../../app/core/queue-messages'
import { loadSenderSession } from '../../app/core/sending/session-config.server'
import { applyEvents } from '../../app/core/tracking/events.server'

export async function consumeEvents(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const ctx = createAppContext(env)
  const jobs = batch.messages.map((m) => m.body as EventJob).filter((j) => j?.type === 'waha-event')
  try {
    const result = await applyEvents(
      {
        ctx,
        resolveLid: async (_tenantId, sessionId, lid) => {
          const session = await loadSenderSession(ctx, sessionId)
          if (!session) return null
          const r = await session.client.lidToPhone(session.row.sessionName, lid)
          return r.ok ? r.value.pn : null
        },
        confirmOptOut: async (_tenantId, sessionId, chatId, text) => {
          const session = await loadSenderSession(ctx, sessionId)
          if (session) await session.client.sendText({ session: session.row.sessionName, chatId, text })
        },
      },
      jobs,
    )
    // Acks for message ids we do not know (yet): kept in pending_acks for a send that may still be
    // recorded, and counted here (other apps on the same WAHA session also get acks).
    if (result.acksPending > 0) {
      console.info(JSON.stringify({ msg: 'acks for unknown message ids kept', n: result.acksPending }))
    }
    batch.ackAll()
  } catch (error) {
    // Kept and retried (then dead-lettered and shown), never dropped.
    console.warn('events batch failed; will retry', error)
    batch.retryAll({ delaySeconds: 5 })
  }
}
