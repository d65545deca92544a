// `disparo-dispatch` consumer: one page of a campaign's outbox per message (app/core/sending/dispatch).
import { createAppContext } from '../../app/core/context.server'
import type { DispatchJob } from '../../app/core/queue-messages'
import { dispatchPage } from '../../app/core/sending/dispatch.server'

export async function consumeDispatch(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const ctx = createAppContext(env)
  for (const message of batch.messages) {
    const job = message.body as DispatchJob
    if (job?.type !== 'dispatch') {
      message.ack()
      continue
    }
    try {
      await dispatchPage(ctx, job)
      message.ack()
    } catch (error) {
      console.warn('dispatch failed; will retry', job.campaignId, error)
      message.retry({ delaySeconds: Math.min(60, 2 ** message.attempts) })
    }
  }
}
