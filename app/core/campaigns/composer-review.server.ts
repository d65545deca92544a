// Review input of the composer: from a saved campaign, or leniently from whatever was typed (a value
// that is not a number yet uses a default), so the review panel always has something to show.

import type { TenantScope } from '../db/tenant.server'
import { PACING_DEFAULTS } from '../sending/pacing'
import { type CampaignRow, campaignValues } from './campaigns.server'
import type { ComposerInput } from './composer-schema'
import type { ComposerMedia } from './media.server'
import { mediaKindOf } from './media-kinds'
import { pollSpecOf } from './poll'
import { buildReview, type ReviewInput } from './preview.server'

const D = PACING_DEFAULTS

export function reviewInputOf(campaign: CampaignRow): ReviewInput {
  return {
    seed: campaign.id,
    listId: campaign.listId,
    audienceSpec: campaign.audience,
    texts: campaign.texts,
    mediaKey: campaign.mediaKey,
    mediaKind: mediaKindOf(campaign),
    poll: campaign.poll,
    pollInSteps: campaign.steps?.some((s) => s.poll !== null) ?? false,
    mediaName: campaign.mediaName,
    sessionIds: campaign.sessionIds,
    pacing: {
      minDelayS: campaign.minDelayS ?? D.minDelayS,
      maxDelayS: campaign.maxDelayS ?? D.maxDelayS,
      maxPerMinute: campaign.maxPerMinute ?? D.maxPerMinute,
      dailyCap: campaign.dailyCap ?? D.dailyCap,
      window: campaign.window ?? null,
    },
    // The campaign's own rest packages (decision 020: typed in the composer; blank = the sessions').
    rest: {
      packageMin: campaign.packageMin,
      packageMax: campaign.packageMax,
      restMinMin: campaign.restMinMin,
      restMaxMin: campaign.restMaxMin,
    },
    areaCodeAffinity: campaign.areaCodeAffinity,
  }
}

/** Review input from whatever was typed (lenient: a value that is not a number yet uses a default). */
function reviewInputFromPayload(
  payload: Record<string, unknown>,
  seed: string,
  media: ComposerMedia | null,
): ReviewInput {
  const mediaKey = media?.key ?? null
  const str = (v: unknown) => (typeof v === 'string' ? v : '')
  const arr = (v: unknown) => (Array.isArray(v) ? v.map(str) : typeof v === 'string' ? [v] : [])
  const n = (v: unknown, fallback: number) => {
    const x = Number(str(v))
    return str(v).trim() !== '' && Number.isFinite(x) ? x : fallback
  }
  const optional = (v: unknown) => {
    const x = Number(str(v))
    return str(v).trim() !== '' && Number.isFinite(x) ? x : undefined
  }
  const values = campaignValues({
    listId: str(payload.listId),
    audienceLists: arr(payload.audienceLists),
    audienceSegments: arr(payload.audienceSegments),
    excludeLists: arr(payload.excludeLists),
    excludeSegments: arr(payload.excludeSegments),
    excludeMessagedDays: optional(payload.excludeMessagedDays),
    texts: arr(payload.texts),
    sessionIds: arr(payload.sessionIds),
    priority: (payload.priority as Record<string, string>) ?? {},
    windowDays: arr(payload.windowDays),
    windowStart: str(payload.windowStart),
    windowEnd: str(payload.windowEnd),
    mediaKey: mediaKey ?? undefined,
    minDelayS: n(payload.minDelayS, D.minDelayS),
    maxDelayS: n(payload.maxDelayS, D.maxDelayS),
    maxPerMinute: n(payload.maxPerMinute, D.maxPerMinute),
    dailyCap: n(payload.dailyCap, D.dailyCap),
    packageMin: optional(payload.packageMin),
    packageMax: optional(payload.packageMax),
    restMinMin: optional(payload.restMinMin),
    restMaxMin: optional(payload.restMaxMin),
  } as ComposerInput)
  const w = values.window
  const windowOk =
    Number.isFinite(w.startMinute) && Number.isFinite(w.endMinute) && w.startMinute < w.endMinute
  return {
    seed,
    listId: values.listId,
    audienceSpec: values.audience,
    texts: values.texts,
    mediaKey,
    mediaKind: media?.kind ?? null,
    mediaName: media?.name ?? null,
    poll: pollSpecOf({
      pollOn: str(payload.pollOn) === 'on',
      pollOptions: arr(payload.pollOptions),
      pollMultiple: str(payload.pollMultiple) === 'on',
    }),
    pollInSteps:
      Array.isArray(payload.steps) &&
      payload.steps.some(
        (s) => typeof s === 'object' && s !== null && (s as { kind?: unknown }).kind === 'poll',
      ),
    sessionIds: values.sessionIds,
    pacing: { ...values, window: windowOk ? w : null },
    rest: {
      packageMin: values.packageMin,
      packageMax: values.packageMax,
      restMinMin: values.restMinMin,
      restMaxMin: values.restMaxMin,
    },
    areaCodeAffinity: str(payload.areaCodeAffinity) === 'on',
  }
}

/** The review panel of what was typed. */
export function composerReview(
  scope: TenantScope,
  payload: Record<string, unknown>,
  seed: string,
  media: ComposerMedia | null,
  locale: string,
) {
  return buildReview(scope, reviewInputFromPayload(payload, seed, media), locale)
}
