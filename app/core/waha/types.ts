// Types and tolerant response schemas for the WAHA endpoints Disparo uses (CONTRACT §3, §4, §6).
// Schemas accept engine differences and the spec's null quirks: unknown fields are ignored and
// optional fields may be null or missing.

import { z } from 'zod'

/** Session statuses (CONTRACT §3); servers may add more, so parsed values stay plain strings. */
export const WAHA_SESSION_STATUSES = [
  'STOPPED',
  'STARTING',
  'SCAN_QR_CODE',
  'PASSKEY_REQUIRED',
  'PASSKEY_CONFIRMATION_REQUIRED',
  'WORKING',
  'FAILED',
] as const

/**
 * Version of the event list below, stored per session (waha_sessions.webhook_events_version): raise it
 * when an event is added, so sessions registered with an older list say so. 2: poll votes (decision 038).
 */
export const DISPARO_WEBHOOK_EVENTS_VERSION = 2

/** Webhook events Disparo subscribes to by default. */
const DISPARO_WEBHOOK_EVENTS = [
  'session.status',
  'message',
  'message.any',
  'message.ack',
  'message.edited',
  'message.revoked',
  'poll.vote',
  'poll.vote.failed',
] as const

/**
 * Whether a webhook of ours misses an event Disparo subscribes to now: sessions registered before an
 * event was added (poll.vote came with polls, decision 038) do not get it until the webhook is updated.
 */
export function lacksDisparoEvents(hook: Pick<WahaWebhookConfig, 'events'>): boolean {
  const events = Array.isArray(hook.events) ? hook.events : []
  return !events.includes('*') && DISPARO_WEBHOOK_EVENTS.some((e) => !events.includes(e))
}

/** One entry of `config.webhooks[]`. */
export interface WahaWebhookConfig {
  url: string
  events: string[]
  hmac?: { key: string }
  retries?: { policy: 'constant' | 'linear' | 'exponential'; delaySeconds: number; attempts: number }
  customHeaders?: { name: string; value: string }[]
}

/** `SessionConfig` (only the parts Disparo sets are typed; the rest passes through). */
export interface WahaSessionConfig {
  metadata?: Record<string, string>
  webhooks?: WahaWebhookConfig[]
  webjs?: { tagsEventsOn?: boolean }
  [key: string]: unknown
}

const nullableString = z
  .string()
  .nullish()
  .transform((v) => v ?? null)

const ReachoutTimelockSchema = z.object({
  enforcementType: nullableString,
  isActive: z.boolean().nullish(),
  timeEnforcementEnds: z.number().nullish(),
})

/** `MeInfo` (+ the forward-looking `reachoutTimelock`). */
export const WahaMeSchema = z.object({
  id: z.string(),
  pushName: nullableString,
  lid: nullableString,
  jid: nullableString,
  reachoutTimelock: ReachoutTimelockSchema.nullish().transform((v) => v ?? null),
})

/** The logged-in account of a session. */
export type WahaMe = z.infer<typeof WahaMeSchema>

/** `SessionInfo` / `SessionDTO`. */
export const WahaSessionInfoSchema = z.object({
  name: z.string(),
  status: z.string(),
  config: z
    .record(z.string(), z.unknown())
    .nullish()
    .transform((v) => (v ?? null) as WahaSessionConfig | null),
  me: WahaMeSchema.nullish()
    .catch(null)
    .transform((v) => v ?? null),
  presence: z
    .unknown()
    .transform((v) => (typeof v === 'string' ? v : null))
    .optional()
    .transform((v) => v ?? null),
  engine: z
    .unknown()
    .optional()
    .transform((v) => {
      if (typeof v === 'string') return v
      const inner = v && typeof v === 'object' ? (v as { engine?: unknown }).engine : null
      return typeof inner === 'string' ? inner : null
    }),
})

/** A session as reported by WAHA. */
export type WahaSessionInfo = z.infer<typeof WahaSessionInfoSchema>

/** `GET /api/server/version` (`WAHAEnvironment`). */
export const WahaVersionSchema = z.object({
  version: z.string(),
  engine: nullableString,
  tier: nullableString,
  browser: nullableString,
  platform: nullableString,
})

/** The WAHA server version and engine. */
export type WahaServerVersion = z.infer<typeof WahaVersionSchema>

/** `GET /api/contacts/check-exists`. */
export const WahaCheckExistsSchema = z.object({
  numberExists: z.boolean(),
  chatId: nullableString,
})

/** Whether a phone is on WhatsApp and the chat id to send to (Brazil: may lack the 9th digit). */
export type WahaCheckExists = z.infer<typeof WahaCheckExistsSchema>

/** `GET /api/{session}/lids/{lid}` and `/lids/pn/{phone}`. */
export const WahaLidSchema = z.object({ lid: nullableString, pn: nullableString })

/**
 * One `WAMessage` of `GET /api/{session}/chats/{chatId}/messages` (only what reconciliation reads;
 * engines differ in the rest, and `to`/`participant` are null in real payloads).
 */
export const WahaChatMessageSchema = z.object({
  id: z.string(),
  timestamp: z.number(),
  fromMe: z.boolean(),
  body: nullableString,
  hasMedia: z
    .boolean()
    .nullish()
    .transform((v) => v ?? false),
  ack: z
    .number()
    .nullish()
    .transform((v) => v ?? null),
})

/** A message of a chat, as WAHA lists it. */
export type WahaChatMessage = z.infer<typeof WahaChatMessageSchema>

/** QR as base64 JSON (`Accept: application/json`). */
export const WahaQrBase64Schema = z.object({ mimetype: z.string(), data: z.string().min(1) })

/** QR raw value (`format=raw`). */
export const WahaQrRawSchema = z.object({ value: z.string().min(1) })

/** Pairing code (`request-code`). */
export const WahaPairingCodeSchema = z.object({ code: z.string().min(1) })

/** The `file` of sendImage: a URL WAHA downloads, or plain base64 bytes (no `data:` prefix). */
export type WahaImageFile =
  | { mimetype: string; url: string; filename?: string }
  | { mimetype: string; data: string; filename?: string }

/** The `file` of sendFile / sendVideo / sendVoice: same two shapes (spec: RemoteFile / BinaryFile). */
export type WahaMediaFile = WahaImageFile

/** Result of a send: the WAHA message id when the response carried one. */
export interface WahaSendResult {
  messageId: string | null
  /** Parsed response body (engine specific) or null when empty/unreadable. */
  raw: unknown
}

/** Options to build a session config for Disparo. */
export interface SessionConfigInput {
  webhookUrl: string
  webhookSecret: string
  metadata?: Record<string, string>
  events?: readonly string[]
  retries?: WahaWebhookConfig['retries']
  customHeaders?: { name: string; value: string }[]
}

/** Builds the session config Disparo sends on create/update: HMAC webhook, explicit retries, WEBJS acks on. */
export function buildSessionConfig(input: SessionConfigInput): WahaSessionConfig {
  const webhook: WahaWebhookConfig = {
    url: input.webhookUrl,
    events: [...(input.events ?? DISPARO_WEBHOOK_EVENTS)],
    hmac: { key: input.webhookSecret },
    retries: input.retries ?? { policy: 'exponential', delaySeconds: 2, attempts: 5 },
  }
  if (input.customHeaders && input.customHeaders.length > 0) webhook.customHeaders = input.customHeaders
  return {
    ...(input.metadata ? { metadata: input.metadata } : {}),
    webhooks: [webhook],
    webjs: { tagsEventsOn: true },
  }
}
