// The webhook endpoint form (Integrações → Webhooks), shared by the browser (conform) and the server.
// Messages are i18n keys; the URL's outbound rules are checked by the core (endpoints.server.ts).
import { z } from 'zod'
import { WEBHOOK_EVENT_TYPES } from './event-types'

export const EndpointSchema = z.object({
  intent: z.enum(['create', 'update']),
  url: z.string({ error: 'errors.required' }).trim().min(1, 'errors.required').max(2048, 'errors.tooLong'),
  description: z.string().trim().max(200, 'errors.tooLong').optional(),
  eventTypes: z
    .array(z.enum(WEBHOOK_EVENT_TYPES, { error: 'webhooks.errors.events' }), {
      error: 'webhooks.errors.events',
    })
    .min(1, 'webhooks.errors.events'),
})

export type EndpointInput = z.infer<typeof EndpointSchema>

export const EndpointIdSchema = z.string().regex(/^whe_[0-9a-z]{16}$/)
export const DeliveryIdSchema = z.string().regex(/^whd_[0-9a-z]{16}$/)
