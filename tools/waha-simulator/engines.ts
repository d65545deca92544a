/**
 * Engine profiles: what GOWS, NOWEB and WEBJS answer to a send and put in message / message.any /
 * message.ack payloads (CONTRACT §5, §7, §8; shapes copied from contract/examples/*.json).
 */
import type { Engine, MeInfo, SimMessage } from './types'
import { ACK_NAMES } from './types'

/** `5511...@c.us` → `5511...@s.whatsapp.net` (the raw jid inside `_data`). */
const toJid = (chatId: string) => chatId.replace(/@c\.us$/, '@s.whatsapp.net')

const ackName = (ack: number) => ACK_NAMES[ack] ?? 'UNKNOWN'
const isoSeconds = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`

/** Whether the message carries a file (WAMessage.hasMedia). */
const hasMedia = (message: Pick<SimMessage, 'type'>) => message.type !== 'text' && message.type !== 'poll'

/** whatsapp-web.js' `type` of the message (a voice note is `ptt`). */
const webjsType = (message: SimMessage) =>
  ({
    text: 'chat',
    image: 'image',
    document: 'document',
    video: 'video',
    voice: 'ptt',
    poll: 'poll_creation',
  })[message.type]

/** The WhatsApp protobuf content of the message, as GOWS and NOWEB put it in `_data` / `message`. */
function rawContent(message: SimMessage) {
  const mimetype = message.media?.mimetype
  if (message.type === 'image') {
    return { imageMessage: { mimetype: mimetype ?? 'image/jpeg', caption: message.body } }
  }
  if (message.type === 'document') {
    const fileName = message.media?.filename ?? ''
    return { documentMessage: { mimetype, fileName, title: fileName, caption: message.body } }
  }
  if (message.type === 'video')
    return { videoMessage: { mimetype: mimetype ?? 'video/mp4', caption: message.body } }
  if (message.type === 'voice') return { audioMessage: { mimetype: 'audio/ogg; codecs=opus', ptt: true } }
  if (message.type === 'poll' && message.poll) {
    const options = message.poll.options.map((optionName) => ({ optionName }))
    const selectableOptionsCount = message.poll.multipleAnswers ? 0 : 1
    return { pollCreationMessageV3: { name: message.poll.name, options, selectableOptionsCount } }
  }
  return message.fromMe ? { extendedTextMessage: { text: message.body } } : { conversation: message.body }
}

function webjsId(message: SimMessage) {
  return { fromMe: message.fromMe, remote: message.chatId, id: message.key, _serialized: message.id }
}

/** Body of a 201 from sendText / sendImage / sendFile / sendVideo / sendVoice. */
export function sendResponse(engine: Engine, message: SimMessage, me: MeInfo | null) {
  if (engine === 'GOWS') return { id: message.id, _data: rawContent(message) }
  if (engine === 'NOWEB') {
    return {
      key: { remoteJid: toJid(message.chatId), fromMe: true, id: message.key },
      message: rawContent(message),
      messageTimestamp: String(message.timestamp),
      status: 'PENDING',
    }
  }
  const type = webjsType(message)
  const from = me?.id ?? ''
  return {
    _data: {
      id: webjsId(message),
      body: message.body,
      type,
      t: message.timestamp,
      from,
      to: message.chatId,
      ack: 0,
    },
    id: webjsId(message),
    ack: 0,
    hasMedia: hasMedia(message),
    body: message.body,
    type,
    timestamp: message.timestamp,
    from,
    to: message.chatId,
    deviceType: 'web',
    isForwarded: false,
    forwardingScore: 0,
    isStatus: false,
    isStarred: false,
    fromMe: true,
    hasQuotedMsg: false,
    hasReaction: false,
    vCards: [],
    mentionedIds: [],
    groupMentions: [],
    isGif: false,
    links: [],
  }
}

/** The ack a fresh own message carries in message.any. */
export const initialOwnAck = (engine: Engine) => (engine === 'GOWS' ? 1 : 0)

/** Acks WAHA turns into message.ack webhooks (GOWS: none for SERVER; WEBJS only with tagsEventsOn). */
export function emitsAck(engine: Engine, ack: number, webjsTagsEventsOn: boolean): boolean {
  if (engine === 'GOWS') return ack !== 1
  if (engine === 'WEBJS') return webjsTagsEventsOn
  return true
}

function rawMessage(engine: Engine, message: SimMessage, me: MeInfo | null, nowMs: number) {
  if (engine === 'GOWS') {
    const chat = toJid(message.chatId)
    const info = {
      Chat: chat,
      Sender: message.fromMe ? (me?.jid ?? '') : chat,
      IsFromMe: message.fromMe,
      IsGroup: false,
      ID: message.key,
      ...(message.fromMe ? {} : { PushName: message.pushName ?? '', Timestamp: isoSeconds(nowMs) }),
    }
    return { Info: info, Message: rawContent(message), Status: message.fromMe ? 2 : 3 }
  }
  if (engine === 'NOWEB') {
    return {
      key: { remoteJid: toJid(message.chatId), fromMe: message.fromMe, id: message.key },
      message: rawContent(message),
      messageTimestamp: message.timestamp,
      ...(message.fromMe ? { status: 1 } : { pushName: message.pushName ?? '' }),
    }
  }
  const from = message.fromMe ? (me?.id ?? '') : message.chatId
  const to = message.fromMe ? message.chatId : (me?.id ?? '')
  return {
    id: webjsId(message),
    body: message.body,
    type: webjsType(message),
    t: message.timestamp,
    from,
    to,
    ack: message.ack,
  }
}

/** WAMessage of a `message` / `message.any` payload. */
export function messagePayload(engine: Engine, message: SimMessage, me: MeInfo | null, nowMs: number) {
  const webjs = engine === 'WEBJS'
  const replyTo = message.replyTo
    ? {
        id: message.replyTo.key,
        participant: me?.id ?? null,
        body: message.replyTo.body,
        hasMedia: message.replyTo.hasMedia,
        _data: {},
      }
    : null
  return {
    id: message.id,
    timestamp: message.timestamp,
    from: webjs && message.fromMe ? (me?.id ?? '') : message.chatId,
    fromMe: message.fromMe,
    source: message.fromMe ? 'api' : 'app',
    body: message.body,
    to: webjs ? (message.fromMe ? message.chatId : (me?.id ?? null)) : null,
    participant: null,
    // Own sends of any kind (decision 034) and files a contact sent.
    hasMedia: hasMedia(message) || message.media?.url !== undefined,
    // WAMedia of a file a contact sent (WAHA downloads it and serves it under /api/files/).
    media:
      !message.fromMe && message.media?.url
        ? {
            url: message.media.url,
            mimetype: message.media.mimetype,
            filename: message.media.filename ?? null,
            error: null,
          }
        : null,
    ack: message.ack,
    ackName: ackName(message.ack),
    location: null,
    vCards: [],
    replyTo,
    _data: rawMessage(engine, message, me, nowMs),
  }
}

/** Payload of a message.ack webhook for an own message. */
export function ackPayload(
  engine: Engine,
  message: SimMessage,
  ack: number,
  me: MeInfo | null,
  nowMs: number,
) {
  if (engine === 'WEBJS') {
    // WEBJS sends the whole message (from = you, to = recipient), example-webhook-message.ack-WEBJS.json.
    const full = messagePayload(engine, { ...message, ack }, me, nowMs)
    const { id, timestamp, from, fromMe, to, body, hasMedia, ackName: name, vCards, replyTo } = full
    const type = webjsType(message)
    const _data = { id: webjsId(message), ack, type, from, to }
    return { id, timestamp, from, fromMe, to, body, hasMedia, ack, ackName: name, vCards, replyTo, _data }
  }
  const base = {
    id: message.id,
    from: message.chatId,
    to: null,
    participant: null,
    fromMe: true,
    ack,
    ackName: ackName(ack),
  }
  if (engine === 'NOWEB') {
    return {
      ...base,
      _data: {
        key: { remoteJid: toJid(message.chatId), fromMe: true, id: message.key },
        update: { status: ack + 1 },
      },
    }
  }
  const type = ack === -1 ? 'server-error' : ack === 3 ? 'read' : ack === 4 ? 'played' : ''
  const chat = toJid(message.chatId)
  return {
    ...base,
    _data: {
      Chat: chat,
      Sender: chat,
      IsFromMe: false,
      IsGroup: false,
      MessageIDs: [message.key],
      Timestamp: isoSeconds(nowMs),
      Type: type,
    },
  }
}
