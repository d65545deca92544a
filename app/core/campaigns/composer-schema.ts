// The campaign composer form (pure: used by conform in the browser and by the server action).
// Field names are the form's input names. Which checks apply depends on the submit button's `intent`:
// saving a draft needs a name and well-formed texts; scheduling and launching need everything.
// Messages are i18n keys (campaigns.*) or texts of the pure modules as text strings (textString, decision
// 025: pacing and template problems); the UI passes them through t().
import { z } from 'zod'
import { textString } from '../../i18n/text'
import { DEFAULT_TIME_ZONE, type SendWindow, validatePacing } from '../sending/pacing'
import { fromLocalTime } from '../sending/time-zone'
import { audienceFieldProblems, hasAudience } from './audience/spec'
import { MAX_TEXTS, pollOptionsField, textsField } from './composer-fields'
import { followUpProblems, StepsFieldSchema } from './composer-steps'
import { POLL_QUESTION_MAX, pollProblems } from './poll'
import { countChars, parseTemplate, WHATSAPP_CAPTION_LIMIT, WHATSAPP_TEXT_LIMIT } from './template'

/** Submit intents the composer understands (conform's own list intents come separately). */

/** Intents that store the campaign. */
export function isSavingIntent(intent: unknown): intent is 'save' | 'schedule' | 'launch' {
  return intent === 'save' || intent === 'schedule' || intent === 'launch'
}

export { MAX_TEXTS }

const MAX_NAME = 120
const MAX_BRIEF = 2000
/** An idempotency token: the new form's campaign id is `cmp_<token>`. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,64}$/

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/

/** 'HH:MM' -> minutes since midnight (24:00 -> 1440), or null. */
export function parseHhmm(value: string | undefined | null): number | null {
  const m = HHMM.exec((value ?? '').trim())
  if (!m) return null
  if (value?.trim() === '24:00') return 1440
  return Number(m[1]) * 60 + Number(m[2])
}

