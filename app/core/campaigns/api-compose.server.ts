// The public API's campaign writes (decision 030, issue #16): a campaign created or scheduled through
// /api/v1 goes through the composer's own rules, not a copy of them. The API's JSON is turned into the
// composer's values (ComposerInput), checked by ComposerSchema and checkReferences exactly as the form
// is, and saved by saveComposer (one batch; scheduling is lifecycle.server.ts's statement). Errors come
// back with the composer's field names and message codes; the route turns them into JSON Pointers.
//
// Media: a `mediaId` from POST /api/v1/media names a file the media core stored after checking its
// bytes; its kind, type and name are read back from R2 (describeMediaId) and set on the composer's
// values, so the composer's rules (voice means no text, caption length) apply as in the form.
import { randomToken } from '../crypto/secrets'
import type { TenantScope } from '../db/tenant.server'
import { DEFAULT_TIME_ZONE, PACING_DEFAULTS } from '../sending/pacing'
import { toLocalTime } from '../sending/time-zone'
import { type CampaignRow, checkReferences, getCampaign } from './campaigns.server'
import { saveComposer } from './composer-save.server'
import { type ComposerInput, ComposerSchema, formatHhmm, localDateTimeToEpoch } from './composer-schema'
import { describeMediaId } from './media.server'
import { stepInputOf } from './steps'

/** What /api/v1/campaigns accepts (already shaped by the route's zod schema). */
export type ApiCampaignInput = {
  name: string
  listId?: string | null
  /** Lists and/or segments minus exclusions (decision 039). */
  audience?: {
    listIds?: string[]
    segmentIds?: number[]
    exclude?: { listIds?: string[]; segmentIds?: number[]; messagedWithinDays?: number }
  }
  texts?: string[]
  sessionIds?: string[]
  pacing?: {
    minDelayS: number
    maxDelayS: number
    maxPerMinute: number
    dailyCap: number
    window: { days: number[]; start: string; end: string }
    rest?: { packageMin: number; packageMax: number; restMinMin: number; restMaxMin: number } | null
  }
  areaCodeAffinity?: boolean
  simulateTyping?: boolean
  linkTracking?: boolean
  /** An attachment uploaded with POST /api/v1/media. */
  mediaId?: string
  /** WhatsApp's preview of the first link in a text message. */
  linkPreview?: boolean
  /** A WhatsApp poll (decision 038): the texts are its question. */
  poll?: { options: string[]; multipleAnswers?: boolean }
  /** Follow-up steps (decision 040). */
  steps?: Array<{
    texts: string[]
    poll?: { options: string[]; multipleAnswers?: boolean }
    delay: { value: number; unit: 'hours' | 'days' }
    audience: string
    option?: string
  }>
  confirmation?: string
}

/** A refusal of one composer field: its name in the form and its message (code or text string). */
export type ComposeIssue = { field: string; index?: number; message: string; path?: (string | number)[] }

export type ComposeOutcome = { ok: true; campaign: CampaignRow } | { ok: false; issues: ComposeIssue[] }

