// The follow-up steps' due job (decision 040). Each cron tick looks at running campaigns with a step
// still to create: once the previous step has settled (no row waiting or in flight), the step is due
// at the previous step's LAST send + its delay (per step, not per contact: see 040). When due, its
// outbox rows are created page by page (500 previous-step recipients per page, by contact id) among
// those who received the previous step and match the step's audience, minus anyone on the opt-out list
// (SAIR, opt-out, erased); then they go to the senders like any row (the claim checks the opt-out list,
// the window and the pacing again). The unique (campaign, contact, step) index makes a redelivered or
// concurrent job create nothing twice; the claim makes a duplicated send job send nothing twice.
import { and, eq, inArray, sql } from 'drizzle-orm'
import { campaignMessages, campaigns } from '../../../db/schema'
import type { AppContext } from '../context.server'
import { randomToken } from '../crypto/secrets'
import { chunks, D1_IDS_PER_STATEMENT } from '../db/limits'
import { storeLinks } from '../sending/dispatch.server'
import { createOutboxRows, markQueued } from '../sending/outbox.server'
import type { NewOutboxRow } from '../sending/outbox-types'
import { sameTextKey } from '../sending/protection'
import { enqueueSends, sendJobs } from '../sending/send-jobs'
import { PERSON_ROW_BASE } from './audience/freeze.server'
import { logCampaignEvent } from './campaign-events.server'
import { finishIfDone, UNSETTLED_MESSAGE_STATUSES } from './lifecycle.server'
import { rewriteLinks } from './links'
import type { FollowUpStep } from './steps'
import { compileTemplate } from './template'

type Ctx = Pick<AppContext, 'db' | 'control' | 'env' | 'clock'>
type Campaign = typeof campaigns.$inferSelect

/** Previous-step recipients per page (one insert of ≤ 7 statements, a select, a queue batch). */
const STEP_PAGE = 500
/** Pages one campaign's step may create per tick (the rest follow on the next tick). */
const PAGES_PER_TICK = 10
/** Campaigns looked at per tick. */
const CAMPAIGNS_PER_TICK = 50
const MINUTE_MS = 60_000

/**
 * A minute of a step's delay. Outside production only, STEP_MINUTE_MS shortens it (the browser journey
 * runs a "1 hour" step in seconds); production always uses a real minute.
 */
function minuteMs(env: unknown): number {
  const e = env as { APP_ENV?: string; STEP_MINUTE_MS?: string }
  const scaled = Number(e.STEP_MINUTE_MS)
  return e.APP_ENV && e.APP_ENV !== 'production' && scaled > 0 ? scaled : MINUTE_MS
}

export type StepRun = { campaigns: number; created: number; stepsDone: number }

/** Cron: every running campaign with a follow-up step to create, whose time may have come. */
export async function runDueSteps(ctx: Ctx): Promise<StepRun> {
  const now = ctx.clock()
  const open = await ctx.db
    .select()
    .from(campaigns)
    .where(
      and(
        eq(campaigns.status, 'running'),
        eq(campaigns.dispatchDone, true),
        sql`${campaigns.stepsCreated} < coalesce(json_array_length(${campaigns.steps}), 0)`,
        sql`(${campaigns.nextStepAt} IS NULL OR ${campaigns.nextStepAt} <= ${now})`,
      ),
    )
    .limit(CAMPAIGNS_PER_TICK)
  const run: StepRun = { campaigns: open.length, created: 0, stepsDone: 0 }
  for (const c of open) {
    const r = await advanceStep(ctx, c)
    run.created += r.created
    if (r.state === 'done') run.stepsDone++
  }
  return run
}

export type StepResult = { state: 'not_due' | 'continued' | 'done'; created: number }