/** minutes since midnight -> 'HH:MM'. */
export function formatHhmm(minutes: number): string {
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`
}

/** A São Paulo wall-clock date ('YYYY-MM-DD') and time ('HH:MM') -> epoch ms, or null when malformed. */
export function localDateTimeToEpoch(
  date: string,
  time: string,
  timeZone = DEFAULT_TIME_ZONE,
): number | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim())
  const minutes = parseHhmm(time)
  if (!d || minutes === null || minutes >= 1440) return null
  const [year, month, day] = [Number(d[1]), Number(d[2]), Number(d[3])]
  const check = new Date(Date.UTC(year, month - 1, day))
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day)
    return null
  return fromLocalTime({ year, month, day }, minutes, timeZone)
}

const optionalText = (max: number) => z.string().max(max, 'campaigns.errors.tooLong').optional()

const num = z.number({ error: 'campaigns.errors.number' })
const optionalNumber = num.optional()

export const ComposerSchema = z
  .object({
    intent: z.string().optional(),
    token: z.string().optional(),
    name: z.string().trim().max(MAX_NAME, 'campaigns.errors.nameTooLong').optional(),
    listId: z.string().optional(),
    // The audience beyond one list (decision 039): more lists, saved segments and exclusions.
    audienceLists: z.array(z.string().max(64)).max(100).optional(),
    audienceSegments: z.array(z.string().max(20)).max(100).optional(),
    excludeLists: z.array(z.string().max(64)).max(100).optional(),
    excludeSegments: z.array(z.string().max(20)).max(100).optional(),
    excludeMessagedDays: optionalNumber,
    texts: textsField,
    mediaKey: z.string().max(200).optional(),
    mediaType: z.string().max(80).optional(),
    mediaKind: z.string().max(20).optional(),
    mediaName: z.string().max(120).optional(),
    sessionIds: z.array(z.string().max(60)).max(50).optional(),
    priority: z.record(z.string(), z.string().max(4).optional()).optional(),
    minDelayS: num,
    maxDelayS: num,
    maxPerMinute: num,
    dailyCap: num,
    windowDays: z.array(z.string()).max(7).optional(),
    windowStart: z.string().optional(),
    windowEnd: z.string().optional(),
    // The campaign's own rest packages (all four blank: follow each session's) and area-code affinity.
    packageMin: optionalNumber,
    packageMax: optionalNumber,
    restMinMin: optionalNumber,
    restMaxMin: optionalNumber,
    areaCodeAffinity: z.boolean().optional(),
    simulateTyping: z.boolean().optional(),
    linkTracking: z.boolean().optional(),
    linkPreview: z.boolean().optional(),
    // A WhatsApp poll (decision 038): the texts are its question; a fixed set of option inputs.
    pollOn: z.boolean().optional(),
    pollOptions: pollOptionsField,
    pollMultiple: z.boolean().optional(),
    // Follow-up steps and the automatic confirmation (decision 040).
    steps: StepsFieldSchema,
    confirmation: optionalText(WHATSAPP_TEXT_LIMIT),
    scheduleDate: optionalText(10),
    scheduleTime: optionalText(5),
    aiBrief: optionalText(MAX_BRIEF),
    aiTone: optionalText(40),
    aiProviderId: optionalText(60),
    aiVariants: z.array(z.string().max(WHATSAPP_TEXT_LIMIT).optional()).max(10).optional(),
    // "Enviar teste": the number to send to and the session it goes through.
    testPhone: optionalText(40),
    testSessionId: optionalText(60),
  })
  .superRefine((v, ctx) => {
    const add = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: 'custom', path, message })
    if (v.intent === 'ai') {
      if (!v.aiBrief?.trim()) add(['aiBrief'], 'campaigns.errors.briefRequired')
      if (!v.aiProviderId) add(['aiProviderId'], 'campaigns.errors.providerRequired')
      return
    }
    if (!isSavingIntent(v.intent)) return
    const full = v.intent !== 'save'
    if (!v.name) add(['name'], 'campaigns.errors.nameRequired')
    const limit = v.pollOn ? POLL_QUESTION_MAX : v.mediaKey ? WHATSAPP_CAPTION_LIMIT : WHATSAPP_TEXT_LIMIT
    if (v.pollOn) for (const p of pollProblems(v.pollOptions, Boolean(v.mediaKey))) add([p.field], p.message)
    const texts = v.texts ?? []
    // A voice note has no caption (WAHA's sendVoice): its campaign carries no text (decision 034).
    if (isVoice(v) && texts.some((t) => t?.trim())) add(['texts'], 'media.errors.voiceText')
    texts.forEach((text, i) => {
      if (!text) return
      const parsed = parseTemplate(text)
      if (!parsed.ok) for (const e of parsed.errors) add(['texts', i], textString(e.reason))
      if (countChars(text) > limit) {
        add(
          ['texts', i],
          v.pollOn
            ? 'polls.errors.questionTooLong'
            : v.mediaKey
              ? 'campaigns.errors.captionTooLong'
              : 'campaigns.errors.textTooLong',
        )
      }
    })
    for (const p of followUpProblems(v)) add(p.path, p.message)
    for (const p of pacingProblems(v)) add([p.field], p.message)
    for (const p of campaignRestProblems(v)) add([p.field], p.message)
    for (const p of audienceFieldProblems(v)) add([p.field], p.message)
    if (!full) return
    for (const p of completenessProblems(v)) add([p.field], p.message)
    if (v.intent === 'schedule') {
      if (!v.scheduleDate || !v.scheduleTime) add(['scheduleDate'], 'campaigns.errors.scheduleRequired')
      else if (localDateTimeToEpoch(v.scheduleDate, v.scheduleTime) === null)
        add(['scheduleDate'], 'campaigns.errors.scheduleInvalid')
    }
  })

/**
 * What a campaign needs before it can be scheduled or sent: a list or segment, a text (none with a
 * voice note) and a session.
 */
export function completenessProblems(
  v: Pick<
    ComposerInput,
    'listId' | 'audienceLists' | 'audienceSegments' | 'texts' | 'sessionIds' | 'mediaKey' | 'mediaKind'
  >,
): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = []
  if (!hasAudience(v)) problems.push({ field: 'listId', message: 'campaigns.errors.listRequired' })
  if (!isVoice(v) && !(v.texts ?? []).some((t) => t?.trim()))
    problems.push({ field: 'texts', message: 'campaigns.errors.textRequired' })
  if ((v.sessionIds ?? []).length === 0)
    problems.push({ field: 'sessionIds', message: 'campaigns.errors.sessionRequired' })
  return problems
}

export type ComposerInput = z.infer<typeof ComposerSchema>

/** A voice note is attached (it goes without text). */
function isVoice(v: Pick<ComposerInput, 'mediaKey' | 'mediaKind'>): boolean {
  return Boolean(v.mediaKey) && v.mediaKind === 'voice'
}

/** The send window from the form's fields (null when it cannot be read). */
export function windowOf(v: Pick<ComposerInput, 'windowDays' | 'windowStart' | 'windowEnd'>): SendWindow {
  const days = [...new Set((v.windowDays ?? []).map(Number).filter((d) => Number.isInteger(d)))].sort()
  return {
    days,
    startMinute: parseHhmm(v.windowStart) ?? Number.NaN,
    endMinute: parseHhmm(v.windowEnd) ?? Number.NaN,
  }
}

const PACING_FIELDS: Record<string, string> = {
  'window.days': 'windowDays',
  'window.startMinute': 'windowStart',
  'window.endMinute': 'windowEnd',
}

/** validatePacing's problems, with the form's field names (messages by code: textString). */
function pacingProblems(v: ComposerInput): { field: string; message: string }[] {
  const problems = validatePacing({
    minDelayS: v.minDelayS,
    maxDelayS: v.maxDelayS,
    maxPerMinute: v.maxPerMinute,
    dailyCap: v.dailyCap,
    window: windowOf(v),
    timeZone: DEFAULT_TIME_ZONE,
  })
  return problems.map((p) => ({ field: PACING_FIELDS[p.field] ?? p.field, message: textString(p.text) }))
}

const REST_FIELDS = ['packageMin', 'packageMax', 'restMinMin', 'restMaxMin'] as const
type RestDraft = Partial<Record<(typeof REST_FIELDS)[number], number>>

/**
 * The campaign's rest packages: all four blank (the sessions' own apply), or all four whole numbers with
 * packages of 1..10 000 messages, rests of 0..1440 minutes, and each range min ≤ max (decision 020).
 */
function campaignRestProblems(v: RestDraft): { field: string; message: string }[] {
  const given = REST_FIELDS.filter((k) => v[k] !== undefined)
  if (given.length === 0) return []
  const missing = REST_FIELDS.find((k) => v[k] === undefined)
  if (missing) return [{ field: missing, message: 'protection.errors.campaignRestPartial' }]
  const out: { field: string; message: string }[] = []
  const ok = (n: number | undefined, min: number, max: number) =>
    Number.isInteger(n) && (n as number) >= min && (n as number) <= max
  for (const k of ['packageMin', 'packageMax'] as const)
    if (!ok(v[k], 1, 10_000)) out.push({ field: k, message: 'protection.errors.campaignPackage' })
  for (const k of ['restMinMin', 'restMaxMin'] as const)
    if (!ok(v[k], 0, 1440)) out.push({ field: k, message: 'protection.errors.rest' })
  if (out.length > 0) return out
  if ((v.packageMin as number) > (v.packageMax as number))
    out.push({ field: 'packageMax', message: 'protection.errors.packageOrder' })
  if ((v.restMinMin as number) > (v.restMaxMin as number))
    out.push({ field: 'restMaxMin', message: 'protection.errors.restOrder' })
  return out
}

/** The campaign's rest columns from the form (null: the campaign does not set its own rests). */
export function campaignRestOf(v: RestDraft) {
  const set = REST_FIELDS.every((k) => v[k] !== undefined) && campaignRestProblems(v).length === 0
  return {
    packageMin: set ? (v.packageMin as number) : null,
    packageMax: set ? (v.packageMax as number) : null,
    restMinMin: set ? (v.restMinMin as number) : null,
    restMaxMin: set ? (v.restMaxMin as number) : null,
  }
}

/** Selected session ids in priority order: by the number typed (1 first), ties in the order given. */
export function orderSessions(
  sessionIds: readonly string[],
  priority: Record<string, string | undefined> = {},
): string[] {
  const unique = [...new Set(sessionIds)]
  const rank = (id: string) => {
    const n = Number(priority[id])
    return Number.isFinite(n) && (priority[id] ?? '').trim() !== '' ? n : Number.POSITIVE_INFINITY
  }
  return unique
    .map((id, i) => ({ id, i }))
    .sort((a, b) => rank(a.id) - rank(b.id) || a.i - b.i)
    .map((x) => x.id)
}

/** Non-empty texts as typed (trailing whitespace kept: the message is stored as typed). */
export function textsOf(v: Pick<ComposerInput, 'texts'>): string[] {
  return (v.texts ?? []).filter((t): t is string => typeof t === 'string' && t.trim() !== '')
}
