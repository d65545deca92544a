// `disparo-webhooks` consumer: one delivery attempt per message (app/core/webhooks/deliver.server.ts).
// A failed POST is not a failed message: the core logs it and queues the next attempt itself. Only an
// infrastructure error (D1 down) retries the message.
import { createAppContext } from '../../app/core/context.server'
import { atTenant } from '../../app/core/db/shards.server'
import type { WebhookJob } from '../../app/core/queue-messages'
import { attemptDelivery } from '../../app/core/webhooks/deliver.server'

export async function consumeWebhooks(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const ctx = createAppContext(env)
  await Promise.all(
    batch.messages.map(async (message) => {
      const job = message.body as WebhookJob
      if (job?.type !== 'webhook' || typeof job.deliveryId !== 'string') return message.ack()
      try {
        await attemptDelivery(await atTenant(ctx, job.tenantId), job.deliveryId)
        message.ack()
      } catch (error) {
        console.warn('webhook delivery failed; will retry', job.deliveryId, error)
        message.retry({ delaySeconds: 30 })
      }
    }),
  )
}
