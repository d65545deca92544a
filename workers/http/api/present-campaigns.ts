// Campaign records → the JSON shapes of app/core/api/schemas.ts (times as ISO 8601, phones as E.164).

import type { z } from 'zod'
import type {
  CampaignMessageSchema,
  CampaignSchema,
  ReplySchema,
} from '../../../app/core/api/schemas-campaigns'
import type {
  CampaignMessageRow,
  CampaignTotals,
  ReplyRow,
} from '../../../app/core/campaigns/api-read.server'
import type { CampaignRow } from '../../../app/core/campaigns/campaigns.server'
import { formatHhmm } from '../../../app/core/campaigns/composer-schema'
import { mediaKindOf } from '../../../app/core/campaigns/media-kinds'
import { MESSAGE_STATUSES } from '../../../app/core/campaigns/status'
import { failureText, pausedText } from '../../../app/core/stored-text'
import { type Locale, translate } from '../../../app/i18n'

const iso = (ms: number) => new Date(ms).toISOString()
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms))

type Campaign = z.infer<typeof CampaignSchema>

export function presentCampaign(
  r: CampaignRow,
  totals: CampaignTotals | undefined,
  locale: Locale,
): Campaign {
  const paused = pausedText(r)
  const zero = Object.fromEntries(MESSAGE_STATUSES.map((s) => [s, 0]))
  const rest =
    r.packageMin !== null && r.packageMax !== null && r.restMinMin !== null && r.restMaxMin !== null
      ? {
          packageMin: r.packageMin,
          packageMax: r.packageMax,
          restMinMin: r.restMinMin,
          restMaxMin: r.restMaxMin,
        }
      : null
  return {
    id: r.id,
    name: r.name,
    status: r.status as Campaign['status'],
    listId: r.listId,
    audience: r.audience
      ? {
          listIds: r.audience.lists,
          segmentIds: r.audience.segments,
          exclude: {
            listIds: r.audience.exclude.lists,
            segmentIds: r.audience.exclude.segments,
            messagedWithinDays: r.audience.exclude.messagedWithinDays,
          },
        }
      : null,
    texts: r.texts,
    media: r.mediaKey ? { type: r.mediaType, kind: mediaKindOf(r), name: r.mediaName } : null,
    linkPreview: r.linkPreview,
    poll: r.poll ? { options: r.poll.options, multipleAnswers: r.poll.multipleAnswers } : null,
    steps: (r.steps ?? []).map((s) => ({
      texts: s.texts,
      poll: s.poll,
      delayMinutes: s.delayMinutes,
      audience: s.audience,
      option: s.option,
    })),
    stepsCreated: r.stepsCreated,
    confirmation: r.confirmation,
    sessionIds: r.sessionIds,
    pacing: {
      minDelayS: r.minDelayS,
      maxDelayS: r.maxDelayS,
      maxPerMinute: r.maxPerMinute,
      dailyCap: r.dailyCap,
      window: r.window
        ? {
            days: r.window.days,
            start: formatHhmm(r.window.startMinute),
            end: formatHhmm(r.window.endMinute),
          }
        : null,
      rest,
    },
    areaCodeAffinity: r.areaCodeAffinity,
    simulateTyping: r.simulateTyping,
    linkTracking: r.linkTracking,
    pausedReason: paused ? translate(locale, paused) : null,
    scheduledAt: isoOrNull(r.scheduledAt),
    startedAt: isoOrNull(r.startedAt),
    finishedAt: isoOrNull(r.finishedAt),
    createdAt: iso(r.createdAt),
    totals: (totals ?? { total: r.totalCount, ...zero }) as Campaign['totals'],
  }
}

export function presentCampaignMessage(
  r: CampaignMessageRow,
  locale: Locale,
): z.infer<typeof CampaignMessageSchema> {
  const failure = failureText(r)
  return {
    id: r.id,
    campaignId: r.campaignId,
    contactId: r.contactId,
    phone: r.phoneE164,
    contactName: r.contactName,
    status: r.status as z.infer<typeof CampaignMessageSchema>['status'],
    sessionId: r.sessionId,
    text: r.renderedText,
    queuedAt: isoOrNull(r.queuedAt),
    sentAt: isoOrNull(r.sentAt),
    deliveredAt: isoOrNull(r.deliveredAt),
    readAt: isoOrNull(r.readAt),
    repliedAt: isoOrNull(r.repliedAt),
    failedAt: isoOrNull(r.failedAt),
    error: failure ? { code: r.errorCode, detail: translate(locale, failure) } : null,
  }
}

export function presentReply(r: ReplyRow): z.infer<typeof ReplySchema> {
  return {
    id: r.id,
    phone: r.phoneE164,
    contactName: r.contactName,
    sessionId: r.sessionId,
    campaignId: r.campaignId,
    campaignMessageId: r.campaignMessageId,
    type: r.type,
    text: r.revokedAt === null ? r.body : '',
    edited: r.editedAt !== null,
    revoked: r.revokedAt !== null,
    receivedAt: iso(r.receivedAt),
  }
}
