// The WhatsApp session form (create / edit) and the detail-page intents, shared by the browser
// (conform) and the server. Messages are i18n keys (`sessions.errors.*`); the UI translates them.
// Pacing rules match app/core/campaigns/pacing.ts (validatePacing runs again on the server).

import { z } from 'zod'
import type { Text } from '../../i18n/text'
import { PACING_DEFAULTS } from '../sending/pacing'
import { type ProtectionValues, protectionProblems } from './protection-settings'

/** Live statuses while the page must keep refreshing (QR shown, waiting for the phone). */
const TRANSITIONAL_STATUSES = ['STARTING', 'SCAN_QR_CODE'] as const

/** True while the session is starting or waiting for the QR code / pairing code. */
export function isTransitional(status: string): boolean {
  return (TRANSITIONAL_STATUSES as readonly string[]).includes(status)
}

/** What a page shows about a session's connection (the /estado resource route answers the same). */
export interface LiveView {
  status: string
  qr: string | null
  phone: string | null
  lastError: Text | null
  lastErrorAt: number | null
  lastConnectedAt: number | null
  /** Set when WAHA could not be asked right now (pt-BR, says what to do). */
  /** A Text on the page; the reader's words in the polled JSON (`/estado`). */
  pollError: Text | string | null
}

const MEDIA_MODES = ['url', 'base64'] as const
const SESSION_DEFAULTS = {
  minDelayS: PACING_DEFAULTS.minDelayS,
  maxDelayS: PACING_DEFAULTS.maxDelayS,
  maxPerMinute: PACING_DEFAULTS.maxPerMinute,
  dailyCap: PACING_DEFAULTS.dailyCap,
  failoverPriority: 1,
  windowDays: [...PACING_DEFAULTS.window.days],
  windowStart: formatHhmm(PACING_DEFAULTS.window.startMinute),
  windowEnd: formatHhmm(PACING_DEFAULTS.window.endMinute),
  mediaMode: 'url' as const,
  // Number protection (decision 020; the same defaults as migration 0003's columns).
  warmupEnabled: true,
  warmupStartCap: 20,
  warmupDays: 14,
  packageMin: 20,
  packageMax: 40,
  restMinMin: 5,
  restMaxMin: 15,
  firstContactDailyBudget: 50,
}

const HHMM = /^(?:([01]\d|2[0-3]):([0-5]\d)|24:00)$/

/** "HH:MM" (00:00..24:00) to minutes since midnight, or null. */
export function parseHhmm(value: string): number | null {
  const m = HHMM.exec(value.trim())
  if (!m) return null
  if (value.trim() === '24:00') return 1440
  return Number(m[1]) * 60 + Number(m[2])
}

