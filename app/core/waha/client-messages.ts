// WAHA messaging calls: sendText, sendImage, sendFile, sendVideo, sendVoice, sendPoll, sendSeen, typing, check-exists and LID lookups
// (CONTRACT §5, §6). Sends follow the definite/ambiguous rules in errors.ts: any 2xx counts as
// accepted (message id extracted from whatever engine shape arrived, or null), an HTML page or a
// 5xx after the request left is `ambiguous`, and bad chat ids are refused before any request.

import { z } from 'zod'
import { text } from '../../i18n/text'
import { chatIdKind, isSendableChatId } from './chat-id'
import { getJson } from './client-sessions'
import { ambiguousError, badRequestError, invalidNumberError, type WahaResult } from './errors'
import { callWaha, isHtml, type WahaClientOptions } from './http'
import { extractMessageId } from './message-id'
import {
  type WahaChatMessage,
  WahaChatMessageSchema,
  type WahaCheckExists,
  WahaCheckExistsSchema,
  type WahaImageFile,
  WahaLidSchema,
  type WahaMediaFile,
  type WahaSendResult,
} from './types'

/** Common fields of the send calls. */
export interface SendTarget {
  session: string
  /** A `@c.us` (from check-exists) or `@lid` chat id. */
  chatId: string
}

const seg = (value: string) => encodeURIComponent(value).replace(/%40/g, '@')

