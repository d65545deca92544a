// The /api/v1 shapes, in zod: the routes validate requests with them and the OpenAPI document is
// generated from them (workers/http/api), so the two cannot drift. `.meta({ id })` names a schema in
// the document's components.
import { z } from 'zod'
import { UPSERT_MAX } from '../contacts/upsert-limit'

const isoTime = z.iso.datetime().meta({ example: '2026-12-10T14:03:00.000Z' })

const listId = z
  .string()
  .regex(/^lst_[0-9a-z]{16}$/)
  .meta({ example: 'lst_8k2m4q7r9t1v3x5z' })

export const ContactSchema = z
  .object({
    id: z.int().meta({ example: 4211 }),
    listId,
    name: z.string(),
    phone: z.string().meta({ description: 'E.164', example: '+5511987654321' }),
    phoneKind: z.enum(['mobile', 'landline']),
    email: z.string().nullable(),
    company: z.string().nullable(),
    extra: z.record(z.string(), z.string()).meta({ description: 'Other columns, usable as {{variables}}' }),
    optedOut: z.boolean().meta({ description: "The phone is on the team's opt-out list" }),
    createdAt: isoTime,
  })
  .meta({ id: 'Contact' })

const ContactInputSchema = z
  .object({
    phone: z
      .string()
      .min(1)
      .max(40)
      .meta({ description: 'Brazilian phone with DDD, in any usual format', example: '(11) 98765-4321' }),
    name: z.string().max(200).optional(),
    email: z.email().max(254).optional(),
    company: z.string().max(200).optional(),
    extra: z
      .record(z.string().min(1).max(40), z.string().max(500))
      .refine((v) => Object.keys(v).length <= 20, { message: 'at most 20 keys' })
      .optional()
      .meta({ description: 'Replaces the stored extra columns when given (at most 20)' }),
  })
  .strict()
  .meta({ id: 'ContactInput' })

export const UpsertContactsSchema = z
  .object({
    listId,
    contacts: z.array(ContactInputSchema).min(1).max(UPSERT_MAX),
  })
  .strict()
  .meta({ id: 'UpsertContactsRequest' })

export const UpsertResultSchema = z
  .object({
    listId,
    created: z.int(),
    updated: z.int(),
    failed: z.int(),
    results: z.array(
      z.object({
        index: z.int().meta({ description: 'Position of the item in the request' }),
        status: z.enum(['created', 'updated', 'failed']),
        id: z.int().optional(),
        phone: z.string().optional(),
        error: z.object({ code: z.string(), detail: z.string() }).optional(),
      }),
    ),
  })
  .meta({ id: 'UpsertContactsResult' })

export const EraseSchema = z
  .object({ phone: z.string().min(1).max(40).meta({ example: '+55 11 98765-4321' }) })
  .strict()
  .meta({ id: 'EraseRequest' })

export const EraseResultSchema = z
  .object({ phone: z.string(), contactsDeleted: z.int() })
  .meta({ id: 'EraseResult' })

export const ListSchema = z
  .object({
    id: listId,
    name: z.string(),
    status: z.enum(['uploaded', 'mapping', 'importing', 'ready', 'failed']),
    counts: z.object({
      valid: z.int().meta({ description: 'Contacts who can receive messages now' }),
      optedOut: z.int(),
      invalid: z.int(),
      duplicate: z.int(),
      landline: z.int(),
    }),
    createdAt: isoTime,
  })
  .meta({ id: 'List' })

export const CreateListSchema = z
  .object({ name: z.string().trim().min(1).max(120) })
  .strict()
  .meta({ id: 'CreateListRequest' })

const limit = z.coerce.number().int().min(1).max(200).default(50)
const cursor = z.string().max(200).optional().meta({ description: 'nextCursor of the previous page' })

export const ContactsQuerySchema = z.object({
  listId: listId.optional(),
  phone: z.string().max(40).optional().meta({ description: 'Only this phone (any usual format)' }),
  cursor,
  limit,
})

export const ListsQuerySchema = z.object({ cursor, limit })

export const IdParamSchema = z.object({ id: z.coerce.number().int().positive() })
export const ListIdParamSchema = z.object({ id: z.string().max(40) })

export function pageOf<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({
      data: z.array(item),
      nextCursor: z
        .string()
        .nullable()
        .meta({ description: 'Pass as cursor for the next page; null on the last' }),
    })
    .meta({ id })
}

// ── Campaigns (scopes campaigns:read / campaigns:write) ──────────────────────────────────────────

const campaignId = z
  .string()
  .regex(/^cmp_[A-Za-z0-9_-]{1,64}$/)
  .meta({ example: 'cmp_Q2x8k1VbN3m4P5r6' })
