/**
 * WAHA's error bodies, byte for byte where CONTRACT §1 documents them
 * (contract/examples/example-error-*.json). WhatsApp-level rejections are HTTP 500.
 */
import type { SessionStatus } from './types'

const json = (body: unknown, status: number) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  })

export const unauthorized = () => json({ message: 'Unauthorized', statusCode: 401 }, 401)

export const badRequest = (messages: string[]) =>
  json({ statusCode: 400, message: messages, error: 'Bad Request' }, 400)

/** Unknown session on /api/sessions/{session}*. */
export const sessionNotFound = () =>
  json({ statusCode: 404, message: 'Session not found', error: 'Not Found' }, 404)

/** Session not running in this process (send, QR, contacts): Core's text. */
export const sessionNotStarted = (name: string) =>
  json(
    {
      statusCode: 404,
      message: `We didn't find a session with name '${name}'.\nPlease start it first by using POST /api/sessions/${name}/start request`,
      error: 'Not Found',
    },
    404,
  )

/** waitUntilStatus gave up: the raw object, no statusCode. */
export const wrongStatus = (session: string, status: SessionStatus, expected: SessionStatus[]) =>
  json(
    {
      error: 'Session status is not as expected. Try again later or restart the session',
      session,
      status,
      expected,
    },
    422,
  )

export const unprocessable = (message: string) =>
  json({ statusCode: 422, message, error: 'Unprocessable Entity' }, 422)

export const routeNotFound = (method: string, path: string) =>
  json({ message: `Cannot ${method} ${path}`, error: 'Not Found', statusCode: 404 }, 404)

/** AllExceptionsFilter: any engine error. */
export const engineError = (exception: Record<string, unknown>, now: number, status = 500) =>
  json({ statusCode: status, timestamp: new Date(now).toISOString(), exception }, status)

/** GOWS gRPC error for a WhatsApp server error code: 463 reach-out time-lock, 475 message capping. */
export const whatsappServerError = (code: 463 | 475, now: number) =>
  engineError(
    {
      message: `2 UNKNOWN: server returned error ${code}`,
      code: 2,
      details: `server returned error ${code}`,
    },
    now,
  )

/** NOWEB Boom error with the request echo that 2024.10.8 adds (example-error-500-rate-overlimit.json). */
export function rateOverlimit(
  request: { path: string; method: string; body: unknown; query: Record<string, string> },
  version: string,
  now: number,
) {
  return json(
    {
      statusCode: 500,
      timestamp: new Date(now).toISOString(),
      exception: {
        message: 'rate-overlimit',
        data: 429,
        isBoom: true,
        isServer: true,
        output: {},
        name: 'Error',
        stack: 'Error: rate-overlimit\n    at assertNodeErrorFree (...)',
      },
      request,
      version: { version, engine: 'NOWEB', tier: 'CORE', browser: null },
    },
    500,
  )
}
