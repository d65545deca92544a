// /api/v1/sessions: the team's WhatsApp sessions (scope sessions:manage): list with status and health,
// create (the "Nova sessão" form's rules and defaults), live state with the QR code, start, stop,
// restart, logout, pairing code, delete. Thin: parse, call app/core/sessions, answer. The WAHA key is
// write-only.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { apiLocale, issueTexts, type ProblemIssue } from '../../../app/core/api/problem'
import {
  CreateSessionRequestSchema,
  DeleteSessionQuerySchema,
  PairingCodeRequestSchema,
  PairingCodeSchema,
  SessionIdParamSchema,
  SessionLiveSchema,
  SessionSchema,
} from '../../../app/core/api/schemas-integrations'
import {
  createSessionValues,
  healthOf,
  type SessionHealthRow,
} from '../../../app/core/sessions/api-sessions.server'
import { refreshLiveState } from '../../../app/core/sessions/live-state.server'
import { runSessionCommand } from '../../../app/core/sessions/session-commands.server'
import { createSession } from '../../../app/core/sessions/session-create.server'
import { CreateSessionSchema } from '../../../app/core/sessions/session-form'
import {
  getSessionRow,
  listSessionRows,
  type SessionResult,
} from '../../../app/core/sessions/sessions.server'
import type { WahaSessionRow } from '../../../app/core/sessions/waha-access.server'
import { lastErrorText } from '../../../app/core/stored-text'
import { translate } from '../../../app/i18n'
import { fromTextString, type MessageCode, type Text, type TextParams } from '../../../app/i18n/text'
import { type ApiEnv, ApiProblem } from './context'
import { idempotent, requireScope } from './guard'
import { validationHook } from './hook'
import { idempotencyHeader, jsonBody, needs, noContent, ok, problems } from './openapi'

export const sessionsApi = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook })

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())

function present(c: Context<ApiEnv>, r: WahaSessionRow, h: SessionHealthRow | undefined) {
  const error = lastErrorText(r)
  return {
    id: r.id,
    displayName: r.displayName,
    sessionName: r.sessionName,
    serverUrl: r.serverUrl,
    phone: r.phone,
    status: r.status,
    isPrimary: r.isPrimary,
    apiKeyTail: r.apiKeyTail,
    health: h
      ? {
          state: h.state,
          score: h.score,
          pausedUntil: iso(h.pausedUntil),
          evaluatedAt: iso(h.evaluatedAt) as string,
        }
      : null,
    lastError: error ? translate(apiLocale(c.req.header('accept-language')), error) : null,
    lastConnectedAt: iso(r.lastConnectedAt),
    createdAt: iso(r.createdAt) as string,
  }
}

/** A refused session action's text (its code when core gave one, else its key with its values). */
function resultText(result: Extract<SessionResult, { ok: false }>): Text {
  if (result.text) return fromTextString(result.text) ?? { code: result.text as MessageCode }
  return (
    fromTextString(result.message) ?? {
      code: result.message as MessageCode,
      params: result.vars as TextParams | undefined,
    }
  )
}

function refusal(result: Extract<SessionResult, { ok: false }>): ApiProblem {
  const t = resultText(result)
  if (result.field)
    return new ApiProblem('validation', { errors: [{ pointer: `/${result.field}`, text: t }] })
  return new ApiProblem('conflict', { detail: t })
}

const withId = { params: SessionIdParamSchema }

sessionsApi.openapi(
  createRoute({
    method: 'get',
    path: '/sessions',
    tags: ['Sessions'],
    summary: "List the team's WhatsApp sessions with status and health",
    security: needs('sessions:manage'),
    middleware: [requireScope('sessions:manage')] as const,
    responses: { 200: ok(SessionSchema.array().meta({ id: 'SessionList' }), 'Every session'), ...problems() },
  }),
  async (c) => {
    const scope = c.get('scope')
    const rows = await listSessionRows(scope)
    const health = await healthOf(
      scope,
      rows.map((r) => r.id),
    )
    return c.json(
      rows.map((r) => present(c, r, health.get(r.id))),
      200,
    )
  },
)

sessionsApi.openapi(
  createRoute({
    method: 'post',
    path: '/sessions',
    tags: ['Sessions'],
    summary: 'Create a session on a WAHA server',
    description:
      'Checked as the "Nova sessão" form: registered on the WAHA server with Disparo\'s signed webhook, then started; read its QR code with GET /sessions/{id}/live, or ask a pairing code.',
    security: needs('sessions:manage'),
    middleware: [requireScope('sessions:manage'), idempotent] as const,
    request: { headers: idempotencyHeader, body: jsonBody(CreateSessionRequestSchema) },
    responses: { 201: ok(SessionSchema, 'The new session'), ...problems(400, 409, 413, 422) },
  }),
  async (c) => {
    const scope = c.get('scope')
    const parsed = CreateSessionSchema.safeParse(createSessionValues(c.req.valid('json')))
    if (!parsed.success) {
      const errors: ProblemIssue[] = parsed.error.issues.map((i) => {
        const [generic] = issueTexts([i])
        const own = i.code === 'custom' || i.message.includes('.')
        return {
          pointer: generic?.pointer ?? '',
          text: own
            ? (fromTextString(i.message) ?? { code: i.message as MessageCode })
            : (generic?.text as Text),
        }
      })
      throw new ApiProblem('validation', { errors })
    }
    // the token was made by an admin (integrations:manage): the API acts with an admin's rules
    const made = await createSession(scope, parsed.data, { origin: new URL(c.req.url).origin, role: 'admin' })
    if (!made.ok) throw refusal(made)
    const row = await getSessionRow(scope, made.id ?? '')
    return c.json(present(c, row, undefined), 201)
  },
)