const sessionId = z.string().min(1).max(60).meta({ example: 'ses_9f3k2m1q8r7t6v5x' })
const hhmm = z
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

export const CreateCampaignSchema = z
  .object({
    name: z.string().max(200).meta({ example: 'Promoção de dezembro' }),
    listId: listId.optional().meta({ description: 'The audience: a ready contact list of the team' }),
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
    texts: z.array(z.string()),
    media: z
      .object({ type: z.string().nullable() })
      .nullable()
      .meta({ description: 'The attached file, added in Disparo (the API does not upload media yet)' }),
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

const messageStatus = z.enum([
  'pending',
  'queued',
  'sending',
  'sent',
  'delivered',
  'read',
  'failed',
  'unknown',
  'skipped',
])

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

// ── Opt-outs (scopes contacts:read / contacts:write) ─────────────────────────────────────────────

export const OptOutSchema = z
  .object({
    id: z.int(),
    phone: z.string().meta({ description: 'E.164', example: '+5511987654321' }),
    reason: z.enum(['opt_out', 'manual', 'erased', 'import']).meta({
      description:
        'opt_out: the person asked (a reply such as SAIR); manual: added by the team or the API; erased: LGPD erasure; import: from an imported list',
    }),
    source: z.string().nullable(),
    note: z.string().nullable(),
    createdAt: isoTime,
  })
  .meta({ id: 'OptOut' })

export const AddOptOutSchema = z
  .object({
    phone: z.string().min(1).max(40).meta({ example: '(11) 98765-4321' }),
    note: z.string().max(300).optional(),
  })
  .strict()
  .meta({ id: 'AddOptOutRequest' })

export const OptOutsQuerySchema = z.object({
  phone: z.string().max(40).optional().meta({ description: 'Only this phone (any usual format)' }),
  cursor,
  limit,
})

export const RemoveOptOutQuerySchema = z.object({
  reason: z.string().trim().min(1).max(500).meta({
    description: 'Why the number may be messaged again (kept in the audit log)',
    example: 'Cliente pediu para voltar a receber',
  }),
})

// ── Single messages (scope messages:send) ────────────────────────────────────────────────────────

export const SendMessageSchema = z
  .object({
    phone: z.string().min(1).max(40).meta({ example: '(11) 98765-4321' }),
    text: z.string().min(1).max(8192).meta({
      description: 'Sent as written (no {{variables}}); up to 4,096 characters',
      example: 'Seu pedido 1234 saiu para entrega.',
    }),
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

// ── WhatsApp sessions (scope sessions:manage) ────────────────────────────────────────────────────

export const SessionSchema = z
  .object({
    id: z.string().meta({ example: 'wses_9f3k2m1q8r7t6v5x' }),
    displayName: z.string(),
    sessionName: z.string().meta({ description: 'The session name on the WAHA server' }),
    serverUrl: z.string(),
    phone: z.string().nullable().meta({ description: 'The connected number (E.164), once paired' }),
    status: z.string().meta({
      description:
        'WAHA status: STARTING, SCAN_QR_CODE, WORKING, FAILED, STOPPED; NOT_FOUND when WAHA lost it',
    }),
    isPrimary: z.boolean(),
    apiKeyTail: z
      .string()
      .nullable()
      .meta({ description: 'The end of the WAHA key (the key itself is never returned)' }),
    health: z
      .object({
        state: z
          .string()
          .meta({ description: 'The number guard’s regime (saudavel, atencao, risco, pausada…)' }),
        score: z.int().meta({ description: '0–100' }),
        pausedUntil: isoTime.nullable().meta({ description: 'End of a cool-down the guard imposed' }),
        evaluatedAt: isoTime,
      })
      .nullable()
      .meta({ description: 'Null until the guard first assesses the number' }),
    lastError: z.string().nullable(),
    lastConnectedAt: isoTime.nullable(),
    createdAt: isoTime,
  })
  .meta({ id: 'Session' })

export const SessionLiveSchema = z
  .object({
    status: z.string(),
    phone: z.string().nullable(),
    qr: z
      .string()
      .nullable()
      .meta({ description: 'While SCAN_QR_CODE: the QR code as a data: URL (PNG) to show to the phone' }),
    error: z.string().nullable().meta({ description: 'Set when WAHA could not be asked right now' }),
  })
  .meta({ id: 'SessionLive' })

export const CreateSessionRequestSchema = z
  .object({
    displayName: z.string().max(80).meta({ example: 'Loja Centro' }),
    serverUrl: z.string().max(2048).meta({ example: 'https://waha.example.com' }),
    sessionName: z.string().max(64).meta({ example: 'loja-centro' }),
    apiKey: z
      .string()
      .max(512)
      .optional()
      .meta({ description: 'The WAHA key; stored sealed, never returned' }),
    isPrimary: z.boolean().optional(),
    failoverEnabled: z.boolean().optional(),
    failoverPriority: z.int().optional(),
    maxPerMinute: z.int().optional(),
    minDelayS: z.int().optional(),
    maxDelayS: z.int().optional(),
    dailyCap: z.int().optional(),
    windowDays: z.array(z.int()).optional(),
    windowStart: hhmm.optional(),
    windowEnd: hhmm.optional(),
    mediaMode: z.enum(['url', 'base64']).optional(),
    warmupEnabled: z.boolean().optional(),
    warmupStartCap: z.int().optional(),
    warmupDays: z.int().optional(),
    packageMin: z.int().optional(),
    packageMax: z.int().optional(),
    restMinMin: z.int().optional(),
    restMaxMin: z.int().optional(),
    firstContactDailyBudget: z.int().optional(),
  })
  .strict()
  .meta({
    id: 'CreateSessionRequest',
    description: 'Fields left out take the defaults of the "Nova sessão" form (pacing, window, protections).',
  })

export const PairingCodeRequestSchema = z
  .object({ phone: z.string().min(1).max(40).meta({ example: '5511987654321' }) })
  .strict()
  .meta({ id: 'PairingCodeRequest' })

export const PairingCodeSchema = z
  .object({
    code: z
      .string()
      .meta({ description: 'Type it on the phone: WhatsApp → Linked devices → Link with phone number' }),
  })
  .meta({ id: 'PairingCode' })

export const SessionIdParamSchema = z.object({ id: z.string().max(60) })

export const DeleteSessionQuerySchema = z.object({
  onlyLocal: z.enum(['true', 'false']).optional().meta({
    description: 'true: remove it from Disparo even when WAHA cannot be reached (it stays on WAHA)',
  }),
})

// ── AI providers (scope ai:use) ──────────────────────────────────────────────────────────────────

const aiPlatform = z.enum([
  'groq',
  'openrouter',
  'deepseek',
  'mistral',
  'qwen',
  'ollama',
  'openai-compatible',
])

export const AiProviderSchema = z
  .object({
    id: z.string().meta({ example: 'aip_3k9m2q8r7t6v5x4z' }),
    platform: aiPlatform,
    name: z.string(),
    baseUrl: z.string(),
    model: z.string().nullable(),
    hasKey: z.boolean(),
    keyMask: z
      .string()
      .nullable()
      .meta({ description: 'The end of the key; the key itself is never returned' }),
    status: z.enum(['untested', 'active', 'error']),
    lastTestedAt: isoTime.nullable(),
    lastError: z.string().nullable(),
    isDefault: z.boolean(),
  })
  .meta({ id: 'AiProvider' })

export const SaveAiProviderSchema = z
  .object({
    id: z
      .string()
      .max(64)
      .optional()
      .meta({ description: 'Given: updates that provider; absent: creates one' }),
    platform: aiPlatform,
    name: z.string().max(80).optional().meta({ description: 'Required for openai-compatible' }),
    baseUrl: z.string().max(2048).meta({ example: 'https://api.groq.com/openai/v1' }),
    apiKey: z.string().max(512).optional().meta({
      description: 'Write-only: stored sealed, never returned. Left out on an update: the stored key stays',
    }),
    model: z.string().max(200).optional(),
  })
  .strict()
  .meta({ id: 'SaveAiProviderRequest' })

export const AiProviderTestSchema = z
  .object({
    ok: z.boolean(),
    model: z.string().nullable(),
    latencyMs: z.int().nullable(),
    models: z.array(z.string()).meta({ description: 'What the provider offers (a few)' }),
    error: z.string().nullable().meta({ description: 'Why the test failed, in the caller’s language' }),
    provider: AiProviderSchema,
  })
  .meta({ id: 'AiProviderTest' })

export const DraftVariantsSchema = z
  .object({
    brief: z.string().min(1).max(2000).meta({ example: 'Tênis com 20% de desconto até domingo' }),
    tone: z
      .string()
      .max(40)
      .optional()
      .meta({ description: 'amigavel, profissional, divertido, urgente, or free text' }),
    count: z.int().min(1).max(10).optional().meta({ description: 'Default 3' }),
    providerId: z.string().max(64).optional().meta({ description: "Default: the team's default provider" }),
  })
  .strict()
  .meta({ id: 'DraftVariantsRequest' })

export const DraftVariantsResultSchema = z
  .object({
    variants: z.array(z.string()).meta({
      description: 'Texts to use as a campaign’s texts ({{nome}} and the list columns are variables)',
    }),
    providerId: z.string(),
    model: z.string().nullable(),
  })
  .meta({ id: 'DraftVariantsResult' })

export const AiProviderIdParamSchema = z.object({ id: z.string().max(64) })
