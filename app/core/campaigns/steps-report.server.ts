// The campaign page's per-step section (decision 040): each message of the sequence (first message,
// follow-up steps, confirmation) with its funnel — created, sent, delivered, read, replied, clicked,
// failed, as the report's funnel counts them — from the campaign's counters (decision 041); each poll
// step's result; and which step is next, and when. The report's own totals count every message.
import { eq, sql } from 'drizzle-orm'
import { campaignCounts as c } from '../../../db/schema'
import { ownedBy, type TenantScope } from '../db/tenant.server'
import { type PollResult, pollResult } from '../polls/results.server'
import type { CampaignRow } from './campaigns.server'
import type { FollowUpStep } from './steps'

type StepFunnel = {
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
  // The campaign's counters (decision 041) by step and status: a few rows whatever the campaign's size,
  // and still there once its rows are archived to R2 (decision 042).
  const rows = await scope.db
    .select({
      step: c.step,
      status: c.status,
      n: sql<number>`SUM(${c.n})`,
      sent: sql<number>`SUM(CASE WHEN ${c.sentHour} >= 0 THEN ${c.n} ELSE 0 END)`,
      replied: sql<number>`SUM(${c.replied})`,
      clicked: sql<number>`SUM(${c.clicked})`,
    })
    .from(c)
    .where(ownedBy(scope, c, eq(c.campaignId, campaign.id)))
    .groupBy(c.step, c.status)
  const funnelOf = (step: number): StepFunnel => {
    const here = rows.filter((r) => r.step === step)
    const sum = (pick: (r: (typeof here)[number]) => number, statuses?: string[]) =>
      here.reduce((t, r) => t + (!statuses || statuses.includes(r.status) ? Number(pick(r)) || 0 : 0), 0)
    return {
      step,
      created: sum((r) => r.n),
      sent: sum((r) => r.sent),
      delivered: sum((r) => r.n, ['delivered', 'read']),
      read: sum((r) => r.n, ['read']),
      replied: sum((r) => r.replied),
      clicked: sum((r) => r.clicked),
      failed: sum((r) => r.n, ['failed']),
    }
  }
  const order = [0, ...steps.map((_, i) => i + 1), ...(campaign.confirmation ? [-1] : [])]
  const funnels = order.map(funnelOf)
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
