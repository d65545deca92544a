// The automatic confirmation (decision 040): a text sent once to whoever replies to a campaign's first
// message, through the session that person wrote to, as an engine message (an outbox row of step -1,
// claimed by that session's sender like any row: pacing, window, opt-out check at the claim). Once per
// contact per campaign: the unique (campaign, contact, step) index, whatever the webhook redelivers.
import { and, eq, inArray } from 'drizzle-orm'
import { campaignMessages, campaigns } from '../../../db/schema'
import type { AppContext } from '../context.server'
import { createOutboxRows, markQueued } from '../sending/outbox.server'
import { sameTextKey } from '../sending/protection'
import { enqueueSends, sendJobs } from '../sending/send-jobs'
import { CONFIRMATION_STEP } from './steps'
import { compileTemplate } from './template'

type Ctx = Pick<AppContext, 'db' | 'env' | 'clock'>

/**
 * The person replied on outbox row `messageId` (their latest campaign message): when it is a first
 * message of a running (or paused) campaign with a confirmation, queue the confirmation once. Returns
 * whether a confirmation row was created now. Not called for an opt-out (nor a doubtful one).
 */
export async function queueConfirmation(ctx: Ctx, tenantId: string, messageId: number): Promise<boolean> {
  const row = await ctx.db
    .select({
      campaignId: campaignMessages.campaignId,
      contactId: campaignMessages.contactId,
      step: campaignMessages.step,
      phone: campaignMessages.phoneE164,
      name: campaignMessages.contactName,
      sessionId: campaignMessages.sessionId,
      confirmation: campaigns.confirmation,
      sessionIds: campaigns.sessionIds,
    })
    .from(campaignMessages)
    .innerJoin(campaigns, eq(campaigns.id, campaignMessages.campaignId))
    .where(
      and(
        eq(campaignMessages.id, messageId),
        eq(campaignMessages.tenantId, tenantId),
        eq(campaigns.tenantId, tenantId),
        inArray(campaigns.status, ['running', 'paused']),
      ),
    )
    .get()
  if (row?.step !== 0 || !row.confirmation?.trim()) return false
  const text = compileTemplate(row.confirmation)(
    { name: row.name ?? '', phone: row.phone, extra: {} },
    `${row.campaignId}:confirmation`,
  ).text
  const created = await createOutboxRows(ctx, [
    {
      tenantId,
      campaignId: row.campaignId,
      contactId: row.contactId,
      phoneE164: row.phone,
      contactName: row.name,
      status: 'pending',
      renderedText: text,
      textKey: sameTextKey(text),
      error: null,
      errorKind: null,
      step: CONFIRMATION_STEP,
    },
  ])
  const id = created[0]?.id
  if (id === undefined) return false
  await markQueued(ctx, [id])
  // Through the session the person talked to: every other session of the campaign is excluded.
  const others = row.sessionIds.filter((s) => s !== row.sessionId)
  await enqueueSends(
    ctx.env.SEND_QUEUE,
    sendJobs([{ messageId: id, tenantId, campaignId: row.campaignId }], row.sessionId ? others : []),
  )
  return true
}
