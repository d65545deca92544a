/**
 * What happens on the "phones" after WAHA accepted a message: message.any, then acks on the
 * configured timeline (per engine, CONTRACT §8), and inbound replies typed by a contact.
 */
import { lookupContact, recipientOf } from './contacts'
import { ackPayload, emitsAck, initialOwnAck, messagePayload } from './engines'
import { newPhoneMessageKey } from './ids'
import { onInbound } from './reputation'
import { engineOf, type Sim } from './sim-state'
import type { SimMessage, SimSession } from './types'
import { emitEvent } from './webhooks'

/** Runs `fn` now if the session is WORKING, else when it is WORKING again (acks wait for reconnect). */
function whenWorking(sim: Sim, session: SimSession, fn: () => void) {
  if (sim.sessions.get(session.name) !== session) return
  if (session.status === 'WORKING') fn()
  else session.pending.push(fn)
}

/** Moves an own message's ack forward (never back) and emits message.ack if the engine does. */
function applyAck(sim: Sim, session: SimSession, message: SimMessage, ack: number) {
  if (ack !== -1 && message.ack >= ack) return
  if (ack === -1 && message.ack >= 2) return
  message.ack = ack
  const engine = engineOf(sim, session)
  if (emitsAck(engine, ack, session.config?.webjs?.tagsEventsOn === true)) {
    emitEvent(sim, session, 'message.ack', ackPayload(engine, message, ack, session.paired, sim.now()))
  }
}

export interface OutboundOptions {
  /** Accepted but never reaches a phone. */
  silent?: boolean
  /** WhatsApp answers with a server-error receipt (ack -1). */
  ackError?: boolean
}

/** Schedules message.any and the acks of a message WAHA just accepted. */
export function scheduleOutbound(
  sim: Sim,
  session: SimSession,
  message: SimMessage,
  options: OutboundOptions,
) {
  const { timings } = sim.settings
  const later = (ms: number, fn: () => void) => sim.scheduler.after(ms, () => whenWorking(sim, session, fn))
  message.ack = initialOwnAck(engineOf(sim, session))
  later(timings.messageAnyDelayMs, () =>
    emitEvent(
      sim,
      session,
      'message.any',
      messagePayload(engineOf(sim, session), message, session.paired, sim.now()),
    ),
  )
  if (options.ackError) {
    message.delivered = false
    later(timings.serverAckMs, () => applyAck(sim, session, message, -1))
    return
  }
  later(timings.serverAckMs, () => applyAck(sim, session, message, 1))
  const contact = recipientOf(sim, message.chatId)
  message.delivered = contact !== null && !options.silent
  if (!message.delivered || contact?.acks === 'none') return
  later(timings.deviceAckMs, () => applyAck(sim, session, message, 2))
  if (contact?.acks === 'read') later(timings.readAckMs, () => applyAck(sim, session, message, 3))
}

export interface ReplyInput {
  /** Phone digits (any format) or a chat id; the contact who types. */
  from: string
  text: string
  /** The reply comes from the contact's @lid instead of @c.us. */
  asLid?: boolean
  /** Serialized id of the own message being quoted. */
  replyTo?: string
  pushName?: string
  /**
   * A file the contact sends (photo, voice note, video, document), with `text` as its caption. WAHA
   * keeps it at `<origin>/api/files/<session>/<message id>.<ext>` (behind the API key) and puts that
   * URL in the `message` event's `media` (WAMedia). Approximation: the file stays for the simulator's
   * life, where WAHA deletes it after WHATSAPP_FILES_LIFETIME (180 s by default).
   */
  media?: { mimetype: string; filename?: string; bytes: Uint8Array; origin: string }
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
  'audio/ogg': 'oga',
  'audio/mpeg': 'mp3',
  'video/mp4': 'mp4',
  'application/pdf': 'pdf',
}

/** The file name WAHA gives a downloaded media: the message id and an extension from the mimetype. */
export function mediaFileName(messageId: string, mimetype: string): string {
  const bare = mimetype.split(';')[0]!.trim()
  return `${messageId}.${EXTENSIONS[bare] ?? bare.split('/')[1]?.replace(/[^a-z0-9]/g, '') ?? 'bin'}`
}

/** A contact typed `text` on their phone: `message` + `message.any` (fromMe false). */
export function injectReply(sim: Sim, session: SimSession, input: ReplyInput): SimMessage | string {
  if (session.status !== 'WORKING')
    return `A sessão '${session.name}' não está conectada (status ${session.status}).`
  if (input.text.trim() === '' && !input.media) return 'O texto da resposta está vazio.'
  const lidSender = input.from.endsWith('@lid') ? sim.knownLids.get(input.from) : undefined
  const contact = lookupContact(sim, lidSender ?? input.from)
  if (!contact.exists) return `O número ${input.from} não está no WhatsApp (regras de números do simulador).`
  const chatId = input.asLid || lidSender ? contact.lid : `${contact.chatDigits}@c.us`
  const quoted = input.replyTo ? session.messages.find((m) => m.id === input.replyTo && m.fromMe) : undefined
  const key = newPhoneMessageKey(sim.random)
  const message: SimMessage = {
    id: `false_${chatId}_${key}`,
    key,
    session: session.name,
    chatId,
    fromMe: false,
    type: 'text',
    body: input.text,
    ack: 2,
    timestamp: Math.floor(sim.now() / 1000),
    delivered: true,
    pushName: input.pushName ?? contact.pushName,
    replyTo: quoted ? { key: quoted.key, body: quoted.body, hasMedia: quoted.type !== 'text' } : null,
  }
  if (input.media) {
    const file = mediaFileName(message.id, input.media.mimetype)
    message.media = {
      mimetype: input.media.mimetype,
      filename: input.media.filename,
      size: input.media.bytes.length,
      source: 'base64',
      url: `${input.media.origin}/api/files/${encodeURIComponent(session.name)}/${encodeURIComponent(file)}`,
    }
    sim.media.set(message.id, { mimetype: input.media.mimetype, bytes: input.media.bytes })
  }
  session.messages.push(message)
  onInbound(sim, session, contact.chatDigits, input.text)
  // Whoever answers has read the chat: READ for own messages still below it (if receipts are on).
  if (contact.acks === 'read') {
    for (const own of session.messages) {
      if (
        own.fromMe &&
        own.delivered &&
        own.ack >= 1 &&
        own.ack < 3 &&
        sameContact(sim, own.chatId, contact.chatDigits)
      ) {
        applyAck(sim, session, own, 3)
      }
    }
  }
  const payload = messagePayload(engineOf(sim, session), message, session.paired, sim.now())
  emitEvent(sim, session, 'message', payload)
  emitEvent(sim, session, 'message.any', payload)
  return message
}

function sameContact(sim: Sim, chatId: string, chatDigits: string) {
  return recipientOf(sim, chatId)?.chatDigits === chatDigits
}
