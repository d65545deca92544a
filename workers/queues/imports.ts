// Consumer for `disparo-imports`: a thin shell over app/core/contacts/import/run.server.ts.
// One message = one list; the core continues with a follow-up message when the file is not done.

import { RetryImportError, runImport } from '../../app/core/contacts/import/run.server'
import { createAppContext } from '../../app/core/context.server'
import type { ImportJob } from '../../app/core/queue-messages'

function isImportJob(body: unknown): body is ImportJob {
  const b = body as Partial<ImportJob> | null
  return b?.type === 'import' && b.v === 1 && typeof b.tenantId === 'string' && typeof b.listId === 'string'
}

export async function consumeImports(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const ctx = createAppContext(env)
  for (const message of batch.messages) {
    if (!isImportJob(message.body)) {
      // malformed (or from a future version): retrying cannot make it valid, so it is acked and dropped
      message.ack()
      continue
    }
    try {
      await runImport(ctx, message.body, { attempt: message.attempts })
      message.ack()
    } catch (error) {
      if (!(error instanceof RetryImportError)) throw error
      message.retry({ delaySeconds: 5 * message.attempts })
    }
  }
}
