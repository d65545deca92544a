// The campaign page's per-step section (decision 040): each message of the sequence (first message,
// follow-up steps, confirmation) with its funnel — created, sent, delivered, read, replied, clicked,
// failed — read in ONE grouped statement over this campaign's rows only (the (campaign, contact, step)
// index bounds it to the campaign); each poll step's result; and which step is next, and when. The
// report's own totals (all messages of the campaign) are left as they are.
import { and, eq, sql } from 'drizzle-orm'
import { campaignMessages } from '../../../db/schema'
import { ownedBy, type TenantScope } from '../db/tenant.server'
import { type PollResult, pollResult } from '../polls/results.server'
import type { CampaignRow } from './campaigns.server'
import type { FollowUpStep } from './steps'

export type StepFunnel = {
  /** 0 first message, 1..4 a step, -1 the confirmation. */
  step: number
  created: number
  sent: number
  delivered: number
  read: number
  replied: number
  clicked: number
  failed: number
}

export type StepsReport = {
  funnels: StepFunnel[]
  polls: Array<{ step: number; result: PollResult }>
  /** The next step to go out: its number, when (null: once the previous step finishes), its delay. */
  next: { step: number; at: number | null; delayMinutes: number } | null
}

type Campaign = Pick<
  CampaignRow,
  'id' | 'status' | 'steps' | 'confirmation' | 'stepsCreated' | 'nextStepAt' | 'texts' | 'poll'
>

/** The per-step section; null for a campaign without steps or confirmation. */
export async function stepsReport(scope: TenantScope, campaign: Campaign): Promise<StepsReport | null> {
  const steps: FollowUpStep[] = campaign.steps ?? []
  if (steps.length === 0 && !campaign.confirmation) return null
  const m = campaignMessages
  const count = (cond: ReturnType<typeof sql>) =>
    sql<number>`coalesce(sum(CASE WHEN ${cond} THEN 1 ELSE 0 END), 0)`
  const rows = await scope.db
    .select({
      step: m.step,
      created: sql<number>`count(*)`,
      sent: count(sql`${m.sentAt} IS NOT NULL`),
      delivered: count(sql`${m.deliveredAt} IS NOT NULL`),
      read: count(sql`${m.readAt} IS NOT NULL`),
      replied: count(sql`${m.repliedAt} IS NOT NULL`),
      clicked: count(sql`${m.clickedAt} IS NOT NULL`),
      failed: count(sql`${m.status} = 'failed'`),
    })
    .from(m)
    .where(ownedBy(scope, m, and(eq(m.campaignId, campaign.id))))
    .groupBy(m.step)
  const byStep = new Map(rows.map((r) => [r.step, r]))
  const zero = (step: number): StepFunnel => ({
    step,
    created: 0,
    sent: 0,
    delivered: 0,
    read: 0,
    replied: 0,
    clicked: 0,
    failed: 0,
  })
  const order = [0, ...steps.map((_, i) => i + 1), ...(campaign.confirmation ? [-1] : [])]
  const funnels = order.map((step) => {
    const r = byStep.get(step)
    if (!r) return zero(step)
    return {
      step,
      created: Number(r.created),
      sent: Number(r.sent),
      delivered: Number(r.delivered),
      read: Number(r.read),
      replied: Number(r.replied),
      clicked: Number(r.clicked),
      failed: Number(r.failed),
    }
  })
  const polls: StepsReport['polls'] = []
  for (const [i, s] of steps.entries()) {
    if (!s.poll) continue
    const result = await pollResult(scope, { id: campaign.id, texts: s.texts, poll: s.poll }, i + 1)
    if (result) polls.push({ step: i + 1, result })
  }
  const open = campaign.status === 'running' || campaign.status === 'paused'
  const pending = steps[campaign.stepsCreated]
  const next =
    open && pending
      ? { step: campaign.stepsCreated + 1, at: campaign.nextStepAt, delayMinutes: pending.delayMinutes }
      : null
  return { funnels, polls, next }
}
