/**
 * Session state machine: STOPPED → STARTING → SCAN_QR_CODE (re-emitted on each QR rotation) →
 * WORKING, FAILED; GOWS-style reconnect WORKING → STARTING → WORKING. Every change emits
 * `session.status`. Timers check the session's epoch, so stop/restart/delete void them.
 */
import { hashDigits, newQrValue } from './ids'
import type { Sim } from './sim-state'
import type { MeInfo, SessionConfig, SessionStatus, SimSession } from './types'
import { emitEvent } from './webhooks'

export function createSession(sim: Sim, name: string, config?: SessionConfig, apps?: unknown): SimSession {
  const session: SimSession = {
    name,
    status: 'STOPPED',
    statuses: [],
    config,
    apps,
    paired: null,
    activityAt: null,
    qr: null,
    pairingCode: null,
    epoch: 0,
    messages: [],
    pending: [],
    reachoutTimelock: null,
  }
  sim.sessions.set(name, session)
  return session
}

/** Runs `fn` after `ms` unless the session was stopped, restarted or deleted meanwhile. */
function later(sim: Sim, session: SimSession, ms: number, fn: () => void) {
  const epoch = session.epoch
  sim.scheduler.after(ms, () => {
    if (session.epoch === epoch && sim.sessions.get(session.name) === session) fn()
  })
}

function setStatus(sim: Sim, session: SimSession, status: SessionStatus) {
  const timestamp = sim.now()
  session.status = status
  session.activityAt = timestamp
  session.statuses.push({ status, timestamp })
  if (session.statuses.length > 10) session.statuses.splice(0, session.statuses.length - 10)
  emitEvent(sim, session, 'session.status', {
    name: session.name,
    status,
    statuses: session.statuses.slice(-3),
    data: null,
  })
  if (status === 'WORKING') {
    sim.onWorking(session)
    const pending = session.pending.splice(0)
    for (const replay of pending) replay()
  }
}

const isRunning = (session: SimSession) => session.status !== 'STOPPED'

/** Idempotent: a running session is left alone. */
export function startSession(sim: Sim, session: SimSession) {
  if (isRunning(session) && session.status !== 'FAILED') return
  session.epoch++
  setStatus(sim, session, 'STARTING')
  later(sim, session, sim.settings.timings.startDelayMs, () => {
    if (session.paired) setStatus(sim, session, 'WORKING')
    else showQr(sim, session)
  })
}

function showQr(sim: Sim, session: SimSession) {
  session.qr = { value: newQrValue(sim.random), rotations: session.qr ? session.qr.rotations + 1 : 0 }
  setStatus(sim, session, 'SCAN_QR_CODE')
  later(sim, session, sim.settings.timings.qrRotateMs, () => {
    if (session.status === 'SCAN_QR_CODE') showQr(sim, session)
  })
}

export function stopSession(sim: Sim, session: SimSession) {
  session.epoch++
  session.qr = null
  session.pairingCode = null
  if (session.status !== 'STOPPED') setStatus(sim, session, 'STOPPED')
}

export function restartSession(sim: Sim, session: SimSession) {
  stopSession(sim, session)
  startSession(sim, session)
}

/** Removes auth data; a running session starts again and shows a new QR. */
export function logoutSession(sim: Sim, session: SimSession) {
  const wasRunning = isRunning(session)
  stopSession(sim, session)
  session.paired = null
  session.reachoutTimelock = null
  if (wasRunning) startSession(sim, session)
}

function defaultPhoneFor(name: string): string {
  return `55119${hashDigits(`session:${name}`, 8)}`
}

function meFor(phone: string, pushName: string): MeInfo {
  return {
    id: `${phone}@c.us`,
    pushName,
    lid: `1${hashDigits(`lid:${phone}`, 14)}@lid`,
    jid: `${phone}:12@s.whatsapp.net`,
  }
}

/** The phone scanned the QR (or confirmed the pairing code): WORKING after pairDelayMs. */
export function pairSession(sim: Sim, session: SimSession, phone?: string, pushName?: string): string | null {
  if (session.status !== 'SCAN_QR_CODE')
    return `A sessão '${session.name}' não está aguardando o QR code (status ${session.status}).`
  const digits =
    (phone ?? session.pairingCode?.phone ?? '').replace(/\D/g, '') || defaultPhoneFor(session.name)
  session.epoch++ // stops QR rotation
  later(sim, session, sim.settings.timings.pairDelayMs, () => {
    session.qr = null
    session.pairingCode = null
    session.paired = meFor(digits, pushName || 'Loja Exemplo')
    setStatus(sim, session, 'WORKING')
  })
  return null
}

/** FAILED. `loggedOut`: the phone unlinked the device, so a restart needs a new QR. */
export function failSession(sim: Sim, session: SimSession, loggedOut: boolean) {
  session.epoch++
  session.qr = null
  setStatus(sim, session, 'FAILED')
  if (loggedOut) session.paired = null
}

/** Connection drop: WORKING → STARTING, back to WORKING after `durationMs` (GOWS keep-alive). */
export function disconnectSession(sim: Sim, session: SimSession, durationMs: number) {
  if (session.status !== 'WORKING') return
  session.epoch++
  setStatus(sim, session, 'STARTING')
  later(sim, session, durationMs, () => setStatus(sim, session, 'WORKING'))
}

/** WAHA's waitUntilStatus: true once the session is in one of `expected`, false after the wait. */
export async function waitForStatus(
  sim: Sim,
  session: SimSession,
  expected: SessionStatus[],
  timeoutMs: number,
) {
  // Real time, not sim.now(): the wait is a real timer even when tests inject a fixed clock.
  const deadline = performance.now() + timeoutMs
  const { scheduler } = sim
  while (!expected.includes(session.status)) {
    const left = deadline - performance.now()
    if (left <= 0 || scheduler.disposed || sim.sessions.get(session.name) !== session) return false
    await scheduler.sleep(Math.min(50, left))
  }
  return true
}
