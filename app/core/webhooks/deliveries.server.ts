// The delivery log of an endpoint (attempts per delivery) and manual redelivery (decision 033).
import { asc, inArray } from 'drizzle-orm'
import { webhookAttempts, webhookDeliveries } from '../../../db/schema'
import { parseParams, type Text } from '../../i18n/text'
import { chunks, D1_IDS_PER_STATEMENT } from '../db/limits'
import { found, ownedRow, type TenantScope } from '../db/tenant.server'
import { newId } from '../ids'
import { queueDeliveries } from './emit.server'
import { getEndpoint, listDeliveries } from './endpoints.server'

export type AttemptView = {
  at: number
  httpStatus: number | null
  error: Text | null
  durationMs: number
  responseSnippet: string | null
}

/** The endpoint's newest deliveries with their attempts (oldest attempt first). */
export async function deliveryLog(scope: TenantScope, endpointId: string) {
  const deliveries = await listDeliveries(scope, endpointId)
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
 * already has it can drop it), with its own 24-hour retry window.
 */
export async function redeliver(scope: TenantScope, deliveryId: string): Promise<string> {
  const d = webhookDeliveries
  const row = found(
    await scope.db
      .select()
      .from(d)
      .where(ownedRow(scope, d, deliveryId))
      .get(),
    'delivery',
  )
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
  return row.endpointId
}
