/**
 * POST /api/sendText, /api/sendImage, /api/sendFile, /api/sendVideo, /api/sendVoice, /api/sendPoll, /api/sendSeen,
 * /api/startTyping, /api/stopTyping. Each needs a WORKING session (404 / wait + 422 otherwise), answers
 * 201 with the engine's body, records the call (control API: /_sim/sends) and applies injected failures.
 * Bodies are checked as the OpenAPI spec shapes them (required fields, `convert` a boolean, the file's
 * required keys per endpoint); a 400 lists the problems like WAHA's class-validator does.
 */
import type { Context, Hono } from 'hono'
import { scheduleAudienceAnswer } from './audience'
import { recipientOf } from './contacts'
import { scheduleOutbound } from './delivery'
import { sendResponse } from './engines'
import { failureResponse, takeFailure } from './failures'
import { ensureSuffix, readJsonBody, requireStatus, requireStrings } from './http-helpers'
import { newOwnMessageKey } from './ids'
import { loadMedia } from './media'
import { assessSend } from './reputation'
import { engineOf, pushBounded, type Sim } from './sim-state'
import type { MessageEndpoint, MessageType, SendEndpoint, SendRecord, SimMessage, SimSession } from './types'
import { badRequest, whatsappServerError } from './waha-errors'

const MESSAGE_TYPES: Record<MessageEndpoint, MessageType> = {
  sendText: 'text',
  sendImage: 'image',
  sendFile: 'document',
  sendVideo: 'video',
  sendVoice: 'voice',
  sendPoll: 'poll',
}

const isMessageEndpoint = (endpoint: SendEndpoint): endpoint is MessageEndpoint => endpoint in MESSAGE_TYPES

/**
 * What the spec requires beyond chatId / text (MessageTextRequest, MessageImageRequest,
 * MessageFileRequest, MessageVideoRequest, MessageVoiceRequest and their file schemas): booleans that
 * are booleans, `convert` on video and voice, and the file's keys — RemoteFile {mimetype, url},
 * BinaryFile {mimetype, data}; video files also need `filename`, voice ones only when binary.
 */
function bodyProblems(endpoint: MessageEndpoint, body: Record<string, unknown>): string[] {
  const problems: string[] = []
  const bool = (name: string, required: boolean) => {
    if (body[name] === undefined ? required : typeof body[name] !== 'boolean')
      problems.push(`${name} must be a boolean value`)
  }
  if (endpoint === 'sendPoll') return pollProblems(body.poll)
  if (endpoint === 'sendText') {
    bool('linkPreview', false)
    bool('linkPreviewHighQuality', false)
    return problems
  }
  if (body.caption !== undefined && typeof body.caption !== 'string')
    problems.push('caption must be a string')
  if (endpoint === 'sendVideo' || endpoint === 'sendVoice') bool('convert', true)
  if (endpoint === 'sendVideo') bool('asNote', false)
  const file = body.file
  if (!file || typeof file !== 'object' || Array.isArray(file)) return [...problems, 'file must be an object']
  const f = file as Record<string, unknown>
  const binary = f.data !== undefined
  const needsName = endpoint === 'sendVideo' || (endpoint === 'sendVoice' && binary)
  for (const key of ['mimetype', ...(needsName ? ['filename'] : []), binary ? 'data' : 'url'])
    if (typeof f[key] !== 'string' || f[key] === '') problems.push(`file.${key} must be a string`)
  return problems
}

/**
 * MessagePollRequest's `poll` (MessagePoll: name, options, multipleAnswers all required). WhatsApp
 * itself wants 2..12 distinct options; WAHA passes them on, so a poll outside that is refused here as
 * the phone would never show it.
 */