/** The composer's values for an API body; pacing left out is the form's default (PACING_DEFAULTS). */
function toComposerInput(
  body: ApiCampaignInput,
  intent: 'save' | 'schedule',
  at: number | null = null,
): ComposerInput {
  const p = body.pacing
  const local = at === null ? null : toLocalTime(at, DEFAULT_TIME_ZONE)
  const a = body.audience
  const lists = [...(body.listId ? [body.listId] : []), ...(a?.listIds ?? [])]
  return {
    intent,
    name: body.name,
    listId: lists[0] ?? '',
    audienceLists: lists.slice(1),
    audienceSegments: (a?.segmentIds ?? []).map(String),
    excludeLists: a?.exclude?.listIds ?? [],
    excludeSegments: (a?.exclude?.segmentIds ?? []).map(String),
    excludeMessagedDays: a?.exclude?.messagedWithinDays,
    texts: body.texts ?? [],
    sessionIds: body.sessionIds ?? [],
    // the order given is the priority (the form's numbers 1, 2, 3…)
    priority: Object.fromEntries((body.sessionIds ?? []).map((id, i) => [id, String(i + 1)])),
    minDelayS: p?.minDelayS ?? PACING_DEFAULTS.minDelayS,
    maxDelayS: p?.maxDelayS ?? PACING_DEFAULTS.maxDelayS,
    maxPerMinute: p?.maxPerMinute ?? PACING_DEFAULTS.maxPerMinute,
    dailyCap: p?.dailyCap ?? PACING_DEFAULTS.dailyCap,
    windowDays: (p?.window.days ?? PACING_DEFAULTS.window.days).map(String),
    windowStart: p?.window.start ?? formatHhmm(PACING_DEFAULTS.window.startMinute),
    windowEnd: p?.window.end ?? formatHhmm(PACING_DEFAULTS.window.endMinute),
    packageMin: p?.rest?.packageMin,
    packageMax: p?.rest?.packageMax,
    restMinMin: p?.rest?.restMinMin,
    restMaxMin: p?.rest?.restMaxMin,
    areaCodeAffinity: body.areaCodeAffinity ?? false,
    simulateTyping: body.simulateTyping ?? true,
    linkTracking: body.linkTracking ?? false,
    linkPreview: body.linkPreview ?? false,
    ...(body.poll
      ? { pollOn: true, pollOptions: body.poll.options, pollMultiple: body.poll.multipleAnswers ?? false }
      : {}),
    steps: (body.steps ?? []).map((st) => ({
      kind: st.poll ? 'poll' : 'text',
      texts: st.texts,
      pollOptions: st.poll?.options,
      pollMultiple: st.poll?.multipleAnswers ?? false,
      delayValue: st.delay.value,
      delayUnit: st.delay.unit,
      audience: st.audience,
      option: st.option,
    })),
    confirmation: body.confirmation,
    scheduleDate: local
      ? `${local.year}-${String(local.month).padStart(2, '0')}-${String(local.day).padStart(2, '0')}`
      : undefined,
    scheduleTime: local ? formatHhmm(local.minuteOfDay) : undefined,
  }
}

/** The composer's values of a saved campaign (to schedule it again through the same rules). */
function composerInputOf(c: CampaignRow, intent: 'save' | 'schedule', at: number | null): ComposerInput {
  const rest =
    c.packageMin !== null && c.packageMax !== null && c.restMinMin !== null && c.restMaxMin !== null
      ? {
          packageMin: c.packageMin,
          packageMax: c.packageMax,
          restMinMin: c.restMinMin,
          restMaxMin: c.restMaxMin,
        }
      : null
  const window = c.window ?? PACING_DEFAULTS.window
  const v = toComposerInput(
    {
      name: c.name,
      listId: c.audience ? null : c.listId,
      audience: c.audience
        ? {
            listIds: c.audience.lists,
            segmentIds: c.audience.segments,
            exclude: {
              listIds: c.audience.exclude.lists,
              segmentIds: c.audience.exclude.segments,
              messagedWithinDays: c.audience.exclude.messagedWithinDays ?? undefined,
            },
          }
        : undefined,
      texts: c.texts,
      sessionIds: c.sessionIds,
      pacing: {
        minDelayS: c.minDelayS ?? PACING_DEFAULTS.minDelayS,
        maxDelayS: c.maxDelayS ?? PACING_DEFAULTS.maxDelayS,
        maxPerMinute: c.maxPerMinute ?? PACING_DEFAULTS.maxPerMinute,
        dailyCap: c.dailyCap ?? PACING_DEFAULTS.dailyCap,
        window: {
          days: [...window.days],
          start: formatHhmm(window.startMinute),
          end: formatHhmm(window.endMinute),
        },
        rest,
      },
      areaCodeAffinity: c.areaCodeAffinity,
      simulateTyping: c.simulateTyping,
      linkTracking: c.linkTracking,
      linkPreview: c.linkPreview,
      confirmation: c.confirmation ?? undefined,
    },
    intent,
    at,
  )
  // the saved attachment and poll (decision 038) stay with the campaign
  return {
    ...v,
    steps: (c.steps ?? []).map(stepInputOf),
    pollOn: c.poll !== null,
    pollOptions: c.poll?.options,
    pollMultiple: c.poll?.multipleAnswers,
    mediaKey: c.mediaKey ?? undefined,
    mediaType: c.mediaType ?? undefined,
    mediaKind: c.mediaKind ?? undefined,
    mediaName: c.mediaName ?? undefined,
  }
}

