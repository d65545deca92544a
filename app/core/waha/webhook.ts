// WAHA webhooks (CONTRACT §7): HMAC verification over the exact raw bytes, and safe parsing of the
// envelope and the events Disparo applies, normalised across engines:
// - chat id: GOWS/NOWEB put the chat in `from` (to = null); WEBJS puts you in `from` and the chat in
//   `to` for your own messages. The chat of a message is `fromMe ? (to ?? from) : from`; for acks the
//   serialized message id (`true_<chatId>_<key>`) is the most reliable source.
// - acks: number and/or name, -1 ERROR … 4 PLAYED, anything else UNKNOWN.
// - `@lid` senders are kept as they are (`senderIsLid`), to be resolved through the lids endpoint.
// - message.edited / message.revoked (Respostas, decision 032) name the message they change by its key
//   (`editedMessageId`, `revokedMessageId`; a serialized id is reduced to its key).

import { chatIdKind } from './chat-id'
import { parseMessageId } from './message-id'
import {
  type AckName,
  AckPayloadSchema,
  EditedPayloadSchema,
  EnvelopeSchema,
  MessagePayloadSchema,
  normaliseAck,
  PollVotePayloadSchema,
  RevokedPayloadSchema,
  SessionStatusPayloadSchema,
} from './webhook-schemas'

export { normaliseAck } from './webhook-schemas'

/** Envelope fields common to every event. `id` is the dedupe key. */
interface WahaEventEnvelope {
  id: string | null
  /** Milliseconds. */
  timestamp: number | null
  event: string
  session: string
  metadata: Record<string, string>
  me: { id: string; pushName: string | null; lid: string | null; jid: string | null } | null
  engine: string | null
}

/** A message (incoming or own) normalised across engines. */
export interface WahaMessage {
  id: string
  /** Seconds (as WAHA sends it). */
  timestamp: number | null
  chatId: string | null
  senderId: string | null
  senderIsLid: boolean
  isGroup: boolean
  fromMe: boolean
  source: string | null
  body: string
  hasMedia: boolean
  mediaUrl: string | null
  /** WAHA's media description (downloaded media only), or null. */
  media: { url: string | null; mimetype: string | null; filename: string | null } | null
  location: { latitude: string | null; longitude: string | null; name: string | null } | null
  ack: number | null
  ackName: AckName
  replyToId: string | null
}

/** A delivery/read receipt for a message id. */
export interface WahaAck {
  messageId: string
  chatId: string | null
  participant: string | null
  fromMe: boolean | null
  ack: number | null
  ackName: AckName
}

/**
 * A vote on a poll (poll.vote), or one WhatsApp could not decrypt (poll.vote.failed: no options).
 * `pollId` names the poll message as we sent it; `voterId` is the person (a `@c.us` or `@lid` chat id;
 * in groups the participant); `votedAt` is in ms (WAHA sends seconds, its spec says ms: both read).
 */
export interface WahaPollVote {
  pollId: string
  pollFromMe: boolean
  voterId: string | null
  selected: string[]
  votedAt: number | null
}

/** A parsed webhook event; events Disparo does not use come back as 'ignored'. */
export type WahaEvent =
  | {
      type: 'session.status'
      envelope: WahaEventEnvelope
      status: string
      statuses: { status: string; timestamp: number | null }[]
    }
  | { type: 'message' | 'message.any'; envelope: WahaEventEnvelope; message: WahaMessage }
  | { type: 'message.edited'; envelope: WahaEventEnvelope; message: WahaMessage; editedKey: string | null }
  | {
      type: 'message.revoked'
      envelope: WahaEventEnvelope
      revokedKey: string | null
      chatId: string | null
      fromMe: boolean
    }
  | { type: 'message.ack' | 'message.ack.group'; envelope: WahaEventEnvelope; ack: WahaAck }
  | { type: 'poll.vote' | 'poll.vote.failed'; envelope: WahaEventEnvelope; vote: WahaPollVote }
  | { type: 'ignored'; envelope: WahaEventEnvelope }

/** Result of parseWahaEvent. */
export type ParseWahaEventResult = { ok: true; event: WahaEvent } | { ok: false; message: string }

const encoder = new TextEncoder()

function toBytes(raw: ArrayBuffer | Uint8Array | string): Uint8Array<ArrayBuffer> {
  if (typeof raw === 'string') return encoder.encode(raw)
  if (raw instanceof Uint8Array) return new Uint8Array(raw)
  return new Uint8Array(raw)
}

/** The HMAC-SHA512 key of a session's webhook secret (import once, verify many). */
export function importWebhookKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-512' }, false, [
    'verify',
  ])
}

/**
 * Verifies `X-Webhook-Hmac` (lower- or upper-case hex HMAC-SHA512 of the exact body bytes) in
 * constant time via WebCrypto. Pass the raw bytes: a string is UTF-8 encoded, so only pass one that
 * was decoded from those bytes unchanged. `secret` may be the key from importWebhookKey.
 */
export async function verifyWebhookHmac(
  rawBody: ArrayBuffer | Uint8Array | string,
  headerHex: string | null,
  secret: string | CryptoKey,
): Promise<boolean> {
  if (!headerHex || !secret) return false
  const hex = headerHex.trim().toLowerCase()
  if (!/^[0-9a-f]{128}$/.test(hex)) return false
  const signature = new Uint8Array(64)
  for (let i = 0; i < 64; i++) signature[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16)
  const key = typeof secret === 'string' ? await importWebhookKey(secret) : secret
  return crypto.subtle.verify('HMAC', key, signature, toBytes(rawBody))
}