function pollProblems(poll: unknown): string[] {
  if (!poll || typeof poll !== 'object' || Array.isArray(poll)) return ['poll must be an object']
  const p = poll as Record<string, unknown>
  const problems: string[] = []
  if (typeof p.name !== 'string' || p.name.trim() === '') problems.push('poll.name must be a string')
  const options = Array.isArray(p.options) ? p.options : null
  if (!options || options.some((o) => typeof o !== 'string' || o.trim() === ''))
    problems.push('each value in poll.options must be a string')
  else if (options.length < 2 || options.length > 12)
    problems.push('poll.options must contain between 2 and 12 elements')
  else if (new Set(options).size !== options.length)
    problems.push("All poll.options's elements must be unique")
  if (typeof p.multipleAnswers !== 'boolean') problems.push('poll.multipleAnswers must be a boolean value')
  return problems
}

/** WhatsApp's reach-out time-lock only blocks chats that never had a message. */
function blockedByTimelock(sim: Sim, session: SimSession, chatId: string): boolean {
  const lock = session.reachoutTimelock
  if (!lock?.isActive || lock.timeEnforcementEnds * 1000 <= sim.now()) return false
  return !session.messages.some((m) => m.chatId === chatId)
}

export function registerSendingRoutes(app: Hono, sim: Sim) {
  const record = (entry: Omit<SendRecord, 'at'>) => {
    pushBounded(sim.sends, { at: sim.now(), ...entry })
    if (!isMessageEndpoint(entry.endpoint)) return
    const key = `${entry.session}\u0000${entry.chatId}`
    const count = sim.sendCounts.get(key) ?? {
      session: entry.session,
      chatId: entry.chatId,
      calls: 0,
      sent: 0,
      failed: 0,
    }
    count.calls++
    if (entry.outcome === 'failed') count.failed++
    else count.sent++
    sim.sendCounts.set(key, count)
  }

  async function send(c: Context, endpoint: MessageEndpoint) {
    const body = await readJsonBody(c)
    if (body instanceof Response) return body
    const invalid = requireStrings(body, endpoint === 'sendText' ? ['chatId', 'text'] : ['chatId'])
    if (invalid) return invalid
    const problems = bodyProblems(endpoint, body)
    if (problems.length > 0) return badRequest(problems)
    const session = await requireStatus(sim, typeof body.session === 'string' ? body.session : 'default', [
      'WORKING',
    ])
    if (session instanceof Response) return session
    const chatId = ensureSuffix(body.chatId as string)
    const base = { session: session.name, chatId, endpoint }
    const failure = takeFailure(sim, session.name, 'send', chatId, endpoint)

    const media =
      endpoint === 'sendText' || endpoint === 'sendPoll'
        ? null
        : await loadMedia(sim, body.file, failure?.kind === 'media-fetch')
    if (media instanceof Response) {
      record({ ...base, outcome: 'failed', status: media.status, failure: failure?.kind ?? 'media' })
      return media
    }
    if (blockedByTimelock(sim, session, chatId)) {
      record({ ...base, outcome: 'failed', status: 500, failure: 'reachout-timelock' })
      return whatsappServerError(463, sim.now())
    }
    const error = failureResponse(sim, failure, { path: `/api/${endpoint}`, method: 'POST', body, query: {} })
    if (error && !failure?.sent) {
      record({ ...base, outcome: 'failed', status: error.status, failure: failure?.kind })
      return error
    }

    // sendVoice has no caption in WAHA's schema: a voice note carries no text. A poll's text is its question.
    const poll =
      endpoint === 'sendPoll'
        ? (body.poll as { name: string; options: string[]; multipleAnswers: boolean })
        : null
    const text =
      endpoint === 'sendText'
        ? (body.text as string)
        : poll
          ? poll.name
          : endpoint !== 'sendVoice' && typeof body.caption === 'string'
            ? body.caption
            : ''
    // The number's reputation (off by default): 463 for new contacts, or accepted but undelivered.
    const verdict = assessSend(sim, session, {
      chatId,
      text,
      mediaKey: media ? `${MESSAGE_TYPES[endpoint]}:${media.info.size}` : undefined,
      contactName: recipientOf(sim, chatId)?.pushName,
    })
    if (verdict?.refuse) {
      record({ ...base, outcome: 'failed', status: 500, failure: 'reputation-463' })
      return whatsappServerError(463, sim.now())
    }
    const key = newOwnMessageKey(sim.random)
    const message: SimMessage = {
      id: `true_${chatId}_${key}`,
      key,
      session: session.name,
      chatId,
      fromMe: true,
      type: MESSAGE_TYPES[endpoint],
      body: text,
      media: media?.info,
      ...(endpoint === 'sendText' ? { linkPreview: body.linkPreview !== false } : {}),
      ...(typeof body.convert === 'boolean' ? { convert: body.convert } : {}),
      ...(poll
        ? {
            poll: {
              name: poll.name,
              options: [...poll.options],
              multipleAnswers: poll.multipleAnswers,
              selected: [],
            },
          }
        : {}),
      ack: 0,
      timestamp: Math.floor(sim.now() / 1000),
      delivered: false,
    }
    session.messages.push(message)
    if (media)
      sim.media.set(message.id, {
        mimetype: media.info.contentType ?? media.info.mimetype,
        bytes: media.bytes,
      })
    scheduleOutbound(sim, session, message, {
      silent: failure?.kind === 'silent' || verdict?.undelivered === true,
      ackError: failure?.kind === 'ack-error',
    })
    if (verdict) scheduleAudienceAnswer(sim, session, message, verdict)
    const sent = { ...base, messageId: message.id, failure: failure?.kind }
    if (error) {
      record({ ...sent, outcome: 'sent', status: error.status })
      return error
    }
    const response = sendResponse(engineOf(sim, session), message, session.paired)
    if (failure?.kind === 'timeout') {
      record({ ...sent, outcome: 'hung', status: 201 })
      await sim.scheduler.sleep(failure.hangMs ?? sim.settings.timings.hangMs)
      return c.json(response, 201)
    }
    record({ ...sent, outcome: 'sent', status: 201 })
    return c.json(response, 201)
  }

  async function presence(c: Context, endpoint: Exclude<SendEndpoint, MessageEndpoint>) {
    const body = await readJsonBody(c)
    if (body instanceof Response) return body
    const invalid = requireStrings(body, ['chatId'])
    if (invalid) return invalid
    const session = await requireStatus(sim, typeof body.session === 'string' ? body.session : 'default', [
      'WORKING',
    ])
    if (session instanceof Response) return session
    const chatId = ensureSuffix(body.chatId as string)
    const failure = takeFailure(sim, session.name, 'presence', chatId)
    const error = failureResponse(sim, failure, { path: `/api/${endpoint}`, method: 'POST', body, query: {} })
    record({
      session: session.name,
      chatId,
      endpoint,
      outcome: error ? 'failed' : 'sent',
      status: error?.status ?? 201,
      failure: failure?.kind,
    })
    if (error) return error
    if (failure?.kind === 'timeout') await sim.scheduler.sleep(failure.hangMs ?? sim.settings.timings.hangMs)
    // sendSeen answers an (ignorable) object; typing answers an empty 201 (spec 2026.7.1).
    return endpoint === 'sendSeen' ? c.json({}, 201) : c.body(null, 201)
  }

  app.post('/api/sendText', (c) => send(c, 'sendText'))
  app.post('/api/sendImage', (c) => send(c, 'sendImage'))
  app.post('/api/sendFile', (c) => send(c, 'sendFile'))
  app.post('/api/sendVideo', (c) => send(c, 'sendVideo'))
  app.post('/api/sendVoice', (c) => send(c, 'sendVoice'))
  app.post('/api/sendPoll', (c) => send(c, 'sendPoll'))
  app.post('/api/sendSeen', (c) => presence(c, 'sendSeen'))
  app.post('/api/startTyping', (c) => presence(c, 'startTyping'))
  app.post('/api/stopTyping', (c) => presence(c, 'stopTyping'))
}
