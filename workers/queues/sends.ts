// `disparo-sends` consumer: routes each outbox row to a healthy session's SenderSession and acks
// only once that object stored it (app/core/sending/router).
import { createAppContext } from '../../app/core/context.server'
import type { SendJob } from '../../app/core/queue-messages'
import { routeSendJobs } from '../../app/core/sending/router.server'

export async function consumeSends(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const valid = batch.messages.filter((m) => (m.body as SendJob)?.type === 'send')
  for (const m of batch.messages) if ((m.body as SendJob)?.type !== 'send') m.ack()
  const outcomes = await routeSendJobs(
    createAppContext(env),
    valid.map((m) => m.body as SendJob),
    async (sessionId, jobs) => {
      await env.SENDER_SESSION.getByName(sessionId).enqueue(sessionId, jobs)
    },
  )
  valid.forEach((m, i) => {
    if (outcomes[i] === 'retry') m.retry({ delaySeconds: Math.min(60, 2 ** m.attempts) })
    else m.ack()
  })
}
