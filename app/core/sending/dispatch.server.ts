// Dispatch (docs/design.md §3 "Dispatch"): pages through a running campaign's list (or its audience,
// frozen on the first page: decision 039), creates outbox rows
// idempotently (once per campaign and contact), renders each text once, applies the opt-out list, and
// hands every waiting row to the `sends` queue. Continues with a cursor in follow-up messages so no
// invocation nears the Worker's limits. A redelivered job creates nothing twice; duplicate send jobs
// are harmless because the sender claims rows conditionally.
import { and, eq, gt, inArray, sql } from 'drizzle-orm'
import { campaignLinks, campaignMessages, campaigns, contacts, suppressions } from '../../../db/schema'
import { text, text as textOf } from '../../i18n/text'
import { freezeAudience, frozenAudiencePage, PERSON_ROW_BASE } from '../campaigns/audience/freeze.server'
import { logCampaignEvent } from '../campaigns/campaign-events.server'
import { finishIfDone, pauseAutomatically, startScheduled } from '../campaigns/lifecycle.server'
import { rewriteLinks } from '../campaigns/links'
import { compileTemplate } from '../campaigns/template'
import type { AppContext } from '../context.server'
import { randomToken } from '../crypto/secrets'
import { chunks, D1_IDS_PER_STATEMENT } from '../db/limits'
import { addRoutes, atTenant } from '../db/shards.server'
import type { DispatchJob } from '../queue-messages'
import { createOutboxRows, markQueued } from './outbox.server'
import type { NewOutboxRow } from './outbox-types'
import { sameTextKey } from './protection'
import { enqueueSends, sendJobs } from './send-jobs'

/** A list or segment to leave out was deleted before release: the audience would silently grow. */
const EXCLUSION_GONE = text('audience.paused.exclusionGone')
/** Contacts per dispatch invocation: ~60 D1 statements, far below the 1,000-query limit. */
const DISPATCH_PAGE = 500
/** Tracked-link rows per insert (5 columns each, within D1's 100 bound parameters). */
const LINKS_PER_INSERT = 10

export type DispatchResult = { state: 'not_running' | 'continued' | 'done'; created: number; queued: number }

type Ctx = Pick<AppContext, 'db' | 'control' | 'env' | 'clock'>
type Campaign = typeof campaigns.$inferSelect
type PageContact = { id: number; name: string; phone: string; extra: Record<string, string> | null }
type PendingLink = { token: string; url: string }

/** Runs one page of dispatch for the job's campaign. */
export async function dispatchPage(app: AppContext, job: DispatchJob): Promise<DispatchResult> {
  const ctx = await atTenant(app, job.tenantId)
  const campaign = await startAndLoad(ctx, job)
  if (!campaign) return { state: 'not_running', created: 0, queued: 0 }
  const { page, last, more } = campaign.audience
    ? await readAudiencePage(ctx, campaign)
    : await readPage(ctx, campaign)
  const suppressed = await optedOutAmong(ctx, campaign.tenantId, page)
  const { rows, links } = renderRows(campaign, page, suppressed)
  const created = await createOutboxRows(ctx, rows)
  await storeLinks(ctx, campaign, created, links)
  const queued = await handToSenders(ctx, campaign, page)
  if (!more || last === undefined) {
    await markDispatchDone(ctx, campaign.id, last)
    await finishIfDone(ctx, campaign.id)
    return { state: 'done', created: created.length, queued }
  }
  await advanceCursor(ctx, campaign, last, created.length)
  await ctx.env.DISPATCH_QUEUE.send(job)
  return { state: 'continued', created: created.length, queued }
}

