// Routes a queue batch to the consumer module for its queue.
import { createAppContext } from '../../app/core/context.server'
import { isDeadLetterQueue, QUEUE_NAMES } from '../../app/core/queue-messages'
import { consumeDeadLetters } from './dead-letters'
import { consumeDispatch } from './dispatch'
import { consumeEvents } from './events'
import { consumeImports } from './imports'
import { consumeSends } from './sends'
import { consumeWebhooks } from './webhooks'

type QueueConsumer = (batch: MessageBatch<unknown>, env: Env, ctx: ExecutionContext) => Promise<void>

/** Queue name -> consumer module. Each consumer lives in its own file in this folder. */
const consumers: Record<string, QueueConsumer> = {
  [QUEUE_NAMES.imports]: consumeImports,
  [QUEUE_NAMES.dispatch]: consumeDispatch,
  [QUEUE_NAMES.sends]: consumeSends,
  [QUEUE_NAMES.events]: consumeEvents,
  [QUEUE_NAMES.webhooks]: consumeWebhooks,
}

export async function handleQueue(
  batch: MessageBatch<unknown>,
  env: Env,
  ctx: ExecutionContext,
): Promise<void> {
  if (isDeadLetterQueue(batch.queue)) return consumeDeadLetters(batch, createAppContext(env))
  const consumer = consumers[batch.queue]
  if (!consumer) {
    // No consumer deployed for this queue yet: keep the messages (retry later), never drop them.
    batch.retryAll({ delaySeconds: 60 })
    return
  }
  await consumer(batch, env, ctx)
}
