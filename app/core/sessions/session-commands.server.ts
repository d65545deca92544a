// Detail-page commands on a saved session: start / stop / restart / logout (also on WAHA),
// "Testar conexão", "Recriar no WAHA", pairing code, and delete (from WAHA too; when WAHA cannot be
// reached the user may confirm removing it only from Disparo). A command that finds the session gone
// from WAHA records NOT_FOUND (session-truth.ts), so the page offers "Recriar no WAHA".

import { wahaSessions } from '../../../db/schema'
import { ptText } from '../../i18n'
import { type Text, textString } from '../../i18n/text'
import { dropRoute } from '../db/shards.server'
import { ownedRow, type TenantScope } from '../db/tenant.server'
import { audit } from '../tenants/audit.server'
import type { WahaClient } from '../waha/client'
import { applySessionStatus, checkSessionOnWaha, forgetLiveState } from './live-state.server'
import type { SessionCommand } from './session-form'
import { NOT_FOUND_TEXT } from './session-truth'
import { syncOnServer } from './session-update.server'
import { getSessionRow, type SessionResult } from './sessions.server'
import { clientForSession, type WahaDeps, type WahaSessionRow } from './waha-access.server'

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
        vars: { ...vars, error: removed.error.text },
      }
    }
  }
  await scope.db.delete(wahaSessions).where(ownedRow(scope, wahaSessions, row.id))
  await dropRoute(scope, 'session', row.id)
  // Jobs waiting in this session's sender fail over to the campaign's other sessions.
  await scope.env.SENDER_SESSION.getByName(row.id).retire()
  await forgetLiveState(scope, row.id)
  await audit(scope, 'session.deleted', row.id, { sessionName: row.sessionName, onlyLocal: force })
  return { ok: true, message: force ? 'sessions.deletedLocal' : 'sessions.deleted', vars }
}

/**
 * "Recriar no WAHA": registers the session again on its server under the same name with our webhook
 * and HMAC secret, and starts it (WAHA then shows the QR code to scan). When WAHA knows it after all,
 * our webhook is checked (added if missing, updated if it misses events added since, such as poll
 * votes) and a stopped session is started. Offered as "Atualizar webhook no WAHA" for a session WAHA has.
 */
async function recreateSession(
  scope: TenantScope,
  row: WahaSessionRow,
  client: WahaClient,
  origin: string,
): Promise<SessionResult> {
  const vars = { name: row.displayName }
  const synced = await syncOnServer(scope, client, row, origin)
  if (!synced.ok) {
    return synced.kind === 'already_exists'
      ? { ok: false, message: 'sessions.errors.recreateRace', vars }
      : { ok: false, message: synced.message }
  }
  let { status, me } = synced
  if (status === 'STOPPED') {
    const started = await client.startSession(row.sessionName)
    if (!started.ok) return { ok: false, ...byText(started.error.text) }
    ;({ status, me } = started.value)
  }
  await applySessionStatus(scope, row, { status, me, qr: null, at: scope.clock(), source: 'action' })
  await audit(scope, 'session.recreated', row.id, {
    sessionName: row.sessionName,
    registered: synced.registered,
  })
  const message = synced.registered
    ? 'sessions.recreated'
    : synced.eventsAdded
      ? 'sessions.webhookEventsAdded'
      : 'sessions.recreatedExisting'
  return { ok: true, message, vars }
}

/** A lifecycle call WAHA refused with 404: when the session is gone there, record it and say so. */
async function missingOnWaha(
  scope: TenantScope,
  row: WahaSessionRow,
  client: WahaClient,
): Promise<SessionResult | null> {
  const found = await checkSessionOnWaha(scope, row, client)
  return found.ok && found.value === null ? { ok: false, ...byText(NOT_FOUND_TEXT) } : null
}

/**
 * Runs one detail-page command; NotFoundError for ids of other tenants. `origin` (the Worker's public
 * origin) builds the webhook URL "Recriar no WAHA" registers.
 */

/** A core text as a failed result: its pt-BR sentence, and its code for pages to translate. */
const byText = (text: Text) => ({ message: ptText(text), text: textString(text) })

export async function runSessionCommand(
  scope: TenantScope,
  id: string,
  command: SessionCommand,
  deps: WahaDeps = {},
  opts: { origin?: string } = {},
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
      if (!result.ok) {
        const gone = result.error.kind === 'not_found' ? await missingOnWaha(scope, row, client) : null
        return gone ?? { ok: false, ...byText(result.error.text) }
      }
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
      if (!tested.ok) return { ok: false, ...byText(tested.error.text) }
      const info = await checkSessionOnWaha(scope, row, client)
      const testVars = {
        ...vars,
        version: tested.value.version,
        engine: tested.value.engine ?? '?',
        ms: String(tested.value.latencyMs),
      }
      if (!info.ok) return { ok: false, ...byText(info.error.text) }
      if (info.value === null) {
        return {
          ok: false,
          message: 'sessions.testMissingSession',
          vars: { ...testVars, session: row.sessionName },
        }
      }
      // What WAHA just said is the session's status from now on (webhooks may have been lost).
      await applySessionStatus(scope, row, {
        status: info.value.status,
        me: info.value.me,
        at: info.asked,
        source: 'poll',
      })
      return { ok: true, message: 'sessions.testOk', vars: { ...testVars, status: info.value.status } }
    }
    case 'recreate':
    case 'refreshWebhook': {
      if (!opts.origin) throw new Error('recreate needs the public origin for the webhook URL')
      return recreateSession(scope, row, client, opts.origin)
    }
    case 'pairingCode': {
      const code = await client.requestPairingCode(row.sessionName, command.phone)
      if (!code.ok) {
        return code.error.kind === 'session_not_working'
          ? { ok: false, message: 'sessions.errors.pairingNotWaiting' }
          : { ok: false, ...byText(code.error.text) }
      }
      await audit(scope, 'session.pairing_code', row.id, {})
      return { ok: true, message: 'sessions.pairingRequested', pairingCode: code.value.code, vars }
    }
  }
}