/** The composer's checks on `v`: the schema's (as the form's), the time in the future, the database's. */
async function composerIssues(
  scope: TenantScope,
  v: ComposerInput,
  mode: 'save' | 'full',
  at: number | null,
): Promise<ComposeIssue[]> {
  const parsed = ComposerSchema.safeParse(v)
  if (!parsed.success)
    return parsed.error.issues.map((i) => ({
      field: String(i.path[0] ?? ''),
      index: typeof i.path[1] === 'number' ? i.path[1] : undefined,
      message: i.message,
      path: i.path.filter((x): x is string | number => typeof x !== 'symbol'),
    }))
  const issues: ComposeIssue[] = []
  if (at !== null) {
    // The schema checked the local date and time; as in the composer, the moment must be in the future.
    const minute = localDateTimeToEpoch(v.scheduleDate ?? '', v.scheduleTime ?? '')
    if (minute === null || minute <= scope.clock())
      issues.push({ field: 'scheduleDate', message: 'campaigns.errors.scheduleInPast' })
  }
  const refs = await checkReferences(scope, parsed.data, mode)
  for (const [field, messages] of Object.entries(refs))
    for (const message of messages) issues.push({ field, message })
  return issues
}

/**
 * Creates a draft campaign from the API's JSON, scheduled for `at` (epoch ms, seconds dropped as the
 * composer's minutes) when given, through the composer's rules and save.
 */
export async function createCampaignFromApi(
  scope: TenantScope,
  body: ApiCampaignInput,
  at: number | null,
  baseUrl: string,
): Promise<ComposeOutcome> {
  let v = toComposerInput(body, at === null ? 'save' : 'schedule', at)
  if (body.mediaId !== undefined) {
    const media = await describeMediaId(scope, body.mediaId)
    if (!media) return { ok: false, issues: [{ field: 'mediaId', message: 'api.media.notFound' }] }
    v = {
      ...v,
      mediaKey: media.key,
      mediaType: media.type,
      mediaKind: media.kind,
      mediaName: media.name ?? undefined,
    }
  }
  const issues = await composerIssues(scope, v, at === null ? 'save' : 'full', at)
  if (issues.length > 0) return { ok: false, issues }
  const when = at === null ? null : localDateTimeToEpoch(v.scheduleDate ?? '', v.scheduleTime ?? '')
  const saved = await saveComposer(scope, { token: randomToken(16) }, v, when, baseUrl)
  if (!saved.ok) return { ok: false, issues: [{ field: '', message: saved.message }] }
  if (saved.schedule && !saved.schedule.ok)
    return { ok: false, issues: [{ field: 'scheduleAt', message: saved.schedule.message }] }
  return { ok: true, campaign: await getCampaign(scope, saved.campaign.id) }
}

/** Schedules (or moves) a draft or scheduled campaign to `at`, checked as the composer's "Agendar". */
export async function scheduleCampaignFromApi(
  scope: TenantScope,
  campaignId: string,
  at: number,
  baseUrl: string,
): Promise<ComposeOutcome | { ok: false; conflict: string }> {
  const campaign = await getCampaign(scope, campaignId)
  if (campaign.status !== 'draft' && campaign.status !== 'scheduled')
    return { ok: false, conflict: `campaigns.errors.cannot.scheduled` }
  const v = composerInputOf(campaign, 'schedule', at)
  const issues = await composerIssues(scope, v, 'full', at)
  if (issues.length > 0) return { ok: false, issues }
  const when = localDateTimeToEpoch(v.scheduleDate ?? '', v.scheduleTime ?? '')
  const saved = await saveComposer(scope, { id: campaignId }, v, when, baseUrl)
  if (!saved.ok) return { ok: false, conflict: saved.message }
  if (saved.schedule && !saved.schedule.ok) return { ok: false, conflict: saved.schedule.message }
  return { ok: true, campaign: await getCampaign(scope, campaignId) }
}
