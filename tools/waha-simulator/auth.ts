/**
 * Pairing (CONTRACT §4): GET /api/{session}/auth/qr (PNG; base64 JSON only for the exact
 * `Accept: application/json`; `format=raw` → {value}) and POST /api/{session}/auth/request-code.
 * Both need SCAN_QR_CODE. Scanning itself happens on the phone page or /_sim/sessions/:name/scan.
 */
import { createRequire } from 'node:module'
import type { Hono } from 'hono'
import { readJsonBody, requireStatus, requireStrings } from './http-helpers'
import { newPairingCode } from './ids'
import { waitForStatus } from './lifecycle'
import type { Sim } from './sim-state'
import { badRequest, sessionNotStarted, unprocessable, wrongStatus } from './waha-errors'

// Loaded through Node's require so the Node build is used even when the simulator runs inside a
// bundler that prefers `browser` fields (vitest's global setup for the workers project resolves
// qrcode to its browser build, which has no toBuffer).
const QRCode = createRequire(import.meta.url)('qrcode') as typeof import('qrcode')

export function qrPng(value: string): Promise<Buffer> {
  return QRCode.toBuffer(value, { type: 'png', margin: 2, width: 264, errorCorrectionLevel: 'L' })
}

export function registerAuthRoutes(app: Hono, sim: Sim) {
  app.get('/api/:session/auth/qr', async (c) => {
    const format = c.req.query('format') ?? 'image'
    if (format !== 'image' && format !== 'raw') {
      return badRequest(['format must be one of the following values: image, raw'])
    }
    const name = c.req.param('session')
    const session = await requireStatus(sim, name, ['SCAN_QR_CODE'])
    if (session instanceof Response) return session
    if (!session.qr) return wrongStatus(name, session.status, ['SCAN_QR_CODE'])
    if (format === 'raw') return c.json({ value: session.qr.value })
    const png = await qrPng(session.qr.value)
    // BufferResponseInterceptor: an exact string compare, so "application/json, */*" gets the PNG.
    if (c.req.header('accept') === 'application/json') {
      return c.json({ mimetype: 'image/png', data: png.toString('base64') })
    }
    return c.body(new Uint8Array(png), 200, { 'content-type': 'image/png' })
  })

  app.post('/api/:session/auth/request-code', async (c) => {
    const body = await readJsonBody(c)
    if (body instanceof Response) return body
    const invalid = requireStrings(body, ['phoneNumber'])
    if (invalid) return invalid
    const name = c.req.param('session')
    const session = sim.sessions.get(name)
    if (!session || session.status === 'STOPPED') return sessionNotStarted(name)
    // GOWS waits at most 2 s for SCAN_QR_CODE, then answers a NestJS-style 422.
    if (
      !(await waitForStatus(
        sim,
        session,
        ['SCAN_QR_CODE'],
        Math.min(2000, sim.settings.timings.statusWaitMs),
      ))
    ) {
      return unprocessable(
        `Can request code only in SCAN_QR_CODE status. The current status is ${session.status}`,
      )
    }
    const code = newPairingCode(sim.random)
    session.pairingCode = { code, phone: (body.phoneNumber as string).replace(/\D/g, '') }
    return c.json({ code }, 201)
  })
}
