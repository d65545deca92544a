/**
 * GET /api/{session}/chats/{chatId}/messages (spec 2026.7.1, `ChatsController_getChatMessages`): the
 * messages this WAHA knows in one chat, as `WAMessage`s of the session's engine. Query: `limit`
 * (default 10), `offset`, `sortBy` (timestamp), `sortOrder` (desc by default: newest first),
 * `downloadMedia` (media is never downloaded here: `media` is null), `merge` (the chat's LID twin is
 * listed with it, default true), `filter.fromMe`, `filter.timestamp.gte|lte` (seconds), `filter.ack`.
 * Needs a WORKING session; injected failures with `on: "chat-messages"` apply.
 */
import type { Hono } from 'hono'
import { lookupContact } from './contacts'
import { messagePayload } from './engines'
import { failureResponse, takeFailure } from './failures'
import { ensureSuffix, requireStatus } from './http-helpers'
import { engineOf, type Sim } from './sim-state'
import { ACK_NAMES, type SimMessage } from './types'
import { badRequest } from './waha-errors'

type Query = Record<string, string | undefined>

const ACK_FILTERS = ['ERROR', 'PENDING', 'SERVER', 'DEVICE', 'READ', 'PLAYED'] as const

/** class-validator style parsing of the query; a list of messages for the 400 when it is bad. */
function parseChatMessagesQuery(query: Query) {
  const problems: string[] = []
  const number = (name: string, fallback: number | null) => {
    const raw = query[name]
    if (raw === undefined || raw === '') return fallback
    const value = Number(raw)
    if (!Number.isFinite(value))
      problems.push(`${name} must be a number conforming to the specified constraints`)
    return value
  }
  const bool = (name: string, fallback: boolean | null) => {
    const raw = query[name]
    if (raw === undefined || raw === '') return fallback
    if (raw !== 'true' && raw !== 'false') problems.push(`${name} must be a boolean value`)
    return raw === 'true'
  }
  const oneOf = <T extends string>(name: string, values: readonly T[], fallback: T | null) => {
    const raw = query[name]
    if (raw === undefined || raw === '') return fallback
    if (!(values as readonly string[]).includes(raw))
      problems.push(`${name} must be one of the following values: ${values.join(', ')}`)
    return raw as T
  }
  const parsed = {
    limit: number('limit', 10) as number,
    offset: number('offset', 0) as number,
    sortBy: oneOf('sortBy', ['timestamp', 'messageTimestamp'] as const, 'timestamp'),
    sortOrder: oneOf('sortOrder', ['desc', 'asc'] as const, 'desc'),
    downloadMedia: bool('downloadMedia', true),
    merge: bool('merge', true),
    fromMe: bool('filter.fromMe', null),
    gte: number('filter.timestamp.gte', null),
    lte: number('filter.timestamp.lte', null),
    ack: oneOf('filter.ack', ACK_FILTERS, null),
  }
  return problems.length > 0 ? { problems } : { query: parsed }
}

/** The chat ids one chat stands for: itself and, with `merge`, its @lid / @c.us twin. */
function chatIdsOf(sim: Sim, chatId: string, merge: boolean): Set<string> {
  const ids = new Set([chatId])
  if (!merge) return ids
  if (chatId.endsWith('@lid')) {
    const digits = sim.knownLids.get(chatId)
    if (digits) ids.add(`${digits}@c.us`)
  } else if (chatId.endsWith('@c.us')) {
    const contact = lookupContact(sim, chatId.slice(0, -'@c.us'.length))
    if (contact.exists) ids.add(contact.lid)
  }
  return ids
}

export function registerChatRoutes(app: Hono, sim: Sim) {
  app.get('/api/:session/chats/:chatId/messages', async (c) => {
    const parsed = parseChatMessagesQuery(c.req.query())
    if (parsed.problems) return badRequest(parsed.problems)
    const q = parsed.query!
    const session = await requireStatus(sim, c.req.param('session'), ['WORKING'])
    if (session instanceof Response) return session
    const chatId = ensureSuffix(c.req.param('chatId'))
    const failure = takeFailure(sim, session.name, 'chat-messages', chatId)
    const url = new URL(c.req.url)
    const request = { path: url.pathname + url.search, method: 'GET', body: {}, query: c.req.query() }
    const error = failureResponse(sim, failure, request)
    if (error) return error
    if (failure?.kind === 'timeout') await sim.scheduler.sleep(failure.hangMs ?? sim.settings.timings.hangMs)
    const chats = chatIdsOf(sim, chatId, q.merge !== false)
    const matches = (m: SimMessage) =>
      chats.has(m.chatId) &&
      (q.fromMe === null || m.fromMe === q.fromMe) &&
      (q.gte === null || m.timestamp >= q.gte) &&
      (q.lte === null || m.timestamp <= q.lte) &&
      (q.ack === null || ACK_NAMES[m.ack] === q.ack)
    // Stable order: by timestamp, then by the order the messages happened in.
    const listed = session.messages
      .map((m, i) => ({ m, i }))
      .filter(({ m }) => matches(m))
      .sort((a, b) => a.m.timestamp - b.m.timestamp || a.i - b.i)
      .map(({ m }) => m)
    if (q.sortOrder === 'desc') listed.reverse()
    const page = listed.slice(Math.max(0, q.offset), Math.max(0, q.offset) + Math.max(0, q.limit))
    const engine = engineOf(sim, session)
    return c.json(page.map((m) => messagePayload(engine, m, session.paired, sim.now())))
  })
}
