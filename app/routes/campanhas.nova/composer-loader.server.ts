// Loader data of the composer (/campanhas/nova and /campanhas/:id/editar): the form's default values
// (a saved campaign's, or a new one's with the primary session's pacing), the lists, sessions and AI
// providers to choose from, and the saved campaign's review.

import { audienceFields } from '~/core/campaigns/audience/spec'
import { type CampaignRow, composerOptions } from '~/core/campaigns/campaigns.server'
import { reviewInputOf } from '~/core/campaigns/composer-review.server'
import { formatHhmm } from '~/core/campaigns/composer-schema'
import { mediaKindOf } from '~/core/campaigns/media-kinds'
import { POLL_MAX_OPTIONS } from '~/core/campaigns/poll'
import { buildReview } from '~/core/campaigns/preview.server'
import { stepInputOf } from '~/core/campaigns/steps'
import { connectedSessions } from '~/core/campaigns/test-send.server'
import { randomToken } from '~/core/crypto/secrets'
import type { TenantScope } from '~/core/db/tenant.server'
import { PACING_DEFAULTS as D, DEFAULT_TIME_ZONE } from '~/core/sending/pacing'
import { toLocalTime } from '~/core/sending/time-zone'
import type { Locale } from '~/i18n'

type Options = Awaited<ReturnType<typeof composerOptions>>

/** Form default values for a saved campaign, or for a new one (pacing from the primary session). */
function defaultsFor(campaign: CampaignRow | null, options: Options) {
  const first = options.sessions[0]
  const pick = <T>(own: T | null | undefined, fallback: T) =>
    own === null || own === undefined ? fallback : own
  const window = campaign?.window ?? {
    days: first ? first.windowDays.split(',').map(Number) : [...D.window.days],
    startMinute: first?.windowStartMin ?? D.window.startMinute,
    endMinute: first?.windowEndMin ?? D.window.endMinute,
  }
  const scheduled = campaign?.scheduledAt ? toLocalTime(campaign.scheduledAt, DEFAULT_TIME_ZONE) : null
  const sessionIds = campaign ? campaign.sessionIds : first ? [first.id] : []
  return {
    name: campaign?.name ?? '',
    ...audienceDefaults(campaign),
    texts: campaign && campaign.texts.length > 0 ? campaign.texts : [''],
    sessionIds,
    priority: Object.fromEntries(
      (campaign ? campaign.sessionIds : options.sessions.map((s) => s.id)).map((id, i) => [
        id,
        String(i + 1),
      ]),
    ),
    minDelayS: String(pick(campaign?.minDelayS, first?.minDelayS ?? D.minDelayS)),
    maxDelayS: String(pick(campaign?.maxDelayS, first?.maxDelayS ?? D.maxDelayS)),
    maxPerMinute: String(pick(campaign?.maxPerMinute, first?.maxPerMinute ?? D.maxPerMinute)),
    dailyCap: String(pick(campaign?.dailyCap, first?.dailyCap ?? D.dailyCap)),
    windowDays: window.days.map(String),
    windowStart: formatHhmm(window.startMinute),
    windowEnd: formatHhmm(window.endMinute),
    packageMin: campaign?.packageMin == null ? '' : String(campaign.packageMin),
    packageMax: campaign?.packageMax == null ? '' : String(campaign.packageMax),
    restMinMin: campaign?.restMinMin == null ? '' : String(campaign.restMinMin),
    restMaxMin: campaign?.restMaxMin == null ? '' : String(campaign.restMaxMin),
    areaCodeAffinity: campaign?.areaCodeAffinity ? 'on' : '',
    simulateTyping: (campaign?.simulateTyping ?? true) ? 'on' : '',
    linkTracking: campaign?.linkTracking ? 'on' : '',
    linkPreview: campaign?.linkPreview ? 'on' : '',
    pollOn: campaign?.poll ? 'on' : '',
    pollOptions: Array.from({ length: POLL_MAX_OPTIONS }, (_, i) => campaign?.poll?.options[i] ?? ''),
    pollMultiple: campaign?.poll?.multipleAnswers ? 'on' : '',
    // Follow-up steps and confirmation (decision 040), as the form posts them.
    steps: (campaign?.steps ?? []).map((st) => {
      const i = stepInputOf(st)
      return {
        ...i,
        delayValue: String(i.delayValue),
        pollMultiple: i.pollMultiple ? 'on' : '',
        option: i.option ?? '',
      }
    }),
    confirmation: campaign?.confirmation ?? '',
    scheduleDate: scheduled
      ? `${scheduled.year}-${String(scheduled.month).padStart(2, '0')}-${String(scheduled.day).padStart(2, '0')}`
      : '',
    scheduleTime: scheduled ? formatHhmm(scheduled.minuteOfDay) : '',
    testPhone: '',
    testSessionId: connectedSessions(options.sessions)[0]?.id ?? '',
    aiTone: 'amigavel',
    aiProviderId: options.providers[0]?.id ?? '',
  }
}

/** The audience fields of a saved campaign (decision 039) as the form posts them. */
function audienceDefaults(campaign: CampaignRow | null) {
  const a = audienceFields(campaign?.listId ?? null, campaign?.audience ?? null)
  return {
    listId: a.listId ?? '',
    audienceLists: a.audienceLists ?? [],
    audienceSegments: a.audienceSegments ?? [],
    excludeLists: a.excludeLists ?? [],
    excludeSegments: a.excludeSegments ?? [],
    excludeMessagedDays: a.excludeMessagedDays === undefined ? '' : String(a.excludeMessagedDays),
  }
}

/** Loader data of the composer page. */
export async function composerLoaderData(scope: TenantScope, locale: Locale, campaign: CampaignRow | null) {
  const options = await composerOptions(scope)
  return {
    locale,
    campaign: campaign
      ? { id: campaign.id, status: campaign.status, name: campaign.name, scheduledAt: campaign.scheduledAt }
      : null,
    token: campaign ? null : randomToken(16),
    media: campaign?.mediaKey
      ? {
          key: campaign.mediaKey,
          type: campaign.mediaType ?? '',
          kind: mediaKindOf(campaign) ?? 'image',
          name: campaign.mediaName,
        }
      : null,
    defaults: defaultsFor(campaign, options),
    lists: options.lists,
    segments: options.segments,
    sessions: options.sessions.map((s) => ({
      id: s.id,
      displayName: s.displayName,
      phone: s.phone,
      status: s.status,
    })),
    providers: options.providers,
    review: campaign ? await buildReview(scope, reviewInputOf(campaign), locale) : null,
  }
}

export type ComposerLoaderData = Awaited<ReturnType<typeof composerLoaderData>>