function parseLoose(bytes: Uint8Array): unknown {
  const text = new TextDecoder().decode(bytes)
  if (text.trim() === '') return null
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/** Strips a `data:<mime>;base64,` prefix: WAHA wants plain base64. */
function plainBase64(data: string): string {
  const comma = data.indexOf(',')
  return data.startsWith('data:') && comma > 0 ? data.slice(comma + 1) : data
}

/** The file with plain base64, or null when it carries no bytes / no URL. */
function mediaFile<F extends WahaMediaFile>(file: F): F | null {
  const plain = 'data' in file ? { ...file, data: plainBase64(file.data) } : file
  const empty = 'data' in plain ? plain.data.trim() === '' : plain.url.trim() === ''
  return empty || plain.mimetype.trim() === '' ? null : plain
}

const emptyMedia = () => ({
  ok: false as const,
  error: badRequestError([text('waha.problem.emptyMedia')], null, null),
})

/** Messaging calls bound to one WAHA server. */
export function messageCalls(options: WahaClientOptions) {
  async function send(path: string, target: SendTarget, fields: Record<string, unknown>) {
    if (!isSendableChatId(target.chatId)) {
      return { ok: false as const, error: invalidNumberError(`chatId ${chatIdKind(target.chatId)}`) }
    }
    const raw = await callWaha(options, {
      method: 'POST',
      path,
      body: { session: target.session, chatId: target.chatId, ...fields },
      op: 'send',
    })
    if (!raw.ok) return raw
    const { status, contentType, bytes, bodyError } = raw.value
    if (isHtml(contentType))
      return { ok: false as const, error: ambiguousError('unexpected_body', 'send', status, null) }
    // 2xx headers arrived: WAHA accepted the message even if the body was cut short.
    const body = bodyError ? null : parseLoose(bytes)
    const result: WahaSendResult = { messageId: extractMessageId(body), raw: body }
    return { ok: true as const, value: result }
  }

  async function fireAndForget(path: string, body: Record<string, unknown>): Promise<WahaResult<null>> {
    const raw = await callWaha(options, { method: 'POST', path, body })
    return raw.ok ? { ok: true, value: null } : raw
  }

  return {
    /** POST /api/sendText (link previews off by default: campaigns should not depend on them). */
    sendText(
      input: SendTarget & { text: string; linkPreview?: boolean; replyTo?: string },
    ): Promise<WahaResult<WahaSendResult>> {
      if (input.text.trim() === '') {
        return Promise.resolve({
          ok: false,
          error: badRequestError([text('waha.problem.emptyText')], null, null),
        })
      }
      return send('/api/sendText', input, {
        text: input.text,
        linkPreview: input.linkPreview ?? false,
        ...(input.replyTo ? { reply_to: input.replyTo } : {}),
      })
    },

    /** POST /api/sendImage with a URL WAHA downloads or base64 bytes, and an optional caption. */
    sendImage(
      input: SendTarget & { file: WahaImageFile; caption?: string },
    ): Promise<WahaResult<WahaSendResult>> {
      const file = 'data' in input.file ? { ...input.file, data: plainBase64(input.file.data) } : input.file
      const empty = 'data' in file ? file.data.trim() === '' : file.url.trim() === ''
      if (empty || !file.mimetype.startsWith('image/')) {
        return Promise.resolve({
          ok: false,
          error: badRequestError([text('waha.problem.emptyImage')], null, null),
        })
      }
      return send('/api/sendImage', input, { file, ...(input.caption ? { caption: input.caption } : {}) })
    },

    /** POST /api/sendFile: a document with its file name (as the recipient sees it) and a caption. */
    sendFile(
      input: SendTarget & { file: WahaMediaFile & { filename: string }; caption?: string },
    ): Promise<WahaResult<WahaSendResult>> {
      const file = mediaFile(input.file)
      if (!file) return Promise.resolve(emptyMedia())
      return send('/api/sendFile', input, { file, ...(input.caption ? { caption: input.caption } : {}) })
    },

    /** POST /api/sendVideo (MP4; `convert` asks WAHA's ffmpeg to re-encode; never a round video note). */
    sendVideo(
      input: SendTarget & { file: WahaMediaFile & { filename: string }; caption?: string; convert: boolean },
    ): Promise<WahaResult<WahaSendResult>> {
      const file = mediaFile(input.file)
      if (!file?.mimetype.startsWith('video/')) return Promise.resolve(emptyMedia())
      return send('/api/sendVideo', input, {
        file,
        convert: input.convert,
        asNote: false,
        ...(input.caption ? { caption: input.caption } : {}),
      })
    },

    /** POST /api/sendVoice: a voice note (no caption in WAHA's schema); `convert` turns it into OGG/Opus. */
    sendVoice(
      input: SendTarget & { file: WahaMediaFile; convert: boolean },
    ): Promise<WahaResult<WahaSendResult>> {
      const file = mediaFile(input.file)
      if (!file?.mimetype.startsWith('audio/')) return Promise.resolve(emptyMedia())
      return send('/api/sendVoice', input, { file, convert: input.convert })
    },

    /**
     * POST /api/sendPoll (`MessagePollRequest`): a question and its options; `multipleAnswers` lets a
     * person pick more than one. Votes come back as `poll.vote` events naming this message's id.
     */
    sendPoll(
      input: SendTarget & { poll: { name: string; options: string[]; multipleAnswers: boolean } },
    ): Promise<WahaResult<WahaSendResult>> {
      const options = input.poll.options.map((o) => o.trim()).filter((o) => o !== '')
      if (input.poll.name.trim() === '' || options.length < 2) {
        return Promise.resolve({
          ok: false,
          error: badRequestError([text('waha.problem.emptyPoll')], null, null),
        })
      }
      return send('/api/sendPoll', input, {
        poll: { name: input.poll.name, options, multipleAnswers: input.poll.multipleAnswers },
      })
    },

    /** POST /api/sendSeen (marks the chat, or the given incoming messages, as read). */
    sendSeen(input: SendTarget & { messageIds?: string[] }) {
      return fireAndForget('/api/sendSeen', {
        session: input.session,
        chatId: input.chatId,
        ...(input.messageIds && input.messageIds.length > 0 ? { messageIds: input.messageIds } : {}),
      })
    },

    /** POST /api/startTyping. */
    startTyping: (input: SendTarget) =>
      fireAndForget('/api/startTyping', { session: input.session, chatId: input.chatId }),

    /** POST /api/stopTyping. */
    stopTyping: (input: SendTarget) =>
      fireAndForget('/api/stopTyping', { session: input.session, chatId: input.chatId }),

    /**
     * GET /api/contacts/check-exists: whether a phone (E.164 or digits) is on WhatsApp and the chat id
     * to send to (Brazil: may be the legacy form without the 9th digit). `chatId` is null when absent.
     */
    async checkExists(session: string, phone: string): Promise<WahaResult<WahaCheckExists>> {
      const digits = phone.replace(/\D/g, '')
      if (digits.length < 8 || digits.length > 15)
        return { ok: false, error: invalidNumberError(`phone ${phone}`) }
      const result = await getJson(
        options,
        { method: 'GET', path: '/api/contacts/check-exists', query: { phone: digits, session } },
        WahaCheckExistsSchema,
      )
      if (!result.ok) return result
      // GOWS may return a chatId even when numberExists is false: trust numberExists only.
      return {
        ok: true,
        value: result.value.numberExists ? result.value : { numberExists: false, chatId: null },
      }
    },

    /**
     * GET /api/{session}/chats/{chatId}/messages: the chat's latest messages, newest first, without
     * media downloads. `fromMe` filters our own; `sinceSeconds` keeps those at or after that instant.
     */
    chatMessages(
      session: string,
      chatId: string,
      query: { limit: number; fromMe?: boolean; sinceSeconds?: number },
    ): Promise<WahaResult<WahaChatMessage[]>> {
      if (!isSendableChatId(chatId)) {
        return Promise.resolve({ ok: false, error: invalidNumberError(`chatId ${chatIdKind(chatId)}`) })
      }
      return getJson(
        options,
        {
          method: 'GET',
          path: `/api/${seg(session)}/chats/${seg(chatId)}/messages`,
          query: {
            limit: String(query.limit),
            downloadMedia: 'false',
            sortBy: 'timestamp',
            sortOrder: 'desc',
            ...(query.fromMe === undefined ? {} : { 'filter.fromMe': String(query.fromMe) }),
            ...(query.sinceSeconds === undefined
              ? {}
              : { 'filter.timestamp.gte': String(query.sinceSeconds) }),
          },
        },
        z.array(WahaChatMessageSchema),
      )
    },

    /** GET /api/{session}/lids/{lid}: the phone chat id (`pn`) behind a `@lid` sender, or null. */
    lidToPhone(session: string, lid: string) {
      return getJson(options, { method: 'GET', path: `/api/${seg(session)}/lids/${seg(lid)}` }, WahaLidSchema)
    },

    /** GET /api/{session}/lids/pn/{phone}: the LID of a phone (digits), or null. */
    phoneToLid(session: string, phone: string) {
      return getJson(
        options,
        { method: 'GET', path: `/api/${seg(session)}/lids/pn/${phone.replace(/\D/g, '')}` },
        WahaLidSchema,
      )
    },
  }
}