/** Minutes since midnight to "HH:MM". */
export function formatHhmm(minutes: number): string {
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`
}

const required = (max: number) =>
  z.string({ error: 'errors.required' }).trim().min(1, 'errors.required').max(max, 'sessions.errors.tooLong')

const int = (min: number, max: number, message: string) =>
  z
    .number({ error: (issue) => (issue.input === undefined ? 'errors.required' : message) })
    .int(message)
    .min(min, message)
    .max(max, message)

const checkbox = z.boolean().optional().default(false)

/** Fields common to create and edit. */
const settingsShape = {
  displayName: required(80),
  serverUrl: required(2048),
  isPrimary: checkbox,
  failoverEnabled: checkbox,
  failoverPriority: int(1, 99, 'sessions.errors.priority'),
  maxPerMinute: int(1, 60, 'sessions.errors.maxPerMinute'),
  minDelayS: int(0, 3600, 'sessions.errors.delay'),
  maxDelayS: int(0, 3600, 'sessions.errors.delay'),
  dailyCap: int(1, 100_000, 'sessions.errors.dailyCap'),
  windowDays: z
    .array(z.number().int().min(0, 'sessions.errors.days').max(6, 'sessions.errors.days'), {
      error: 'sessions.errors.days',
    })
    .min(1, 'sessions.errors.days')
    .max(7, 'sessions.errors.days'),
  windowStart: z.string({ error: 'errors.required' }).trim().regex(HHMM, 'sessions.errors.time'),
  windowEnd: z.string({ error: 'errors.required' }).trim().regex(HHMM, 'sessions.errors.time'),
  mediaMode: z.enum(MEDIA_MODES, { error: 'sessions.errors.mediaMode' }),
  warmupEnabled: checkbox,
  warmupStartCap: int(1, 100_000, 'protection.errors.warmupStartCap'),
  warmupDays: int(1, 365, 'protection.errors.warmupDays'),
  packageMin: int(0, 10_000, 'protection.errors.package'),
  packageMax: int(0, 10_000, 'protection.errors.package'),
  restMinMin: int(0, 1440, 'protection.errors.rest'),
  restMaxMin: int(0, 1440, 'protection.errors.rest'),
  firstContactDailyBudget: int(0, 100_000, 'protection.errors.firstContactBudget'),
}

type SettingsDraft = ProtectionValues & {
  minDelayS: number
  maxDelayS: number
  windowStart: string
  windowEnd: string
}

function crossChecks(value: SettingsDraft, ctx: z.RefinementCtx) {
  if (value.minDelayS > value.maxDelayS) {
    ctx.addIssue({ code: 'custom', path: ['maxDelayS'], message: 'sessions.errors.minAboveMax' })
  }
  const start = parseHhmm(value.windowStart)
  const end = parseHhmm(value.windowEnd)
  if (start !== null && start >= 1440) {
    ctx.addIssue({ code: 'custom', path: ['windowStart'], message: 'sessions.errors.time' })
  } else if (start !== null && end !== null && end <= start) {
    ctx.addIssue({ code: 'custom', path: ['windowEnd'], message: 'sessions.errors.windowOrder' })
  }
  for (const p of protectionProblems(value))
    ctx.addIssue({ code: 'custom', path: [p.field], message: p.message })
}

/** WAHA session names: letters, digits, `-` and `_` (they go into URL paths). */
const WAHA_SESSION_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/

export const CreateSessionSchema = z
  .object({
    intent: z.literal('create'),
    ...settingsShape,
    apiKey: z.string().trim().max(512, 'sessions.errors.tooLong').optional(),
    sessionName: z
      .string({ error: 'errors.required' })
      .trim()
      .min(1, 'errors.required')
      .regex(WAHA_SESSION_NAME, 'sessions.errors.sessionName'),
  })
  .superRefine(crossChecks)
export type CreateSessionInput = z.infer<typeof CreateSessionSchema>

export const UpdateSessionSchema = z
  .object({
    intent: z.literal('update'),
    ...settingsShape,
    /** Empty keeps the saved key. */
    apiKey: z.string().trim().max(512, 'sessions.errors.tooLong').optional(),
  })
  .superRefine(crossChecks)
export type UpdateSessionInput = z.infer<typeof UpdateSessionSchema>

/** Digits of a phone for the pairing code (Brazil: 55 + DDD + number). */
const pairingPhone = z
  .string({ error: 'errors.required' })
  .trim()
  .min(1, 'errors.required')
  .transform((v) => v.replace(/\D/g, ''))
  .refine((v) => v.length >= 10 && v.length <= 15, 'sessions.errors.pairingPhone')

/** Every other intent of the detail page (plain buttons, each in its own form). */
export const SessionCommandSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('start') }),
  z.object({ intent: z.literal('stop') }),
  z.object({ intent: z.literal('restart') }),
  z.object({ intent: z.literal('logout') }),
  z.object({ intent: z.literal('test') }),
  z.object({ intent: z.literal('recreate') }),
  // the same command for a session WAHA has: our webhook checked, and updated when it misses events
  z.object({ intent: z.literal('refreshWebhook') }),
  z.object({ intent: z.literal('delete'), force: z.enum(['1']).optional() }),
  z.object({ intent: z.literal('pairingCode'), phone: pairingPhone }),
])
export type SessionCommand = z.infer<typeof SessionCommandSchema>

/** The editable settings as stored (minutes and day lists resolved). */
export interface SessionSettings extends ProtectionValues {
  displayName: string
  serverUrl: string
  isPrimary: boolean
  failoverEnabled: boolean
  failoverPriority: number
  maxPerMinute: number
  minDelayS: number
  maxDelayS: number
  dailyCap: number
  windowDays: number[]
  windowStartMin: number
  windowEndMin: number
  mediaMode: (typeof MEDIA_MODES)[number]
}

/** Saved values shown in the edit form: the settings plus the fixed name (never the key). */
export interface SessionFormValues extends SessionSettings {
  sessionName: string
  apiKeyTail: string | null
}

/** The form's starting values: the saved ones (edit) or the defaults (create). */
export function sessionFormDefaults(values: SessionFormValues | undefined, defaultServerUrl: string) {
  return {
    displayName: values?.displayName ?? '',
    serverUrl: values?.serverUrl ?? defaultServerUrl,
    sessionName: values?.sessionName ?? '',
    isPrimary: values?.isPrimary ?? false,
    failoverEnabled: values?.failoverEnabled ?? true,
    failoverPriority: values?.failoverPriority ?? SESSION_DEFAULTS.failoverPriority,
    maxPerMinute: values?.maxPerMinute ?? SESSION_DEFAULTS.maxPerMinute,
    minDelayS: values?.minDelayS ?? SESSION_DEFAULTS.minDelayS,
    maxDelayS: values?.maxDelayS ?? SESSION_DEFAULTS.maxDelayS,
    dailyCap: values?.dailyCap ?? SESSION_DEFAULTS.dailyCap,
    windowDays: (values?.windowDays ?? SESSION_DEFAULTS.windowDays).map(String),
    windowStart: values ? formatHhmm(values.windowStartMin) : SESSION_DEFAULTS.windowStart,
    windowEnd: values ? formatHhmm(Math.min(values.windowEndMin, 1439)) : SESSION_DEFAULTS.windowEnd,
    mediaMode: values?.mediaMode ?? SESSION_DEFAULTS.mediaMode,
    warmupEnabled: values?.warmupEnabled ?? SESSION_DEFAULTS.warmupEnabled,
    warmupStartCap: values?.warmupStartCap ?? SESSION_DEFAULTS.warmupStartCap,
    warmupDays: values?.warmupDays ?? SESSION_DEFAULTS.warmupDays,
    packageMin: values?.packageMin ?? SESSION_DEFAULTS.packageMin,
    packageMax: values?.packageMax ?? SESSION_DEFAULTS.packageMax,
    restMinMin: values?.restMinMin ?? SESSION_DEFAULTS.restMinMin,
    restMaxMin: values?.restMaxMin ?? SESSION_DEFAULTS.restMaxMin,
    firstContactDailyBudget: values?.firstContactDailyBudget ?? SESSION_DEFAULTS.firstContactDailyBudget,
  }
}

/** Converts parsed form values to stored settings. */
export function toSettings(input: CreateSessionInput | UpdateSessionInput): SessionSettings {
  return {
    displayName: input.displayName,
    serverUrl: input.serverUrl,
    isPrimary: input.isPrimary,
    failoverEnabled: input.failoverEnabled,
    failoverPriority: input.failoverPriority,
    maxPerMinute: input.maxPerMinute,
    minDelayS: input.minDelayS,
    maxDelayS: input.maxDelayS,
    dailyCap: input.dailyCap,
    windowDays: [...new Set(input.windowDays)].sort((a, b) => a - b),
    windowStartMin: parseHhmm(input.windowStart) ?? 0,
    windowEndMin: parseHhmm(input.windowEnd) ?? 1440,
    mediaMode: input.mediaMode,
    warmupEnabled: input.warmupEnabled,
    warmupStartCap: input.warmupStartCap,
    warmupDays: input.warmupDays,
    packageMin: input.packageMin,
    packageMax: input.packageMax,
    restMinMin: input.restMinMin,
    restMaxMin: input.restMaxMin,
    firstContactDailyBudget: input.firstContactDailyBudget,
  }
}

/** Stored "1,2,3" day list to numbers (invalid entries dropped). */
export function parseDays(value: string): number[] {
  return value
    .split(',')
    .map((d) => Number(d.trim()))
    .filter((d) => Number.isInteger(d) && d >= 0 && d <= 6)
}
