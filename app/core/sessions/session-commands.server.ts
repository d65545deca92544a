// Detail-page commands on a saved session: start / stop / restart / logout (also on WAHA),
// "Testar conexão", pairing code, and delete (from WAHA too; when WAHA cannot be reached the user
// may confirm removing it only from Disparo).
import { wahaSessions } from '../../../db/schema'
import { type TenantScope, ownedRow } from '../db/tenant.server'
import { audit } from '../tenants/audit.server'
import { applySessionStatus } from './live-state.server'
import type { SessionCommand } from './session-form'
import { type SessionResult, getSessionRow } from './sessions.server'
import { type WahaDeps, type WahaSessionRow, clientForSession } from './waha-access.server'

const LIFECYCLE_MESSAGES = {
  start: 'sessions.started',
  stop: 'sessions.stopped',
  restart: 'sessions.restarted',
  logout: 'sessions.loggedOut',
} as const

async function deleteSession(
  scope: TenantScope,
  row: WahaSessionRow,
  force: boolean,
  deps: WahaDeps,
): Promise<SessionResult> {
  const vars = { name: row.displayName }
  if (!force) {
    const client = await clientForSession(scope, row, deps)
    const removed = await client.deleteSession(row.sessionName)
    if (!removed.ok && removed.error.kind !== 'not_found') {
      return {
        ok: false,
        canForceDelete: true,
        message: 'sessions.deleteUnreachable',
        vars: { ...vars, error: removed.error.message },
      }
    }
  }
  await scope.db.delete(wahaSessions).where(ownedRow(scope, wahaSessions, row.id))
  // Jobs waiting in this session's sender fail over to the campaign's other sessions.
  await scope.env.SENDER_SESSION.getByName(row.id).retire()
  await scope.env.SENDER_SESSION.getByName(row.id).setState(
    { status: 'STOPPED', qr: null, lastError: null },
    scope.clock(),
  )
  await audit(scope, 'session.deleted', row.id, { sessionName: row.sessionName, onlyLocal: force })
  return { ok: true, message: force ? 'sessions.deletedLocal' : 'sessions.deleted', vars }
}

/** Runs one detail-page command; NotFoundError for ids of other tenants. */
export async function runSessionCommand(
  scope: TenantScope,
  id: string,
  command: SessionCommand,
  deps: WahaDeps = {},
): Promise<SessionResult> {
  const row = await getSessionRow(scope, id)
  const vars = { name: row.displayName }
  if (command.intent === 'delete') return deleteSession(scope, row, command.force === '1', deps)
  const client = await clientForSession(scope, row, deps)

  switch (command.intent) {
    case 'start':
    case 'stop':
    case 'restart':
    case 'logout': {
      const call = {
        start: client.startSession,
        stop: client.stopSession,
        restart: client.restartSession,
        logout: client.logoutSession,
      }[command.intent]
      const result = await call(row.sessionName)
      if (!result.ok) return { ok: false, message: result.error.message }
      await applySessionStatus(scope, row, {
        status: result.value.status,
        me: result.value.me,
        qr: null,
        at: scope.clock(),
        source: 'action',
      })
      await audit(scope, `session.${command.intent}`, row.id, {})
      return { ok: true, message: LIFECYCLE_MESSAGES[command.intent], vars }
    }
    case 'test': {
      const tested = await client.testConnection()
      if (!tested.ok) return { ok: false, message: tested.error.message }
      const info = await client.getSession(row.sessionName)
      const testVars = {
        ...vars,
        version: tested.value.version,
        engine: tested.value.engine ?? '?',
        ms: String(tested.value.latencyMs),
      }
      if (!info.ok) {
        return info.error.kind === 'not_found'
          ? {
              ok: false,
              message: 'sessions.testMissingSession',
              vars: { ...testVars, session: row.sessionName },
            }
          : { ok: false, message: info.error.message }
      }
      return { ok: true, message: 'sessions.testOk', vars: { ...testVars, status: info.value.status } }
    }
    case 'pairingCode': {
      const code = await client.requestPairingCode(row.sessionName, command.phone)
      if (!code.ok) {
        return code.error.kind === 'session_not_working'
          ? { ok: false, message: 'sessions.errors.pairingNotWaiting' }
          : { ok: false, message: code.error.message }
      }
      await audit(scope, 'session.pairing_code', row.id, {})
      return { ok: true, message: 'sessions.pairingRequested', pairingCode: code.value.code, vars }
    }
  }
}
