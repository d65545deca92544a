// WhatsApp sessions of a tenant (docs/design.md §2 waha_sessions): listing with today's sends, the safe
// view of one row (never a secret, only the masked key tail), and the checks and columns shared by
// creating (session-create.server.ts: registers the session on WAHA) and editing
// (session-update.server.ts); lifecycle commands in session-commands.server.ts.

import { count, desc, eq, gte, inArray, ne, sql } from 'drizzle-orm'
import { campaignCounts, campaignMessages, wahaSessions } from '../../../db/schema'
import { type Text, type TextParams, textString } from '../../i18n/text'
import type { UserRole } from '../auth/role-names'
import { found, ownedBy, ownedRow, type TenantScope } from '../db/tenant.server'
import { checkOutboundUrl } from '../net/outbound-url'
import { DEFAULT_TIME_ZONE, validatePacing } from '../sending/pacing'

import { localDay } from '../sending/time-zone'
import { lastErrorText } from '../stored-text'
import { protectionProblems } from './protection-settings'
import { parseDays, type SessionFormValues, type SessionSettings } from './session-form'
import type { WahaSessionRow } from './waha-access.server'

const HOUR_MS = 3_600_000

/** Outcome of a session action: an i18n key (or pt-BR text) for the flash / form. */
export type SessionResult =
  | { ok: true; message: string; vars?: TextParams; id?: string; pairingCode?: string }
  | {
      ok: false
      message: string
      vars?: TextParams
      /** The same failure by code (`textString`), when it came from core: pages translate this one. */
      text?: string
      field?: string
      canForceDelete?: boolean
    }

/** A session as pages see it: no secrets, only the masked key tail. */
export interface SessionView extends SessionFormValues {
  id: string
  phone: string | null
  status: string
  lastConnectedAt: number | null
  lastError: Text | null
  lastErrorAt: number | null
  pausedUntil: number | null
  /** The number's first connection in Disparo (day 0 of its warm-up plan). */
  firstConnectedAt: number | null
  createdAt: number
}

/** Strips the secrets of a row. */
export function toView(row: WahaSessionRow): SessionView {
  return {
    id: row.id,
    displayName: row.displayName,
    serverUrl: row.serverUrl,
    sessionName: row.sessionName,
    apiKeyTail: row.apiKeyTail,
    phone: row.phone,
    status: row.status,
    isPrimary: row.isPrimary,
    failoverEnabled: row.failoverEnabled,
    failoverPriority: row.failoverPriority,
    maxPerMinute: row.maxPerMinute,
    minDelayS: row.minDelayS,
    maxDelayS: row.maxDelayS,
    dailyCap: row.dailyCap,
    windowDays: parseDays(row.windowDays),
    windowStartMin: row.windowStartMin,
    windowEndMin: row.windowEndMin,
    mediaMode: row.mediaMode,
    warmupEnabled: row.warmupEnabled,
    warmupStartCap: row.warmupStartCap,
    warmupDays: row.warmupDays,
    packageMin: row.packageMin,
    packageMax: row.packageMax,
    restMinMin: row.restMinMin,
    restMaxMin: row.restMaxMin,
    firstContactDailyBudget: row.firstContactDailyBudget,
    firstConnectedAt: row.firstConnectedAt,
    createdAt: row.createdAt,
    lastConnectedAt: row.lastConnectedAt,
    lastError: lastErrorText(row),
    lastErrorAt: row.lastErrorAt,
    pausedUntil: row.pausedUntil,
  }
}

/** Messages sent today (São Paulo day) per session id. */
export async function sendsToday(scope: TenantScope, sessionIds: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>()
  if (sessionIds.length === 0) return out
  const since = localDay(scope.clock(), DEFAULT_TIME_ZONE).start
  // The campaign counters (decision 041) by hour of sent_at when the day starts on a whole hour (São
  // Paulo's does); otherwise the outbox rows themselves.
  const rows =
    since % HOUR_MS === 0
      ? await scope.db
          .select({ sessionId: campaignCounts.sessionId, n: sql<number>`SUM(${campaignCounts.n})` })
          .from(campaignCounts)
          .where(
            ownedBy(
              scope,
              campaignCounts,
              inArray(campaignCounts.sessionId, sessionIds),
              gte(campaignCounts.sentHour, since / HOUR_MS),
            ),
          )
          .groupBy(campaignCounts.sessionId)
      : await scope.db
          .select({ sessionId: campaignMessages.sessionId, n: count() })
          .from(campaignMessages)
          .where(
            ownedBy(
              scope,
              campaignMessages,
              inArray(campaignMessages.sessionId, sessionIds),
              gte(campaignMessages.sentAt, since),
            ),
          )
          .groupBy(campaignMessages.sessionId)
  for (const r of rows) if (r.sessionId && Number(r.n) > 0) out.set(r.sessionId, Number(r.n))
  return out
}

