// The campaign report's count of rows held back by the protection of the person (decision 019): skipped
// because the person got another campaign message recently or the same text within 24 h, and waiting
// (still queued) for a session's first-contact budget, from the counters (report-counters.server.ts).

export type HeldCounts = { recentMessage: number; sameText: number; firstContactBudget: number }

/** The groups as counts per reason; a skipped row counts for its skip, a queued one for the budget. */
export function heldCountsOf(
  groups: ReadonlyArray<{ status: string; errorKind: string | null; n: number }>,
): HeldCounts {
  const of = (status: string, kind: string) =>
    groups.reduce((t, g) => t + (g.status === status && g.errorKind === kind ? Number(g.n) || 0 : 0), 0)
  return {
    recentMessage: of('skipped', 'recent_message'),
    sameText: of('skipped', 'same_text'),
    firstContactBudget: of('queued', 'first_contact_budget'),
  }
}