/** Step 1: a scheduled campaign released by the cron starts now; only a running one dispatches. */
async function startAndLoad(ctx: Ctx, job: DispatchJob): Promise<Campaign | null> {
  await startScheduled(ctx, job.tenantId, job.campaignId)
  const campaign = await ctx.db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.id, job.campaignId), eq(campaigns.tenantId, job.tenantId)))
    .get()
  const nobody = !campaign?.listId && !campaign?.audience
  if (campaign?.status === 'running' && !campaign.dispatchDone && nobody)
    await markDispatchDone(ctx, campaign.id)
  if (campaign?.status !== 'running' || campaign.dispatchDone || nobody) return null
  // An audience of lists and segments is frozen on the first page (decision 039).
  if (campaign.audience && campaign.audienceFrozenAt === null) {
    const frozen = await freezeAudience(
      { ...ctx, tenantId: campaign.tenantId },
      { id: campaign.id, audience: campaign.audience },
    )
    if (frozen === 'exclusionGone') {
      await pauseAutomatically(ctx, campaign.id, EXCLUSION_GONE)
      return null
    }
  }
  return campaign
}

type Page = { page: PageContact[]; last: number | undefined; more: boolean }

/** Step 2: the next page of the list, after the cursor. */
async function readPage(ctx: Ctx, campaign: Campaign): Promise<Page> {
  const page = await ctx.db
    .select({ id: contacts.id, name: contacts.name, phone: contacts.phoneE164, extra: contacts.extra })
    .from(contacts)
    .where(
      and(
        eq(contacts.listId, campaign.listId!),
        eq(contacts.tenantId, campaign.tenantId),
        gt(contacts.id, campaign.dispatchCursor),
      ),
    )
    .orderBy(contacts.id)
    .limit(DISPATCH_PAGE)
  return { page, last: page.at(-1)?.id, more: page.length === DISPATCH_PAGE }
}

/**
 * Step 2 of an audience (decision 039): the next page of the frozen people, after the cursor (a person
 * id). The outbox row's contact id is the person's id above PERSON_ROW_BASE: one row per person, never
 * a list row's id (chat ids are cached on list rows only).
 */
async function readAudiencePage(ctx: Ctx, campaign: Campaign): Promise<Page> {
  const rows = await frozenAudiencePage(
    { ...ctx, tenantId: campaign.tenantId },
    campaign.id,
    campaign.dispatchCursor,
    DISPATCH_PAGE,
  )
  const page = rows.flatMap((r): PageContact[] =>
    r.phone
      ? [{ id: PERSON_ROW_BASE + r.personId, name: r.name ?? '', phone: r.phone, extra: r.fields }]
      : [],
  )
  return { page, last: rows.at(-1)?.personId, more: rows.length === DISPATCH_PAGE }
}

/** Step 3: which of the page's numbers are on the tenant's opt-out list. */
async function optedOutAmong(ctx: Ctx, tenantId: string, page: readonly PageContact[]): Promise<Set<string>> {
  const out = new Set<string>()
  for (const phones of chunks([...new Set(page.map((c) => c.phone))], D1_IDS_PER_STATEMENT)) {
    const rows = await ctx.db
      .select({ phone: suppressions.phoneE164 })
      .from(suppressions)
      .where(and(eq(suppressions.tenantId, tenantId), inArray(suppressions.phoneE164, phones)))
    for (const r of rows) out.add(r.phone)
  }
  return out
}

/** Step 4: each contact's text (variables, variants, tracked links), or why it is skipped. */
function renderRows(campaign: Campaign, page: readonly PageContact[], suppressed: ReadonlySet<string>) {
  const render = compileTemplate(campaign.texts)
  const seen = new Set<string>()
  const links = new Map<number, PendingLink[]>()
  const rows = page.map((c): NewOutboxRow => {
    const duplicate = seen.has(c.phone)
    seen.add(c.phone)
    const skip = suppressed.has(c.phone) ? 'suppressed' : duplicate ? 'duplicate' : null
    let text = render({ name: c.name, phone: c.phone, extra: c.extra ?? {} }, campaign.id).text
    const textKey = sameTextKey(text)
    if (campaign.linkTracking && campaign.baseUrl) {
      const own: PendingLink[] = []
      text = rewriteLinks(text, (url) => {
        const token = randomToken(12)
        own.push({ token, url })
        return `${campaign.baseUrl}/l/${token}`
      }).text
      if (!skip) links.set(c.id, own)
    }
    return {
      tenantId: campaign.tenantId,
      campaignId: campaign.id,
      contactId: c.id,
      phoneE164: c.phone,
      contactName: c.name,
      status: skip ? 'skipped' : 'pending',
      renderedText: text,
      textKey,
      error: skip ? textOf(`send.${skip}`) : null,
      errorKind: skip,
    }
  })
  return { rows, links }
}