const describe = (issues: { path: PropertyKey[]; message: string }[]) =>
  issues
    .slice(0, 3)
    .map((i) => `${i.path.map(String).join('.') || '(raiz)'}: ${i.message}`)
    .join('; ')

/** Parses a webhook body (already JSON-decoded) into a WahaEvent; never throws. */
export function parseWahaEvent(json: unknown): ParseWahaEventResult {
  const envelopeResult = EnvelopeSchema.safeParse(json)
  if (!envelopeResult.success) {
    return { ok: false, message: `Evento do WAHA inválido: ${describe(envelopeResult.error.issues)}` }
  }
  const { payload, ...rest } = envelopeResult.data
  const envelope: WahaEventEnvelope = rest
  const fail = (issues: { path: PropertyKey[]; message: string }[]) => ({
    ok: false as const,
    message: `Evento ${envelope.event} do WAHA inválido: ${describe(issues.map((i) => ({ ...i, path: ['payload', ...i.path] })))}`,
  })

  switch (envelope.event) {
    case 'session.status': {
      const parsed = SessionStatusPayloadSchema.safeParse(payload)
      if (!parsed.success) return fail(parsed.error.issues)
      const { status, statuses } = parsed.data
      return { ok: true, event: { type: 'session.status', envelope, status, statuses } }
    }
    case 'message':
    case 'message.any': {
      const parsed = MessagePayloadSchema.safeParse(payload)
      if (!parsed.success) return fail(parsed.error.issues)
      return {
        ok: true,
        event: { type: envelope.event, envelope, message: toMessage(parsed.data, envelope) },
      }
    }
    case 'message.edited': {
      const parsed = EditedPayloadSchema.safeParse(payload)
      if (!parsed.success) return fail(parsed.error.issues)
      const message = toMessage(parsed.data, envelope)
      const editedKey = keyOf(parsed.data.editedMessageId)
      return { ok: true, event: { type: 'message.edited', envelope, message, editedKey } }
    }
    case 'message.revoked': {
      const parsed = RevokedPayloadSchema.safeParse(payload)
      if (!parsed.success) return fail(parsed.error.issues)
      const around = parsed.data.after ?? parsed.data.before
      const message = around ? toMessage(around, envelope) : null
      return {
        ok: true,
        event: {
          type: 'message.revoked',
          envelope,
          revokedKey: keyOf(parsed.data.revokedMessageId),
          chatId: message?.chatId ?? null,
          fromMe: message?.fromMe ?? false,
        },
      }
    }
    case 'message.ack':
    case 'message.ack.group': {
      const parsed = AckPayloadSchema.safeParse(payload)
      if (!parsed.success) return fail(parsed.error.issues)
      const p = parsed.data
      const meId = envelope.me?.id ?? null
      const fallbackChat = p.to && (p.from === null || p.from === meId) ? p.to : p.from
      const ack: WahaAck = {
        messageId: p.id,
        chatId: parseMessageId(p.id)?.chatId ?? fallbackChat,
        participant: p.participant,
        fromMe: p.fromMe,
        ...normaliseAck(p.ack, p.ackName),
      }
      return { ok: true, event: { type: envelope.event, envelope, ack } }
    }
    case 'poll.vote':
    case 'poll.vote.failed': {
      const parsed = PollVotePayloadSchema.safeParse(payload)
      if (!parsed.success) return fail(parsed.error.issues)
      const { vote, poll } = parsed.data
      const ts = vote.timestamp
      const pollVote: WahaPollVote = {
        pollId: poll.id,
        pollFromMe: poll.fromMe !== false,
        voterId: vote.participant ?? vote.from,
        selected: envelope.event === 'poll.vote' ? vote.selectedOptions : [],
        votedAt: ts === null ? null : ts < 1e12 ? ts * 1000 : ts,
      }
      return { ok: true, event: { type: envelope.event, envelope, vote: pollVote } }
    }
    default:
      return { ok: true, event: { type: 'ignored', envelope } }
  }
}

type MessagePayload = ReturnType<typeof MessagePayloadSchema.parse>

/** A WAMessage payload normalised across engines (see the header for the chat id rule). */
function toMessage(p: MessagePayload, envelope: WahaEventEnvelope): WahaMessage {
  const chatId = (p.fromMe ? (p.to ?? p.from) : p.from) ?? parseMessageId(p.id)?.chatId ?? null
  const isGroup = chatId !== null && chatIdKind(chatId) === 'group'
  const senderId = isGroup ? p.participant : p.fromMe ? (envelope.me?.id ?? null) : p.from
  return {
    id: p.id,
    timestamp: p.timestamp,
    chatId,
    senderId,
    senderIsLid: senderId !== null && chatIdKind(senderId) === 'lid',
    isGroup,
    fromMe: p.fromMe,
    source: p.source,
    body: p.body ?? '',
    hasMedia: p.hasMedia,
    mediaUrl: p.media?.url ?? null,
    media: p.media,
    location: p.location
      ? { latitude: p.location.latitude, longitude: p.location.longitude, name: p.location.name }
      : null,
    ...normaliseAck(p.ack, p.ackName),
    replyToId: p.replyTo?.id ?? null,
  }
}

/** The key of a message id: WAHA names edited/revoked messages by key, some engines by the full id. */
function keyOf(id: string | null): string | null {
  if (!id) return null
  return parseMessageId(id)?.key ?? id
}

/** Parses a raw webhook body (text) into a WahaEvent; invalid JSON is a failure, not a throw. */
export function parseWahaEventText(text: string): ParseWahaEventResult {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return { ok: false, message: 'Evento do WAHA inválido: o corpo não é JSON.' }
  }
  return parseWahaEvent(json)
}