/** Raw rows of the tenant (primary first, then by failover priority). */
export async function listSessionRows(scope: TenantScope): Promise<WahaSessionRow[]> {
  return scope.db
    .select()
    .from(wahaSessions)
    .where(ownedBy(scope, wahaSessions))
    .orderBy(desc(wahaSessions.isPrimary), wahaSessions.failoverPriority, wahaSessions.displayName)
}

/** One row of the tenant, or NotFoundError (also for other tenants' ids). */
export async function getSessionRow(scope: TenantScope, id: string): Promise<WahaSessionRow> {
  const row = await scope.db
    .select()
    .from(wahaSessions)
    .where(ownedRow(scope, wahaSessions, id))
    .get()
  return found(row, 'session')
}

/** Normalises and checks a WAHA server URL (no trailing slash); a pt-BR problem when refused. */
export function checkServerUrl(
  scope: TenantScope,
  raw: string,
): { ok: true; url: string } | { ok: false; message: string } {
  const checked = checkOutboundUrl(raw, { allowPrivate: scope.config.allowPrivateUrls })
  if (!checked.ok) return { ok: false, message: textString(checked.text) }
  if (checked.url.search !== '') return { ok: false, message: 'sessions.errors.urlQuery' }
  return { ok: true, url: checked.url.toString().replace(/\/+$/, '') }
}

/** Pacing problems of the settings (server-side guard, same rules as campaigns); the message is a text string. */
export function settingsProblem(settings: SessionSettings): { field: string; message: string } | null {
  const problems = validatePacing({
    minDelayS: settings.minDelayS,
    maxDelayS: settings.maxDelayS,
    maxPerMinute: settings.maxPerMinute,
    dailyCap: settings.dailyCap,
    timeZone: DEFAULT_TIME_ZONE,
    window: {
      days: settings.windowDays,
      startMinute: settings.windowStartMin,
      endMinute: settings.windowEndMin,
    },
  })
  const first = problems[0]
  if (!first) return protectionProblems(settings)[0] ?? null
  const field =
    first.field === 'window.days'
      ? 'windowDays'
      : first.field.startsWith('window.')
        ? 'windowEnd'
        : first.field
  return { field, message: textString(first.text) }
}

/** Column values of the settings (shared by create and update). */
export function settingsColumns(settings: SessionSettings) {
  return {
    displayName: settings.displayName,
    isPrimary: settings.isPrimary,
    failoverEnabled: settings.failoverEnabled,
    failoverPriority: settings.failoverPriority,
    maxPerMinute: settings.maxPerMinute,
    minDelayS: settings.minDelayS,
    maxDelayS: settings.maxDelayS,
    dailyCap: settings.dailyCap,
    windowDays: settings.windowDays.join(','),
    windowStartMin: settings.windowStartMin,
    windowEndMin: settings.windowEndMin,
    mediaMode: settings.mediaMode,
    warmupEnabled: settings.warmupEnabled,
    warmupStartCap: settings.warmupStartCap,
    warmupDays: settings.warmupDays,
    packageMin: settings.packageMin,
    packageMax: settings.packageMax,
    restMinMin: settings.restMinMin,
    restMaxMin: settings.restMaxMin,
    firstContactDailyBudget: settings.firstContactDailyBudget,
  }
}

/** Only an admin may switch a number's warm-up off (decision 020); null when allowed. */
export function warmupOffProblem(
  settings: SessionSettings,
  role: UserRole,
): { field: string; message: string } | null {
  if (settings.warmupEnabled || role === 'admin') return null
  return { field: 'warmupEnabled', message: 'protection.errors.warmupOffAdminOnly' }
}

/** The statement that leaves `id` as the only primary session of the tenant. */
export function clearOtherPrimaries(scope: TenantScope, id: string) {
  return scope.db
    .update(wahaSessions)
    .set({ isPrimary: false })
    .where(ownedBy(scope, wahaSessions, eq(wahaSessions.isPrimary, true), ne(wahaSessions.id, id)))
}

/** True when another session of the tenant (not `exceptId`) already uses this server and WAHA session name. */
export async function sessionNameTaken(
  scope: TenantScope,
  serverUrl: string,
  sessionName: string,
  exceptId?: string,
): Promise<boolean> {
  const row = await scope.db
    .select({ id: wahaSessions.id })
    .from(wahaSessions)
    .where(
      ownedBy(
        scope,
        wahaSessions,
        eq(wahaSessions.serverUrl, serverUrl),
        eq(wahaSessions.sessionName, sessionName),
        exceptId === undefined ? undefined : ne(wahaSessions.id, exceptId),
      ),
    )
    .get()
  return row !== undefined
}
