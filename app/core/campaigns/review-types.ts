// The composer review's shapes (preview.server.ts builds it, review-sending.server.ts adds the sending
// half); their own module so neither of the two imports the other.

import type { EffectivePacing } from '../sending/effective-pacing'
import type { SendWindow } from '../sending/pacing'
import type { AudienceReport } from './audience/audience.server'
import type { CampaignAudience } from './audience/spec'
import type { LaunchRisk } from './launch-risk'
import type { MediaKind } from './media-kinds'
import type { PollSpec } from './poll'

/** Who on a list gets the campaign and who is left out (audienceCounts). */
export type AudienceCounts = {
  listName: string | null
  listStatus: string | null
  total: number
  optedOut: number
  suppressed: number
  landline: number
  invalid: number
  toSend: number
}

export type ReviewInput = {
  seed: string
  listId: string | null
  /** Lists and/or segments minus exclusions (decision 039); null: `listId` alone. */
  audienceSpec?: CampaignAudience | null
  texts: string[]
  /** The campaign attachment's R2 key (shown in the preview bubble), or null. */
  mediaKey?: string | null
  /** Its kind (decision 034; null with a key: an image) and a document's name. */
  mediaKind?: MediaKind | null
  mediaName?: string | null
  /** A WhatsApp poll (decision 038): the texts are its question. */
  poll?: PollSpec | null
  /** A follow-up step is a poll (decision 040). */
  pollInSteps?: boolean
  sessionIds: string[]
  pacing: {
    minDelayS: number
    maxDelayS: number
    maxPerMinute: number
    dailyCap: number
    window: SendWindow | null
  }
  /** The campaign's rest packages, when it sets its own. */
  rest?: {
    packageMin: number | null
    packageMax: number | null
    restMinMin: number | null
    restMaxMin: number | null
  }
  /** Area-code affinity (decision 020): contacts prefer a session with their DDD. */
  areaCodeAffinity?: boolean
}

export type Review = {
  previews: { name: string; phone: string; html: string }[]
  /** URL of the campaign image as the app serves it, or null (other kinds: `media`). */
  image: string | null
  /** The attachment of any kind: its URL (served to the tenant only), kind and document name. */
  media: { url: string; kind: MediaKind; name: string | null } | null
  /** The poll's options and answers, shown under each question (decision 038). */
  poll: PollSpec | null
  audience: AudienceCounts | null
  /** With an audience of lists and segments: each source and each exclusion counted (decision 039). */
  breakdown: Omit<AudienceReport, 'sample' | 'variableKeys'> | null
  unknownVariables: string[]
  estimate: { text: string; sessions: number; finishAt: number | null } | null
  /**
   * With a poll (first message or a step): the chosen sessions whose WAHA webhook predates poll votes
   * (`webhook_events_version`, decision 038), whose voters would never be counted.
   */
  pollsUnheard: string[]
  /** Sending numbers still warming up: today's cap and the plan's day (the estimate counts them). */
  warmup: { name: string; capToday: number; day: number; days: number }[]
  /** Risk before launch (decision 023), once there is an audience and a text. */
  risk: LaunchRisk | null
  workingSessions: number
  /** Each chosen session's effective pacing for this campaign (what the engine enforces). */
  effective: Array<{ id: string; name: string } & EffectivePacing>
  /** The campaign routes contacts to a session with their DDD first (decision 020). */
  areaCodeAffinity: boolean
}
