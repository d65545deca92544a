// What the public API reads of the team's WhatsApp sessions (decision 030): the rows with their
// number's health (the guard's regime, decision 022), never a secret; and the composer-like defaults
// a session created by /api/v1 starts from (the form's own).
import { inArray } from 'drizzle-orm'
import { sessionHealth } from '../../../db/schema'
import { ownedBy, type TenantScope } from '../db/tenant.server'
import { sessionFormDefaults } from './session-form'

export type SessionHealthRow = {
  state: string
  score: number
  pausedUntil: number | null
  evaluatedAt: number
}

/** The latest health assessment of each session (absent: not assessed yet). */
export async function healthOf(
  scope: TenantScope,
  ids: readonly string[],
): Promise<Map<string, SessionHealthRow>> {
  if (ids.length === 0) return new Map()
  const rows = await scope.db
    .select({
      sessionId: sessionHealth.sessionId,
      state: sessionHealth.state,
      score: sessionHealth.score,
      pausedUntil: sessionHealth.pausedUntil,
      evaluatedAt: sessionHealth.evaluatedAt,
    })
    .from(sessionHealth)
    .where(ownedBy(scope, sessionHealth, inArray(sessionHealth.sessionId, [...ids])))
  return new Map(rows.map(({ sessionId, ...h }) => [sessionId, h]))
}

/** The create form's values for a JSON body: the form's defaults, then what the caller gave. */
export function createSessionValues(body: Record<string, unknown>): Record<string, unknown> {
  const defaults = sessionFormDefaults(undefined, '')
  return {
    ...defaults,
    windowDays: defaults.windowDays.map(Number),
    ...body,
    intent: 'create',
  }
}
