// The /api/v1 shapes of campaigns, their messages and replies, and single messages (see schemas.ts).
import { z } from 'zod'
import { MEDIA_KINDS } from '../campaigns/media-kinds'
import { MESSAGE_STATUSES } from '../campaigns/status'
import { STEP_AUDIENCES } from '../campaigns/steps'
import { cursor, isoTime, limit, listId } from './schemas'
import { mediaId } from './schemas-media'
import { FollowUpStepSchema } from './schemas-steps'

// ── Campaigns (scopes campaigns:read / campaigns:write) ──────────────────────────────────────────

const campaignId = z
  .string()
  .regex(/^cmp_[A-Za-z0-9_-]{1,64}$/)
  .meta({ example: 'cmp_Q2x8k1VbN3m4P5r6' })
const sessionId = z.string().min(1).max(60).meta({ example: 'ses_9f3k2m1q8r7t6v5x' })
export const hhmm = z
  .string()
  .regex(/^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/)
  .meta({ example: '08:00' })

const PacingSchema = z
  .object({
    minDelayS: z
      .number()
      .meta({ description: 'Shortest pause between two messages of one number, in seconds' }),
    maxDelayS: z.number().meta({ description: 'Longest pause, in seconds (the pause is random in between)' }),
    maxPerMinute: z.int(),
    dailyCap: z.int().meta({ description: 'Messages per number per day' }),
    window: z
      .object({
        days: z
          .array(z.int().min(0).max(6))
          .max(7)
          .meta({ description: '0 = Sunday … 6 = Saturday', example: [1, 2, 3, 4, 5] }),
        start: hhmm,
        end: hhmm.meta({ example: '20:00' }),
      })
      .strict()
      .meta({ description: 'When messages may go out, São Paulo time' }),
    rest: z
      .object({ packageMin: z.int(), packageMax: z.int(), restMinMin: z.int(), restMaxMin: z.int() })
      .strict()
      .nullable()
      .optional()
      .meta({
        description:
          "The campaign's own rest packages: after packageMin–packageMax messages a number rests restMinMin–restMaxMin minutes. Null or absent: each session's own.",
      }),
  })
  .strict()
  .meta({ id: 'Pacing' })

const segmentId = z.int().positive().meta({ example: 12 })

const AudienceSchema = z
  .object({
    listIds: z.array(listId).max(20).optional().meta({ description: 'More contact lists (with listId)' }),
    segmentIds: z.array(segmentId).max(10).optional().meta({ description: 'Saved segments of the team' }),
    exclude: z
      .object({
        listIds: z.array(listId).max(20).optional(),
        segmentIds: z.array(segmentId).max(10).optional(),
        messagedWithinDays: z
          .int()
          .min(1)
          .max(365)
          .optional()
          .meta({ description: 'Leave out people sent a campaign message in the last N days' }),
      })
      .strict()
      .optional()
      .meta({ description: 'People in these lists or segments, or messaged lately, get nothing' }),
  })
  .strict()
  .meta({
    id: 'CampaignAudienceRequest',
    description:
      'Lists and/or segments minus exclusions; each person gets one message even in several of them. Frozen when the campaign starts.',
  })

