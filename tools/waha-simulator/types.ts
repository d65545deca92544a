/**
 * Shared types of the WAHA simulator: WAHA's own vocabulary (statuses, engines, configs) and the
 * simulator's in-memory records. Field names follow the WAHA OpenAPI spec (../shared/waha/openapi.json).
 */

export const ENGINES = ['GOWS', 'NOWEB', 'WEBJS'] as const
export type Engine = (typeof ENGINES)[number]

const SESSION_STATUSES = [
  'STOPPED',
  'STARTING',
  'SCAN_QR_CODE',
  'PASSKEY_REQUIRED',
  'PASSKEY_CONFIRMATION_REQUIRED',
  'WORKING',
  'FAILED',
] as const
export type SessionStatus = (typeof SESSION_STATUSES)[number]

/** ack value → ackName (waha: src/structures/enums.dto.ts). */
export const ACK_NAMES: Record<number, string> = {
  [-1]: 'ERROR',
  0: 'PENDING',
  1: 'SERVER',
  2: 'DEVICE',
  3: 'READ',
  4: 'PLAYED',
}

export const RETRY_POLICIES = ['linear', 'exponential', 'constant'] as const
type RetryPolicy = (typeof RETRY_POLICIES)[number]

export interface WebhookConfig {
  url: string
  events: string[]
  hmac?: { key?: string | null } | null
  retries?: { policy?: RetryPolicy; delaySeconds?: number; attempts?: number } | null
  customHeaders?: { name: string; value: string }[] | null
}

export interface SessionConfig {
  metadata?: Record<string, string>
  webhooks?: WebhookConfig[]
  webjs?: { tagsEventsOn?: boolean }
  [key: string]: unknown
}

export interface MeInfo {
  id: string
  pushName: string
  lid?: string
  jid?: string
}

export interface ReachoutTimelock {
  enforcementType: string
  isActive: boolean
  timeEnforcementEnds: number
}

export interface MediaInfo {
  mimetype: string
  filename?: string
  size: number
  source: 'url' | 'base64'
  url?: string
  /** Content-Type the media URL answered with (url source only). */
  contentType?: string
}

/** What a message carries: WAHA's sendText, sendImage, sendFile, sendVideo and sendVoice. */
export type MessageType = 'text' | 'image' | 'document' | 'video' | 'voice' | 'poll'

export interface SimMessage {
  /** Serialized WAHA id: `{fromMe}_{chatId}_{key}`. */
  id: string
  key: string
  session: string
  /** Chat as WAHA names it: the request's chatId for sends, the sender's chat for inbound. */
  chatId: string
  fromMe: boolean
  type: MessageType
  /** Text, or the caption of an image, document or video (a voice note has none). */
  body: string
  media?: MediaInfo
  /** sendText's `linkPreview` as asked (WAHA's default: true). */
  linkPreview?: boolean
  /** sendVideo / sendVoice's `convert` as asked (ffmpeg re-encoding; approximated: bytes kept as sent). */
  convert?: boolean
  ack: number
  /** Seconds, like WAMessage.timestamp. */
  timestamp: number
  /** Whether a phone really got it (false: wrong BR variant, not on WhatsApp, silent failure). */
  delivered: boolean
  pushName?: string
  replyTo?: { key: string; body: string; hasMedia: boolean } | null
  /** sendPoll's poll (the question is `body`), and the contact's current choice (empty: none). */
  poll?: { name: string; options: string[]; multipleAnswers: boolean; selected: string[] }
  /** The contact edited it (message.edited) or deleted it for everyone (message.revoked). */
  edited?: boolean
  revoked?: boolean
}

export interface SimSession {
  name: string
  status: SessionStatus
  statuses: { status: SessionStatus; timestamp: number }[]
  config?: SessionConfig
  apps?: unknown
  /** The linked account (WAHA's auth data). Survives stop/start; cleared by logout. */
  paired: MeInfo | null
  activityAt: number | null
  qr: { value: string; rotations: number } | null
  pairingCode: { code: string; phone: string } | null
  /** Bumped on every start/stop so stale lifecycle timers do nothing. */
  epoch: number
  messages: SimMessage[]
  /** Events (acks) that fell while the session was not WORKING; replayed when it is again. */
  pending: (() => void)[]
  reachoutTimelock: ReachoutTimelock | null
}

export type MessageEndpoint = 'sendText' | 'sendImage' | 'sendFile' | 'sendVideo' | 'sendVoice' | 'sendPoll'
export type SendEndpoint = MessageEndpoint | 'sendSeen' | 'startTyping' | 'stopTyping'

export interface SendRecord {
  at: number
  session: string
  chatId: string
  endpoint: SendEndpoint
  /** sent: WhatsApp took it; failed: error answered, nothing sent; hung: sent, answer delayed. */
  outcome: 'sent' | 'failed' | 'hung'
  status: number
  messageId?: string
  failure?: string
}

export interface WebhookDelivery {
  at: number
  session: string
  event: string
  eventId: string
  requestId: string
  url: string
  attempt: number
  status?: number
  error?: string
}

export type AckBehaviour = 'read' | 'device' | 'none'

/** Per-number override of the check-exists registry rules (see contacts.ts). */
export interface RegistryEntry {
  exists?: boolean
  legacy?: boolean
  lid?: string
  acks?: AckBehaviour
  pushName?: string
}