/** Step 5: the tracked links of the rows created now (a redelivered page keeps the first ones; follow-up steps too). */
export async function storeLinks(
  ctx: Ctx,
  campaign: Campaign,
  created: ReadonlyArray<{ id: number; contactId: number }>,
  links: ReadonlyMap<number, PendingLink[]>,
) {
  const values = created.flatMap((c) =>
    (links.get(c.contactId) ?? []).map((l) => ({
      token: l.token,
      tenantId: campaign.tenantId,
      campaignId: campaign.id,
      messageId: c.id,
      url: l.url,
    })),
  )
  // The route first (decision 043): a click that comes before the link row still finds the team.
  await addRoutes(
    ctx,
    'link',
    campaign.tenantId,
    values.map((v) => v.token),
  )
  for (const part of chunks(values, LINKS_PER_INSERT))
    await ctx.db.insert(campaignLinks).values(part).onConflictDoNothing()
}

/**
 * Step 6: every waiting row of this page goes to the senders (also rows a crashed earlier attempt
 * created or queued). Rows are marked queued first: if handing them out fails, the redelivered page
 * finds them still waiting and hands them out again.
 */
async function handToSenders(ctx: Ctx, campaign: Campaign, page: readonly PageContact[]): Promise<number> {
  const waiting: number[] = []
  for (const ids of chunks(
    page.map((c) => c.id),
    D1_IDS_PER_STATEMENT,
  )) {
    const rows = await ctx.db
      .select({ id: campaignMessages.id })
      .from(campaignMessages)
      .where(
        and(
          eq(campaignMessages.campaignId, campaign.id),
          inArray(campaignMessages.contactId, ids),
          // `+status`: seek each (campaign_id, contact_id), never walk every waiting row of the campaign.
          sql`+${campaignMessages.status} IN ('pending', 'queued')`,
        ),
      )
    waiting.push(...rows.map((r) => r.id))
  }
  await markQueued(ctx, waiting)
  const jobs = sendJobs(
    waiting.map((messageId) => ({ messageId, tenantId: campaign.tenantId, campaignId: campaign.id })),
  )
  await enqueueSends(ctx.env.SEND_QUEUE, jobs)
  return waiting.length
}

/** Step 7: the next page starts after the last contact of this one. */
async function advanceCursor(ctx: Ctx, campaign: Campaign, lastContactId: number, created: number) {
  await ctx.db
    .update(campaigns)
    .set({ dispatchCursor: lastContactId, totalCount: campaign.totalCount + created, updatedAt: ctx.clock() })
    .where(and(eq(campaigns.id, campaign.id), eq(campaigns.dispatchCursor, campaign.dispatchCursor)))
}

async function markDispatchDone(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  campaignId: string,
  lastContactId?: number,
) {
  const now = ctx.clock()
  const total = await ctx.db.$count(campaignMessages, eq(campaignMessages.campaignId, campaignId))
  const updated = await ctx.db
    .update(campaigns)
    .set({
      dispatchDone: true,
      totalCount: total,
      ...(lastContactId !== undefined ? { dispatchCursor: lastContactId } : {}),
      updatedAt: now,
    })
    .where(and(eq(campaigns.id, campaignId), eq(campaigns.dispatchDone, false)))
    .returning({ tenantId: campaigns.tenantId })
  const row = updated[0]
  if (row) await logCampaignEvent(ctx, row.tenantId, campaignId, 'dispatched', String(total))
}
