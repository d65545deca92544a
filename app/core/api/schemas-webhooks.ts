// The /api/v1 shapes of outbound webhook endpoints and their delivery log (scope webhooks:manage,
// decision 033). Event names are the page's (app/core/webhooks/event-types.ts).
import { z } from 'zod'
import { WEBHOOK_DELIVERY_STATUSES } from '../../../db/tables/webhooks'
import { WEBHOOK_EVENT_TYPES } from '../webhooks/event-types'
import { cursor, isoTime } from './schemas'

const endpointId = z
  .string()
  .regex(/^whe_[0-9a-z]{16}$/)
  .meta({ example: 'whe_4k8m2q7r9t1v3x5z' })

const eventTypes = z
  .array(z.enum(WEBHOOK_EVENT_TYPES))
  .min(1)
  .max(WEBHOOK_EVENT_TYPES.length * 2)
  .meta({ description: 'The events sent to this endpoint (at least one)' })

export const WebhookEndpointSchema = z
  .object({
    id: endpointId,
    url: z.string().meta({ example: 'https://crm.example.com/hooks/disparo' }),
    description: z.string(),
    eventTypes: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
    enabled: z.boolean(),
    disabledAt: isoTime.nullable(),
    disabledReason: z.string().nullable().meta({
      description:
        'Why it is off: webhooks.disabled.byPerson, or the automatic switch-off after failing for days',
    }),
    failureStreak: z.int().meta({ description: 'Failed deliveries in a row' }),
    lastSuccessAt: isoTime.nullable(),
    createdAt: isoTime,
  })
  .meta({ id: 'WebhookEndpoint' })

export const CreatedWebhookEndpointSchema = WebhookEndpointSchema.extend({
  secret: z.string().meta({
    description:
      'The Standard Webhooks signing secret (whsec_…). Shown in this answer only: keep it now; a lost secret can only be rotated.',
  }),
}).meta({ id: 'CreatedWebhookEndpoint' })

export const WebhookSecretSchema = z
  .object({ secret: z.string().meta({ description: 'The new signing secret, shown once' }) })
  .meta({ id: 'WebhookSecret' })

export const CreateWebhookEndpointSchema = z
  .object({
    url: z.string().trim().min(1).max(2048).meta({
      description: 'HTTPS address on the public internet (no private or local addresses)',
    }),
    description: z.string().trim().max(200).optional(),
    eventTypes,
  })
  .strict()
  .meta({ id: 'CreateWebhookEndpointRequest' })

export const UpdateWebhookEndpointSchema = z
  .object({
    url: z.string().trim().min(1).max(2048).optional(),
    description: z.string().trim().max(200).optional(),
    eventTypes: eventTypes.optional(),
    enabled: z.boolean().optional().meta({
      description: 'false switches it off; true switches it on again and clears the failure count',
    }),
  })
  .strict()
  .meta({ id: 'UpdateWebhookEndpointRequest' })

export const WebhookIdParamSchema = z.object({ id: z.string().max(40) })
export const WebhookDeliveryParamSchema = z.object({
  id: z.string().max(40),
  deliveryId: z.string().max(40),
})

export const WebhookDeliveriesQuerySchema = z.object({
  cursor,
  limit: z.coerce.number().int().min(1).max(100).default(20),
})

export const WebhookDeliverySchema = z
  .object({
    id: z.string().meta({ example: 'whd_2m4q7r9t1v3x5z8k' }),
    eventId: z.string().meta({ description: 'The webhook-id header; the same on a redelivery' }),
    type: z.string().meta({ example: 'message.delivered' }),
    status: z.enum(WEBHOOK_DELIVERY_STATUSES),
    attemptCount: z.int(),
    nextAttemptAt: isoTime.nullable(),
    createdAt: isoTime,
    attempts: z.array(
      z.object({
        at: isoTime,
        httpStatus: z.int().nullable(),
        error: z.string().nullable().meta({ description: 'Why it failed, when no HTTP answer came' }),
        durationMs: z.int(),
        responseSnippet: z.string().nullable().meta({ description: 'The start of the answer body' }),
      }),
    ),
  })
  .meta({ id: 'WebhookDelivery' })

export const RedeliveredSchema = z
  .object({ id: z.string().meta({ description: 'The new delivery' }), endpointId: endpointId })
  .meta({ id: 'Redelivery' })

export const TestEventSentSchema = z
  .object({ endpointId, type: z.literal('webhook.test') })
  .meta({ id: 'WebhookTestSent' })