export const CreateCampaignSchema = z
  .object({
    name: z.string().max(200).meta({ example: 'Promoção de dezembro' }),
    listId: listId.optional().meta({ description: 'The audience: a ready contact list of the team' }),
    audience: AudienceSchema.optional(),
    texts: z
      .array(z.string().max(8192))
      .max(10)
      .optional()
      .meta({
        description:
          'The message and its variants (each contact gets one); {{nome}} and the list columns are variables, {a|b} picks one at random',
        example: ['Oi {{nome}}, temos novidades!', 'Olá {{nome}}! Novidades para você.'],
      }),
    sessionIds: z
      .array(sessionId)
      .max(50)
      .optional()
      .meta({ description: 'WhatsApp sessions that send it, in priority order' }),
    pacing: PacingSchema.optional().meta({
      description: 'Left out: 30–60 s, 10/min, 500/day, Mon–Sat 08:00–20:00',
    }),
    areaCodeAffinity: z.boolean().optional(),
    simulateTyping: z.boolean().optional(),
    linkTracking: z.boolean().optional(),
    mediaId: mediaId.optional().meta({
      description:
        'An attachment from POST /media (image, document or video: the texts are its captions, up to 1,024 characters; a voice note: no texts)',
    }),
    linkPreview: z
      .boolean()
      .optional()
      .meta({ description: 'WhatsApp’s preview of the first link of a text message (default false)' }),
    poll: z
      .object({
        options: z
          .array(z.string().max(400))
          .max(20)
          .meta({
            description:
              '2 to 12 answers, each up to 100 characters, no two alike (ignoring case and spaces)',
            example: ['Manhã', 'Tarde', 'Noite'],
          }),
        multipleAnswers: z
          .boolean()
          .optional()
          .meta({ description: 'Several answers per person (default false)' }),
      })
      .strict()
      .optional()
      .meta({
        description:
          'Sends the message as a WhatsApp poll: the texts are its question (up to 255 characters); no attachment',
      }),
    steps: z.array(FollowUpStepSchema).max(8).optional().meta({
      description:
        'Up to 4 follow-up steps after the first message. Nobody who replied SAIR, opted out or was erased gets one.',
    }),
    confirmation: z.string().max(4096).optional().meta({
      description: 'Sent once to whoever replies to the first message, through the session they wrote to',
    }),
    scheduleAt: isoTime.optional().meta({
      description:
        'Schedules it (seconds are dropped: the minute counts). Needs a list, a text and a session.',
    }),
  })
  .strict()
  .meta({ id: 'CreateCampaignRequest' })

export const ScheduleCampaignSchema = z
  .object({ at: isoTime })
  .strict()
  .meta({ id: 'ScheduleCampaignRequest' })

const totalsShape = {
  total: z.int().meta({ description: 'Messages created for the campaign so far' }),
  pending: z.int(),
  queued: z.int(),
  sending: z.int(),
  sent: z.int(),
  delivered: z.int(),
  read: z.int(),
  failed: z.int(),
  unknown: z.int(),
  skipped: z.int(),
}

export const CampaignSchema = z
  .object({
    id: campaignId,
    name: z.string(),
    status: z.enum(['draft', 'scheduled', 'running', 'paused', 'finished', 'cancelled']),
    listId: listId.nullable(),
    audience: z
      .object({
        listIds: z.array(z.string()),
        segmentIds: z.array(z.int()),
        exclude: z.object({
          listIds: z.array(z.string()),
          segmentIds: z.array(z.int()),
          messagedWithinDays: z.int().nullable(),
        }),
      })
      .nullable()
      .meta({ description: 'Lists and/or segments minus exclusions; null: listId alone' }),
    texts: z.array(z.string()),
    media: z
      .object({
        type: z.string().nullable(),
        kind: z.enum(MEDIA_KINDS).nullable(),
        name: z.string().nullable().meta({ description: 'A document’s file name' }),
      })
      .nullable()
      .meta({ description: 'The attachment (POST /media, or added in Disparo)' }),
    linkPreview: z.boolean(),
    poll: z
      .object({ options: z.array(z.string()), multipleAnswers: z.boolean() })
      .nullable()
      .meta({ description: 'The poll the message is sent as; null: a plain message' }),
    steps: z
      .array(
        z.object({
          texts: z.array(z.string()),
          poll: z.object({ options: z.array(z.string()), multipleAnswers: z.boolean() }).nullable(),
          delayMinutes: z.int(),
          audience: z.enum(STEP_AUDIENCES),
          option: z.string().nullable(),
        }),
      )
      .meta({ description: 'The follow-up steps (decision 040); [] when none' }),
    stepsCreated: z.int().meta({ description: 'How many follow-up steps already have their messages' }),
    confirmation: z.string().nullable(),
    sessionIds: z.array(z.string()),
    pacing: z.object({
      minDelayS: z.number().nullable(),
      maxDelayS: z.number().nullable(),
      maxPerMinute: z.int().nullable(),
      dailyCap: z.int().nullable(),
      window: z.object({ days: z.array(z.int()), start: z.string(), end: z.string() }).nullable(),
      rest: z
        .object({ packageMin: z.int(), packageMax: z.int(), restMinMin: z.int(), restMaxMin: z.int() })
        .nullable(),
    }),
    areaCodeAffinity: z.boolean(),
    simulateTyping: z.boolean(),
    linkTracking: z.boolean(),
    pausedReason: z.string().nullable(),
    scheduledAt: isoTime.nullable(),
    startedAt: isoTime.nullable(),
    finishedAt: isoTime.nullable(),
    createdAt: isoTime,
    totals: z.object(totalsShape).meta({ description: 'Messages by status' }),
  })
  .meta({ id: 'Campaign' })

