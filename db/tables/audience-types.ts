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
