// The /api/v1 shapes of WhatsApp sessions and AI providers (see schemas.ts).
import { z } from 'zod'
import { AI_PLATFORMS } from '../ai/platforms'
import { isoTime } from './schemas'
import { hhmm } from './schemas-campaigns'

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

const aiPlatform = z.enum(AI_PLATFORMS)

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