/** Creates (up to PAGES_PER_TICK pages of) the next step's rows, once it is due. */
export async function advanceStep(ctx: Ctx, campaign: Campaign): Promise<StepResult> {
  const k = campaign.stepsCreated + 1
  const step = campaign.steps?.[k - 1]
  if (!step || campaign.status !== 'running') return { state: 'not_due', created: 0 }
  const dueAt = campaign.nextStepAt ?? (await settleDueTime(ctx, campaign, k, step))
  if (dueAt === null || dueAt > ctx.clock()) return { state: 'not_due', created: 0 }
  let cursor = campaign.stepCursor
  let created = 0
  for (let page = 0; page < PAGES_PER_TICK; page++) {
    const rows = await audiencePage(ctx, campaign, k, step, cursor)
    created += await createAndHandOut(ctx, campaign, k, step, rows)
    const last = rows.at(-1)?.contactId ?? cursor
    if (rows.length < STEP_PAGE) {
      const done = await markStepCreated(ctx, campaign, k)
      if (done) await finishIfDone(ctx, campaign.id)
      return { state: 'done', created }
    }
    const moved = await ctx.db
      .update(campaigns)
      .set({ stepCursor: last, updatedAt: ctx.clock() })
      .where(
        and(
          eq(campaigns.id, campaign.id),
          eq(campaigns.stepsCreated, k - 1),
          eq(campaigns.stepCursor, cursor),
        ),
      )
      .returning({ id: campaigns.id })
    // Another job moved the cursor (or the step is done): it carries on from there.
    if (moved.length === 0) return { state: 'continued', created }
    cursor = last
  }
  return { state: 'continued', created }
}

/**
 * The step's due time, once the previous step has settled: its last send + the delay (also when it
 * reached nobody: then the step finds nobody and is done). Stored so later ticks read no rows.
 */
async function settleDueTime(ctx: Ctx, campaign: Campaign, k: number, step: FollowUpStep) {
  const previous = k - 1
  const unsettled = await ctx.db
    .select({ id: campaignMessages.id })
    .from(campaignMessages)
    .where(
      and(
        eq(campaignMessages.campaignId, campaign.id),
        inArray(campaignMessages.status, [...UNSETTLED_MESSAGE_STATUSES]),
        sql`+${campaignMessages.step} = ${previous}`,
      ),
    )
    .limit(1)
  if (unsettled.length > 0) return null
  const last = await ctx.db
    .select({ at: sql<number | null>`max(${campaignMessages.sentAt})` })
    .from(campaignMessages)
    .where(and(eq(campaignMessages.campaignId, campaign.id), eq(campaignMessages.step, previous)))
    .get()
  const dueAt = (last?.at ?? ctx.clock()) + step.delayMinutes * minuteMs(ctx.env)
  await ctx.db
    .update(campaigns)
    .set({ nextStepAt: dueAt, updatedAt: ctx.clock() })
    .where(and(eq(campaigns.id, campaign.id), eq(campaigns.stepsCreated, campaign.stepsCreated)))
  return dueAt
}

type Recipient = {
  contactId: number
  phone: string
  name: string | null
  extra: string | null
}

/** The SQL condition on the previous step's row `p` for the step's audience. */
function audienceCondition(step: FollowUpStep) {
  const noReply = sql`NOT EXISTS (SELECT 1 FROM campaign_messages r WHERE r.campaign_id = p.campaign_id
    AND r.contact_id = p.contact_id AND r.replied_at IS NOT NULL)`
  switch (step.audience) {
    case 'no_reply':
      return noReply
    case 'not_read':
      return sql`p.read_at IS NULL`
    case 'read_no_reply':
      return sql`p.read_at IS NOT NULL AND ${noReply}`
    case 'clicked':
      return sql`p.clicked_at IS NOT NULL`
    case 'voted':
      return sql`EXISTS (SELECT 1 FROM poll_votes v WHERE v.message_id = p.id AND v.current = 1
        AND EXISTS (SELECT 1 FROM json_each(v.options) o WHERE o.value = ${step.option ?? ''}))`
  }
}

/**
 * The next page of the previous step's recipients (by contact id) in the step's audience who are not
 * on the opt-out list (SAIR, opt-out, erased: decision 040 checks it here AND at the claim).
 */
