// The events an outbound webhook endpoint can subscribe to (decision 033), in the order the page lists
// them. `webhook.test` is sent by the page's "Enviar evento de teste" only and cannot be subscribed.
export const WEBHOOK_EVENT_TYPES = [
  'message.sent',
  'message.delivered',
  'message.read',
  'message.failed',
  'message.unknown',
  'message.replied',
  'contact.opted_out',
  'link.clicked',
  'poll.vote',
  'campaign.started',
  'campaign.paused',
  'campaign.finished',
  'session.status_changed',
  'session.health_changed',
] as const

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number]

/** Every type a delivery can carry: the subscribable ones and the test event. */
export type DeliveredEventType = WebhookEventType | 'webhook.test'

export function isWebhookEventType(value: unknown): value is WebhookEventType {
  return typeof value === 'string' && (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value)
}
