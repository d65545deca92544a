/**
 * Failure injection. Per-request kinds are queued as rules and consumed by the next matching
 * calls; session kinds (FAILED, logged out, disconnect) act at once. See README "Failures".
 */

import {
  FAILURE_TARGETS,
  type FailureRule,
  type FailureTarget,
  REQUEST_FAILURES,
  type RequestFailureKind,
  SEND_ONLY,
  SESSION_FAILURES,
} from './failure-rules'
import { disconnectSession, failSession } from './lifecycle'
import type { Sim } from './sim-state'
import { engineError, rateOverlimit, whatsappServerError } from './waha-errors'

export * from './failure-rules'

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

const MEDIA_ENDPOINTS = new Set(['sendImage', 'sendFile', 'sendVideo', 'sendVoice'])

/** Consumes the first rule matching this call, if any. Only the file sends take media-fetch rules. */
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
      (rule.kind !== 'media-fetch' || (endpoint !== undefined && MEDIA_ENDPOINTS.has(endpoint))) &&
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