async function audiencePage(
  ctx: Ctx,
  campaign: Campaign,
  k: number,
  step: FollowUpStep,
  cursor: number,
): Promise<Recipient[]> {
  return ctx.db.all<Recipient>(sql`SELECT p.contact_id AS contactId, p.phone_e164 AS phone,
      p.contact_name AS name, coalesce(c.extra, pe.fields) AS extra
    FROM campaign_messages p
    LEFT JOIN contacts c ON p.contact_id < ${PERSON_ROW_BASE} AND c.id = p.contact_id AND c.tenant_id = p.tenant_id
    LEFT JOIN people pe ON p.contact_id > ${PERSON_ROW_BASE} AND pe.id = p.contact_id - ${PERSON_ROW_BASE}
      AND pe.tenant_id = p.tenant_id
    WHERE p.campaign_id = ${campaign.id} AND p.tenant_id = ${campaign.tenantId} AND p.step = ${k - 1}
      AND p.contact_id > ${cursor} AND p.sent_at IS NOT NULL AND ${audienceCondition(step)}
      AND NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.tenant_id = p.tenant_id AND s.phone_e164 = p.phone_e164)
    ORDER BY p.contact_id LIMIT ${STEP_PAGE}`)
}

function parseExtra(raw: string | null): Record<string, string> {
  try {
    return raw ? (JSON.parse(raw) as Record<string, string>) : {}
  } catch {
    return {}
  }
}

/** Renders, creates (once per contact) and hands this page's waiting rows of step k to the senders. */
async function createAndHandOut(
  ctx: Ctx,
  campaign: Campaign,
  k: number,
  step: FollowUpStep,
  page: readonly Recipient[],
): Promise<number> {
  if (page.length === 0) return 0
  const render = compileTemplate(step.texts)
  const links = new Map<number, Array<{ token: string; url: string }>>()
  const rows = page.map((r): NewOutboxRow => {
    let text = render(
      { name: r.name ?? '', phone: r.phone, extra: parseExtra(r.extra) },
      `${campaign.id}:${k}`,
    ).text
    const textKey = sameTextKey(text)
    if (campaign.linkTracking && campaign.baseUrl && !step.poll) {
      const own: Array<{ token: string; url: string }> = []
      text = rewriteLinks(text, (url) => {
        const token = randomToken(12)
        own.push({ token, url })
        return `${campaign.baseUrl}/l/${token}`
      }).text
      links.set(r.contactId, own)
    }
    return {
      tenantId: campaign.tenantId,
      campaignId: campaign.id,
      contactId: r.contactId,
      phoneE164: r.phone,
      contactName: r.name,
      status: 'pending',
      renderedText: text,
      textKey,
      error: null,
      errorKind: null,
      step: k,
    }
  })
  const created = await createOutboxRows(ctx, rows)
  await storeLinks(ctx, campaign, created, links)
  // Every waiting row of this page (also rows an earlier, interrupted job created).
  const waiting: Array<{ id: number }> = []
  for (const part of chunks(
    page.map((r) => r.contactId),
    D1_IDS_PER_STATEMENT,
  )) {
    waiting.push(
      ...(await ctx.db
        .select({ id: campaignMessages.id })
        .from(campaignMessages)
        .where(
          and(
            eq(campaignMessages.campaignId, campaign.id),
            inArray(campaignMessages.contactId, part),
            eq(campaignMessages.step, k),
            sql`+${campaignMessages.status} IN ('pending', 'queued')`,
          ),
        )),
    )
  }
  const ids = waiting.map((w) => w.id)
  await markQueued(ctx, ids)
  await enqueueSends(
    ctx.env.SEND_QUEUE,
    sendJobs(ids.map((messageId) => ({ messageId, tenantId: campaign.tenantId, campaignId: campaign.id }))),
  )
  return created.length
}

/** Step k has all its rows: the next one (if any) is timed once this one settles. Once. */
async function markStepCreated(ctx: Ctx, campaign: Campaign, k: number): Promise<boolean> {
  const total = await ctx.db.$count(
    campaignMessages,
    and(eq(campaignMessages.campaignId, campaign.id), eq(campaignMessages.step, k)),
  )
  const moved = await ctx.db
    .update(campaigns)
    .set({
      stepsCreated: k,
      stepCursor: 0,
      nextStepAt: null,
      totalCount: sql`${campaigns.totalCount} + ${total}`,
      updatedAt: ctx.clock(),
    })
    .where(and(eq(campaigns.id, campaign.id), eq(campaigns.stepsCreated, k - 1)))
    .returning({ id: campaigns.id })
  if (moved.length === 0) return false
  await logCampaignEvent(ctx, campaign.tenantId, campaign.id, 'step_created', `${k}:${total}`)
  return true
}
