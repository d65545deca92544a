// Routes a queue batch to the consumer module for its queue.
import { createAppContext } from '../../app/core/context.server'
import { isDeadLetterQueue } from '../../app/core/queue-messages'
import { consumeDeadLetters } from './dead-letters'

export type QueueConsumer = (batch: MessageBatch<unknown>, env: Env, ctx: ExecutionContext) => Promise<void>

const consumers: Record<string, QueueConsumer> = {}

/** Registers the consumer for a queue name (called by each consumer module at import time). */
export function registerConsumer(queue: string, consumer: QueueConsumer): void {
  consumers[queue] = consumer
}

export async function handleQueue(batch: MessageBatch<unknown>, env: Env, ctx: ExecutionContext): Promise<void> {
  if (isDeadLetterQueue(batch.queue)) return consumeDeadLetters(batch, createAppContext(env))
  const consumer = consumers[batch.queue]
  if (!consumer) {
    // No consumer deployed for this queue yet: keep the messages (retry later), never drop them.
    batch.retryAll({ delaySeconds: 60 })
    return
  }
  await consumer(batch, env, ctx)
}
