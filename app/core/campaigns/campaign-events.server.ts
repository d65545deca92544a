// A campaign's history (`campaign_events`): a line written now (logCampaignEvent), or a line written in
// the same D1 batch as the change it records, only when that change happened (eventIfChanged:
// `INSERT … SELECT … WHERE changes() > 0` right after the conditional write). D1 runs a batch's
// statements in order in one transaction, so the line and the change are committed together, and a
// repeated click (whose write changes nothing) writes no line.
import { sql } from 'drizzle-orm'
import { campaignEvents } from '../../../db/schema'
import type { AppContext } from '../context.server'
import type { Db } from '../db/client.server'

type ChangeEvent = {
  tenantId: string
  campaignId: string
  kind: string
  detail?: string | null
  userId: string | null
  at: number
}

/** The batch statement that logs `e` when the statement just before it changed a row. */
export function eventIfChanged(db: Db, e: ChangeEvent) {
  // Every column in the table's order (an INSERT … SELECT names them all); NULL: the next id.
  return db
    .insert(campaignEvents)
    .select(
      sql`SELECT NULL, ${e.tenantId}, ${e.campaignId}, ${e.kind}, ${e.detail ?? null}, ${e.userId}, ${e.at} WHERE changes() > 0`,
    )
}

/** Writes one history line now (`userId` null: the engine's own move, shown as automatic). */
export async function logCampaignEvent(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  tenantId: string,
  campaignId: string,
  kind: string,
  detail: string | null,
  userId: string | null = null,
): Promise<void> {
  await ctx.db
    .insert(campaignEvents)
    .values({ tenantId, campaignId, kind, detail, userId, createdAt: ctx.clock() })
}