export const CampaignsQuerySchema = z.object({
  status: z.enum(['draft', 'scheduled', 'running', 'paused', 'finished', 'cancelled']).optional(),
  cursor,
  limit,
})

export const CampaignIdParamSchema = z.object({ id: z.string().max(80) })

const messageStatus = z.enum(MESSAGE_STATUSES)

export const CampaignMessageSchema = z
  .object({
    id: z.int(),
    campaignId: z.string(),
    contactId: z.int(),
    phone: z.string().meta({ description: 'E.164' }),
    contactName: z.string().nullable(),
    status: messageStatus,
    sessionId: z.string().nullable(),
    text: z.string().nullable().meta({ description: 'The text as sent (null before it is rendered)' }),
    queuedAt: isoTime.nullable(),
    sentAt: isoTime.nullable(),
    deliveredAt: isoTime.nullable(),
    readAt: isoTime.nullable(),
    repliedAt: isoTime.nullable(),
    failedAt: isoTime.nullable(),
    error: z.object({ code: z.string().nullable(), detail: z.string() }).nullable(),
  })
  .meta({ id: 'CampaignMessage' })

export const CampaignMessagesQuerySchema = z.object({ status: messageStatus.optional(), cursor, limit })

export const ReplySchema = z
  .object({
    id: z.int(),
    phone: z.string().meta({ description: 'E.164, or lid:<n> when WhatsApp hid the number' }),
    contactName: z.string().nullable(),
    sessionId: z.string(),
    campaignId: z.string().nullable(),
    campaignMessageId: z.int().nullable(),
    type: z.enum(['text', 'image', 'audio', 'video', 'document', 'location', 'other']),
    text: z.string(),
    edited: z.boolean(),
    revoked: z.boolean(),
    receivedAt: isoTime,
  })
  .meta({ id: 'Reply' })

export const RepliesQuerySchema = z.object({
  campaignId: z.string().max(80).optional(),
  phone: z.string().max(40).optional().meta({ description: 'Only this phone (any usual format)' }),
  cursor,
  limit,
})

// ── Single messages (scope messages:send) ────────────────────────────────────────────────────────

export const SendMessageSchema = z
  .object({
    phone: z.string().min(1).max(40).meta({ example: '(11) 98765-4321' }),
    text: z.string().min(1).max(8192).optional().meta({
      description:
        'Sent as written (no {{variables}}); up to 4,096 characters, or 1,024 as an attachment’s caption. Required without an attachment; none with a voice note.',
      example: 'Seu pedido 1234 saiu para entrega.',
    }),
    mediaId: mediaId.optional().meta({ description: 'An attachment from POST /media' }),
    linkPreview: z
      .boolean()
      .optional()
      .meta({ description: 'WhatsApp’s preview of the first link of a text message (default false)' }),
    sessionId: sessionId
      .optional()
      .meta({ description: "One of the team's connected sessions; by default any connected one" }),
    simulateTyping: z
      .boolean()
      .optional()
      .meta({ description: 'Show "digitando…" before the text (default true)' }),
  })
  .strict()
  .meta({ id: 'SendMessageRequest' })

export const SentMessageSchema = z
  .object({
    id: z.int().meta({ description: 'The message (a row of its campaign’s messages)' }),
    campaignId: z.string().meta({
      description: 'The one-message campaign carrying it: follow it with GET /campaigns/{id}/messages',
    }),
    phone: z.string().meta({ description: 'E.164' }),
    status: messageStatus,
  })
  .meta({ id: 'SentMessage' })
