// Queue message shapes (versioned discriminated unions). Delivery is at least once: every consumer
// treats a message as an idempotency key and tolerates duplicates.

export type ImportJob = { type: 'import'; v: 1; tenantId: string; listId: string }
export type DispatchJob = { type: 'dispatch'; v: 1; tenantId: string; campaignId: string }
export type SendJob = {
  type: 'send'
  v: 1
  tenantId: string
  campaignId: string
  messageId: number
  /** Sessions that already failed this row definitely (failover goes to the others). */
  exclude?: string[]
}
export type EventJob = { type: 'waha-event'; v: 1; tenantId: string; sessionId: string; event: unknown }
/** One outbound webhook delivery to attempt (decision 033); the row says whether it is due. */
export type WebhookJob = { type: 'webhook'; v: 1; tenantId: string; deliveryId: string }

/** Queue names as configured in wrangler.toml. */
export const QUEUE_NAMES = {
  imports: 'disparo-imports',
  dispatch: 'disparo-dispatch',
  sends: 'disparo-sends',
  events: 'disparo-events',
  webhooks: 'disparo-webhooks',
} as const

/** True for the dead-letter queues (named `<queue>-dlq`). */
export function isDeadLetterQueue(name: string): boolean {
  return name.endsWith('-dlq')
}
