// The delivery log of an endpoint (attempts per delivery) and manual redelivery (decision 033).
import { asc, inArray, sql } from 'drizzle-orm'
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from '../../../db/schema'
import { parseParams, type Text } from '../../i18n/text'
import type { AppContext } from '../context.server'
import { chunks, D1_IDS_PER_STATEMENT } from '../db/limits'
import { found, ownedRow, type TenantScope } from '../db/tenant.server'
import { newId } from '../ids'
import { queueDeliveries } from './emit.server'
import { type DeliveryCursor, getEndpoint, listDeliveries } from './endpoints.server'

export type AttemptView = {
  at: number
  httpStatus: number | null
  error: Text | null
  durationMs: number
  responseSnippet: string | null
}

/** The endpoint's newest deliveries with their attempts (oldest attempt first). */
export async function deliveryLog(
  scope: TenantScope,
  endpointId: string,
  page: { limit?: number; after?: DeliveryCursor } = {},
) {
  const deliveries = await listDeliveries(scope, endpointId, page.limit, page.after)
  const attempts: (typeof webhookAttempts.$inferSelect)[] = []
  for (const ids of chunks(
    deliveries.map((d) => d.id),
    D1_IDS_PER_STATEMENT,
  ))
    attempts.push(
      ...(await scope.db
        .select()
        .from(webhookAttempts)
        .where(inArray(webhookAttempts.deliveryId, ids))
        .orderBy(asc(webhookAttempts.at), asc(webhookAttempts.id))),
    )
  return deliveries.map((d) => ({
    id: d.id,
    eventId: d.eventId,
    type: d.type,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.nextAttemptAt,
    createdAt: d.createdAt,
    log: attempts
      .filter((a) => a.deliveryId === d.id)
      .map(
        (a): AttemptView => ({
          at: a.at,
          httpStatus: a.httpStatus,
          error: a.errorCode ? { code: a.errorCode, params: parseParams(a.errorParams) } : null,
          durationMs: a.durationMs,
          responseSnippet: a.responseSnippet,
        }),
      ),
  }))
}

/**
 * Sends a delivery again as a new delivery of the same event (same `webhook-id`, so a receiver that
 * already has it can drop it), with its own 24-hour retry window. With `endpointId`, a delivery of
 * another endpoint is not found (nothing is sent).
 */
export async function redeliver(
  scope: TenantScope,
  deliveryId: string,
  endpointId?: string,
): Promise<{ endpointId: string; deliveryId: string }> {
  const d = webhookDeliveries
  const row = found(
    await scope.db
      .select()
      .from(d)
      .where(ownedRow(scope, d, deliveryId))
      .get(),
    'delivery',
  )
  if (endpointId !== undefined && row.endpointId !== endpointId) found(undefined, 'delivery')
  await getEndpoint(scope, row.endpointId)
  const now = scope.clock()
  const id = newId('whd')
  await scope.db.insert(d).values({
    id,
    tenantId: scope.tenantId,
    endpointId: row.endpointId,
    eventId: row.eventId,
    type: row.type,
    payload: row.payload,
    status: 'pending',
    nextAttemptAt: now,
    createdAt: now,
    updatedAt: now,
  })
  await queueDeliveries(scope.env, [{ tenantId: scope.tenantId, deliveryId: id }])
  return { endpointId: row.endpointId, deliveryId: id }
}

/**
 * How long a finished delivery (delivered, failed or exhausted) and its attempts are kept: the log
 * answers "what happened last month?" and the design load would otherwise grow the table without end
 * (decision 029). A pending delivery is never pruned: it still has its retry window to run.
 */
export const WEBHOOK_LOG_DAYS = 30
/** Deliveries deleted per cron tick: a first run after a long time stays a short statement. */
const PRUNE_BATCH = 2000

/**
 * Deletes finished deliveries older than WEBHOOK_LOG_DAYS (their attempts go with them, by the foreign
 * key's cascade). It seeks each endpoint's (endpoint_id, created_at) index rather than scanning.
 * For the cron trigger; returns how many deliveries went.
 */
export async function pruneWebhookDeliveries(ctx: Pick<AppContext, 'db' | 'clock'>): Promise<number> {
  const cutoff = ctx.clock() - WEBHOOK_LOG_DAYS * 86_400_000
  const d = webhookDeliveries
  const res = await ctx.db
    .delete(d)
    .where(
      sql`rowid IN (SELECT rowid FROM ${d} WHERE ${d.endpointId} IN (SELECT ${webhookEndpoints.id} FROM ${webhookEndpoints}) AND ${d.createdAt} < ${cutoff} AND ${d.status} <> 'pending' LIMIT ${PRUNE_BATCH})`,
    )
  return res.meta.changes ?? 0
}
