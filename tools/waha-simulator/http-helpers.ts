/**
 * Request helpers shared by the WAHA route modules: JSON body parsing with NestJS-style 400s and
 * the "session must be running and in status X" guard (WAHA's getWorkingSession).
 */
import type { Context } from 'hono'
import { waitForStatus } from './lifecycle'
import type { Sim } from './sim-state'
import type { SessionStatus, SimSession } from './types'
import { badRequest, sessionNotStarted, wrongStatus } from './waha-errors'

export type JsonObject = Record<string, unknown>

/** The JSON body as an object, or the 400 WAHA answers for a malformed one. */
export async function readJsonBody(c: Context): Promise<JsonObject | Response> {
  const text = await c.req.text()
  if (text.trim() === '') return {}
  try {
    const value: unknown = JSON.parse(text)
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as JsonObject
  } catch (error) {
    return new Response(
      JSON.stringify({ message: (error as Error).message, error: 'Bad Request', statusCode: 400 }),
      { status: 400, headers: { 'content-type': 'application/json; charset=utf-8' } },
    )
  }
  return badRequest(['body must be an object'])
}

/** class-validator style messages for required string fields. */
export function requireStrings(body: JsonObject, fields: string[]): Response | null {
  const messages = fields
    .filter((f) => typeof body[f] !== 'string' || body[f] === '')
    .map((f) => `${f} must be a string`)
  return messages.length > 0 ? badRequest(messages) : null
}

/**
 * The session, once it is in one of `expected`; 404 when it does not exist or is STOPPED (not running
 * in this WAHA process), 422 after waiting `waitMs` for the status.
 */
export async function requireStatus(
  sim: Sim,
  name: string,
  expected: SessionStatus[],
  waitMs = sim.settings.timings.statusWaitMs,
): Promise<SimSession | Response> {
  const session = sim.sessions.get(name)
  if (!session || session.status === 'STOPPED') return sessionNotStarted(name)
  if (await waitForStatus(sim, session, expected, waitMs)) return session
  return wrongStatus(name, session.status, expected)
}

/** `5511...` → `5511...@c.us` (WAHA's ensureSuffix); ids with a suffix stay as they are. */
export const ensureSuffix = (chatId: string) => (chatId.includes('@') ? chatId : `${chatId}@c.us`)
