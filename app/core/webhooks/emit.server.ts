// Emitting outbound webhook events (decision 033). The owners of each state (outbox, events consumer,
// lifecycle, sessions, guard, links) call these after their own write: one indexed read of the tenant's
// enabled endpoints, then for each endpoint subscribed to the type one delivery row (the durable
// record: nothing is lost if the queue send fails, the cron re-queues it) and one queue message.
import { and, eq } from 'drizzle-orm'
import { webhookDeliveries, webhookEndpoints } from '../../../db/schema'
import type { AppContext } from '../context.server'
import { chunks, D1_BATCH_STATEMENTS, QUEUE_SEND_BATCH_MAX } from '../db/limits'
import { newId } from '../ids'
import type { WebhookJob } from '../queue-messages'
import type { DeliveredEventType } from './event-types'

export type EmitCtx = Pick<AppContext, 'db' | 'clock' | 'env'>
export type WebhookEvent = { type: DeliveredEventType; data: Record<string, unknown> }

/** Rows per insert: 9 bound columns each, under D1's 100 parameters per statement. */
const ROWS_PER_INSERT = 10

/** The tenant's enabled endpoints, loaded once: ask `wants` before building costly payloads. */
export type WebhookEmitter = {
  wants: (type: DeliveredEventType) => boolean
  emit: (events: readonly WebhookEvent[]) => Promise<number>
}

/** Loads the tenant's enabled endpoints (one indexed read) and returns an emitter for them. */
export async function webhookEmitter(ctx: EmitCtx, tenantId: string): Promise<WebhookEmitter> {
  const endpoints = await ctx.db
    .select({ id: webhookEndpoints.id, eventTypes: webhookEndpoints.eventTypes })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.enabled, true)))
  return {
    wants: (type) => endpoints.some((e) => e.eventTypes.includes(type)),
    emit: (events) =>
      enqueueDeliveries(
        ctx,
        tenantId,
        events.flatMap((event) => {
          const to = endpoints.filter((e) => e.eventTypes.includes(event.type)).map((e) => e.id)
          return to.length > 0 ? [{ event, endpointIds: to }] : []
        }),
      ),
  }
}

/** One event for the tenant's endpoints that subscribe to its type; returns the deliveries made. */
export async function emitWebhookEvent(
  ctx: EmitCtx,
  tenantId: string,
  type: DeliveredEventType,
  data: Record<string, unknown>,
): Promise<number> {
  try {
    const emitter = await webhookEmitter(ctx, tenantId)
    return emitter.wants(type) ? await emitter.emit([{ type, data }]) : 0
  } catch (error) {
    // The owner's own write is done; a webhook must never undo or fail it.
    console.warn('webhook emission failed', type, error)
    return 0
  }
}

/** Writes the delivery rows, then queues one message per row. */
export async function enqueueDeliveries(
  ctx: EmitCtx,
  tenantId: string,
  items: ReadonlyArray<{ event: WebhookEvent; endpointIds: readonly string[] }>,
): Promise<number> {
  const now = ctx.clock()
  const rows: (typeof webhookDeliveries.$inferInsert)[] = []
  for (const { event, endpointIds } of items) {
    const eventId = newId('msg')
    const payload = JSON.stringify({
      type: event.type,
      timestamp: new Date(now).toISOString(),
      data: event.data,
    })
    for (const endpointId of endpointIds)
      rows.push({
        id: newId('whd'),
        tenantId,
        endpointId,
        eventId,
        type: event.type,
        payload,
        status: 'pending',
        nextAttemptAt: now,
        createdAt: now,
        updatedAt: now,
      })
  }
  if (rows.length === 0) return 0
  const inserts = chunks(rows, ROWS_PER_INSERT).map((part) => ctx.db.insert(webhookDeliveries).values(part))
  for (const batch of chunks(inserts, D1_BATCH_STATEMENTS))
    await ctx.db.batch(batch as [(typeof batch)[number], ...typeof batch])
  await queueDeliveries(
    ctx.env,
    rows.map((r) => ({ tenantId, deliveryId: r.id as string })),
  )
  return rows.length
}

/** Queues delivery attempts (delaySeconds capped at the Queues limit of 12 hours). */
export async function queueDeliveries(
  env: Pick<Env, 'WEBHOOKS_QUEUE'>,
  jobs: ReadonlyArray<{ tenantId: string; deliveryId: string }>,
  delaySeconds = 0,
): Promise<void> {
  const delay = Math.min(Math.max(0, Math.ceil(delaySeconds)), 43_200)
  for (const part of chunks(jobs, QUEUE_SEND_BATCH_MAX)) {
    await env.WEBHOOKS_QUEUE.sendBatch(
      part.map((j) => ({
        body: { type: 'webhook', v: 1, tenantId: j.tenantId, deliveryId: j.deliveryId } satisfies WebhookJob,
        ...(delay > 0 ? { delaySeconds: delay } : {}),
      })),
    )
  }
}