sessionsApi.openapi(
  createRoute({
    method: 'get',
    path: '/sessions/{id}',
    tags: ['Sessions'],
    summary: 'Get a session with its status and health',
    security: needs('sessions:manage'),
    middleware: [requireScope('sessions:manage')] as const,
    request: withId,
    responses: { 200: ok(SessionSchema, 'The session'), ...problems(404) },
  }),
  async (c) => {
    const scope = c.get('scope')
    const row = await getSessionRow(scope, c.req.valid('param').id)
    return c.json(present(c, row, (await healthOf(scope, [row.id])).get(row.id)), 200)
  },
)

sessionsApi.openapi(
  createRoute({
    method: 'get',
    path: '/sessions/{id}/live',
    tags: ['Sessions'],
    summary: 'The live state from WAHA, with the QR code while it waits for a scan',
    security: needs('sessions:manage'),
    middleware: [requireScope('sessions:manage')] as const,
    request: withId,
    responses: { 200: ok(SessionLiveSchema, 'As WAHA says now'), ...problems(404) },
  }),
  async (c) => {
    const scope = c.get('scope')
    const row = await getSessionRow(scope, c.req.valid('param').id)
    const live = await refreshLiveState(scope, row)
    const locale = apiLocale(c.req.header('accept-language'))
    return c.json(
      {
        status: live.status,
        phone: live.phone,
        qr: live.qr,
        error: live.pollError === null ? null : translate(locale, live.pollError),
      },
      200,
    )
  },
)

type Command = 'start' | 'stop' | 'restart' | 'logout'
const COMMANDS: Record<Command, string> = {
  start: 'Start a session on WAHA',
  stop: 'Stop a session on WAHA (it stops sending; campaigns fail over to other sessions)',
  restart: 'Restart a session on WAHA',
  logout: 'Log the number out (a new QR code or pairing code is needed)',
}

for (const command of Object.keys(COMMANDS) as Command[]) {
  sessionsApi.openapi(
    createRoute({
      method: 'post',
      path: `/sessions/{id}/${command}`,
      tags: ['Sessions'],
      summary: COMMANDS[command],
      security: needs('sessions:manage'),
      middleware: [requireScope('sessions:manage'), idempotent] as const,
      request: { ...withId, headers: idempotencyHeader },
      responses: { 200: ok(SessionSchema, 'The session as it is now'), ...problems(400, 404, 409) },
    }),
    async (c) => {
      const scope = c.get('scope')
      const id = c.req.valid('param').id
      const result = await runSessionCommand(scope, id, { intent: command })
      if (!result.ok) throw refusal(result)
      const row = await getSessionRow(scope, id)
      return c.json(present(c, row, (await healthOf(scope, [id])).get(id)), 200)
    },
  )
}

sessionsApi.openapi(
  createRoute({
    method: 'post',
    path: '/sessions/{id}/pairing-code',
    tags: ['Sessions'],
    summary: 'Ask WAHA for a pairing code (instead of the QR code)',
    description:
      'Only while the session waits for a scan (SCAN_QR_CODE). The phone is the number to link, with country code.',
    security: needs('sessions:manage'),
    middleware: [requireScope('sessions:manage'), idempotent] as const,
    request: { ...withId, headers: idempotencyHeader, body: jsonBody(PairingCodeRequestSchema) },
    responses: { 200: ok(PairingCodeSchema, 'The code'), ...problems(400, 404, 409, 413, 422) },
  }),
  async (c) => {
    const digits = c.req.valid('json').phone.replace(/\D/g, '')
    if (digits.length < 10 || digits.length > 15)
      throw new ApiProblem('validation', {
        errors: [{ pointer: '/phone', text: { code: 'sessions.errors.pairingPhone' } }],
      })
    const result = await runSessionCommand(c.get('scope'), c.req.valid('param').id, {
      intent: 'pairingCode',
      phone: digits,
    })
    if (!result.ok) throw refusal(result)
    return c.json({ code: result.pairingCode ?? '' }, 200)
  },
)

sessionsApi.openapi(
  createRoute({
    method: 'delete',
    path: '/sessions/{id}',
    tags: ['Sessions'],
    summary: 'Delete a session (from WAHA too)',
    description:
      'When WAHA cannot be reached the answer is 409; repeat with onlyLocal=true to remove it from Disparo only. Campaign messages waiting for it fail over to the campaign’s other sessions.',
    security: needs('sessions:manage'),
    middleware: [requireScope('sessions:manage')] as const,
    request: { ...withId, query: DeleteSessionQuerySchema },
    responses: { 204: noContent, ...problems(404, 409, 422) },
  }),
  async (c) => {
    const onlyLocal = c.req.valid('query').onlyLocal === 'true'
    const result = await runSessionCommand(c.get('scope'), c.req.valid('param').id, {
      intent: 'delete',
      force: onlyLocal ? '1' : undefined,
    })
    if (!result.ok) throw refusal(result)
    return c.body(null, 204)
  },
)
