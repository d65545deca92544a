/**
 * Failure injection. Per-request kinds are queued as rules and consumed by the next matching
 * calls; session kinds (FAILED, logged out, disconnect) act at once. See README "Failures".
 */
import { disconnectSession, failSession } from './lifecycle'
import type { Sim } from './sim'
import { engineError, rateOverlimit, whatsappServerError } from './waha-errors'

/** Kinds consumed by requests (sends by default, or check-exists / presence calls). */
export const REQUEST_FAILURES = [
  'error-463', // 500 "server returned error 463" (reach-out time-lock)
  'error-475', // 500 "server returned error 475": message capping
  'rate-overlimit', // 500 NOWEB rate-overlimit (data 429)
  'http-error', // any status (default 500) with a generic engine error
  'timeout', // the message IS sent; the HTTP answer comes only after hangMs
  'silent', // 201, message.any, then no DEVICE/READ ack ever
  'ack-error', // 201, then message.ack -1 ERROR
  'media-fetch', // sendImage: the media URL download fails (as if unreachable)
] as const
export const SESSION_FAILURES = ['session-failed', 'logged-out', 'disconnect'] as const
export type RequestFailureKind = (typeof REQUEST_FAILURES)[number]
export type SessionFailureKind = (typeof SESSION_FAILURES)[number]

export const FAILURE_TARGETS = ['send', 'check-exists', 'presence', 'chat-messages'] as const
export type FailureTarget = (typeof FAILURE_TARGETS)[number]

/** Kinds that only make sense for sends (they act on the message or its media). */
const SEND_ONLY: readonly RequestFailureKind[] = ['silent', 'ack-error', 'media-fetch']

export interface FailureRule {
  id: number
  /** Session name, or `*` for any. */
  session: string
  kind: RequestFailureKind
  /** Which calls it hits: send (sendText/sendImage), check-exists, presence (sendSeen/typing), chat-messages. */
  on: FailureTarget
  /** Calls left; `null` = until cleared. */
  remaining: number | null
  /** Only calls for this chat id / phone (digits compared). */
  chatId?: string
  status?: number
  message?: string
  hangMs?: number
  /** For error kinds: WhatsApp got the message anyway (the error came after it left). */
  sent?: boolean
}

export interface FailureInput {
  session?: string
  kind?: string
  on?: string
  count?: number | null
  chatId?: string
  status?: number
  message?: string
  hangMs?: number
  durationMs?: number
  sent?: boolean
}

let nextId = 1
const digits = (text: string) => text.replace(/@.*$/, '').replace(/\D/g, '')

/** Adds a rule or applies a session failure; returns an error text for bad input. */
export function injectFailure(
  sim: Sim,
  input: FailureInput,
): { rule?: FailureRule; applied?: string; error?: string } {
  const kind = input.kind ?? ''
  const sessionName = input.session ?? '*'
  if ((SESSION_FAILURES as readonly string[]).includes(kind)) {
    const session = sim.sessions.get(sessionName)
    if (!session) return { error: `Sessão '${sessionName}' não existe.` }
    if (kind === 'disconnect') disconnectSession(sim, session, input.durationMs ?? 3000)
    else failSession(sim, session, kind === 'logged-out')
    return { applied: kind }
  }
  if (!(REQUEST_FAILURES as readonly string[]).includes(kind)) {
    return { error: `kind deve ser um de: ${[...REQUEST_FAILURES, ...SESSION_FAILURES].join(', ')}` }
  }
  const on = input.on ?? 'send'
  if (!(FAILURE_TARGETS as readonly string[]).includes(on))
    return { error: `on deve ser um de: ${FAILURE_TARGETS.join(', ')}` }
  if (on !== 'send' && SEND_ONLY.includes(kind as RequestFailureKind)) {
    return { error: `${kind} só vale para on: send` }
  }
  const count = input.count === undefined ? 1 : input.count
  if (count !== null && !(Number.isInteger(count) && count > 0))
    return { error: 'count deve ser um inteiro > 0 ou null' }
  const rule: FailureRule = {
    id: nextId++,
    session: sessionName,
    kind: kind as RequestFailureKind,
    on: on as FailureTarget,
    remaining: count,
    chatId: input.chatId,
    status: input.status,
    message: input.message,
    hangMs: input.hangMs,
    sent: input.sent,
  }
  sim.failures.push(rule)
  return { rule }
}

/** Consumes the first rule matching this call, if any. Only sendImage takes media-fetch rules. */
export function takeFailure(
  sim: Sim,
  session: string,
  on: FailureTarget,
  chatId: string,
  endpoint?: string,
): FailureRule | null {
  const index = sim.failures.findIndex(
    (rule) =>
      (rule.session === '*' || rule.session === session) &&
      rule.on === on &&
      (rule.kind !== 'media-fetch' || endpoint === 'sendImage') &&
      (rule.chatId === undefined || digits(rule.chatId) === digits(chatId)),
  )
  if (index < 0) return null
  const rule = sim.failures[index]!
  if (rule.remaining !== null) {
    rule.remaining--
    if (rule.remaining <= 0) sim.failures.splice(index, 1)
  }
  return rule
}

export interface FailedRequest {
  path: string
  method: string
  body: unknown
  query: Record<string, string>
}

/** The error a request-level failure answers with; null for kinds that answer normally. */
export function failureResponse(
  sim: Sim,
  failure: FailureRule | null,
  request: FailedRequest,
): Response | null {
  switch (failure?.kind) {
    case 'error-463':
      return whatsappServerError(463, sim.now())
    case 'error-475':
      return whatsappServerError(475, sim.now())
    case 'rate-overlimit':
      return rateOverlimit(request, sim.version, sim.now())
    case 'http-error':
      return engineError(
        { message: failure.message ?? 'Internal server error' },
        sim.now(),
        failure.status ?? 500,
      )
    default:
      return null
  }
}
