// The shapes of a campaign's audience columns (decision 039); the checks live in
// app/core/campaigns/audience/spec.ts.

/** Lists and/or saved segments, minus other lists, segments and people messaged in the last N days. */
export type CampaignAudience = {
  lists: string[]
  segments: number[]
  exclude: { lists: string[]; segments: number[]; messagedWithinDays: number | null }
}

/** A segment as it was used: its name and definition when the audience was frozen (null: deleted). */
export type AudienceSegmentSnapshot = {
  id: number
  role: 'include' | 'exclude'
  name: string | null
  definition: Record<string, unknown> | null
}

/** Who of those who received the previous step gets a follow-up step (decision 040). */
export type StepAudience = 'no_reply' | 'not_read' | 'read_no_reply' | 'clicked' | 'voted'

/**
 * A follow-up step (decision 040): a text (alternative texts with variables and variants) or a poll
 * (the text is the question), sent `delayMinutes` after the previous step to part of its recipients.
 */
export type FollowUpStep = {
  texts: string[]
  poll: { options: string[]; multipleAnswers: boolean } | null
  delayMinutes: number
  audience: StepAudience
  /** `voted` only: the previous step's poll option voted. */
  option: string | null
}
