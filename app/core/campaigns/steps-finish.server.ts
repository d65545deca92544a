// When a campaign with follow-up steps or a confirmation may finish (decision 040): the condition
// finishIfDone and the cron's safety net add to their own.
import { sql } from 'drizzle-orm'
import { campaigns } from '../../../db/schema'
import { CONFIRMATION_OPEN_MS } from './steps'

/**
 * SQL (over `campaigns`): no follow-up step is left to create, and a campaign with a confirmation has
 * had no message sent within CONFIRMATION_OPEN_MS (replies to it still get their confirmation). The
 * last send is read from the report index (campaign_id, status, session_id, sent_at) alone.
 */
export function noStepsLeft(now: number) {
  return sql`(${campaigns.stepsCreated} >= coalesce(json_array_length(${campaigns.steps}), 0)
    AND CASE WHEN ${campaigns.confirmation} IS NULL THEN 1
      ELSE coalesce((SELECT max(m.sent_at) FROM campaign_messages m WHERE m.campaign_id = ${campaigns.id}
        AND m.status IN ('sent', 'delivered', 'read')), 0) < ${now - CONFIRMATION_OPEN_MS} END)`
}
