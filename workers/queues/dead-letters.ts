// Consumer for every `*-dlq` queue: records what could not be processed so operators can see it, in the
// control database (decision 043: an operator's view across teams).

import type { AppContext } from '../../app/core/context.server'
import { deadLetters } from '../../db/schema'

export async function consumeDeadLetters(batch: MessageBatch<unknown>, ctx: AppContext): Promise<void> {
  const rows = batch.messages.map((m) => {
    const body = m.body as { tenantId?: unknown } | null
    return {
      queue: batch.queue,
      tenantId: typeof body?.tenantId === 'string' ? body.tenantId : null,
      body: JSON.stringify(m.body).slice(0, 10_000),
      createdAt: ctx.clock(),
    }
  })
  if (rows.length > 0) await ctx.control.insert(deadLetters).values(rows)
  batch.ackAll()
}
