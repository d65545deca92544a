// Dispatch (DESIGN §3): pages through a running campaign's list, creates outbox rows idempotently
// (INSERT ... ON CONFLICT DO NOTHING on (campaign, contact)), renders each text once, applies the
// opt-out list, and hands every waiting row to the `sends` queue in batches of 100. Continues with a
// cursor in follow-up messages so no invocation nears the Worker's limits. A redelivered job creates
// nothing twice; duplicate send jobs are harmless because the sender claims rows conditionally.
import { and, eq, gt, inArray } from 'drizzle-orm'
import { campaignLinks, campaignMessages, campaigns, contacts, suppressions } from '../../../db/schema'
import { rewriteLinks } from '../campaigns/links'
import { finishIfDone, logCampaignEvent, startScheduled } from '../campaigns/lifecycle.server'
import { compileTemplate } from '../campaigns/template'
import type { AppContext } from '../context.server'
import { randomToken } from '../crypto/secrets'
import type { DispatchJob, SendJob } from '../queue-messages'

/** Contacts per dispatch invocation: ~60 D1 statements, far below the 1,000-query limit. */
export const DISPATCH_PAGE = 500
/** D1 allows 100 bound parameters per statement; an outbox insert binds 10 per row. */
const ROWS_PER_INSERT = 10

export type DispatchResult = { state: 'not_running' | 'continued' | 'done'; created: number; queued: number }

/** Runs one page of dispatch for the job's campaign. */
export async function dispatchPage(ctx: Pick<AppContext, 'db' | 'env' | 'clock'>, job: DispatchJob): Promise<DispatchResult> {
  // A scheduled campaign released by the cron starts now (a no-op for every other status).
  await startScheduled(ctx, job.tenantId, job.campaignId)
  const campaign = await ctx.db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.id, job.campaignId), eq(campaigns.tenantId, job.tenantId)))
    .get()
  if (campaign?.status !== 'running' || campaign.dispatchDone || !campaign.listId) {
    if (campaign?.status === 'running' && !campaign.listId) {
      await markDispatchDone(ctx, campaign.id)
    }
    return { state: 'not_running', created: 0, queued: 0 }
  }

  const page = await ctx.db
    .select({ id: contacts.id, name: contacts.name, phone: contacts.phoneE164, extra: contacts.extra })
    .from(contacts)
    .where(and(eq(contacts.listId, campaign.listId), eq(contacts.tenantId, job.tenantId), gt(contacts.id, campaign.dispatchCursor)))
    .orderBy(contacts.id)
    .limit(DISPATCH_PAGE)

  const phones = [...new Set(page.map((c) => c.phone))]
  const suppressed = new Set<string>()
  for (let i = 0; i < phones.length; i += 90) {
    const rows = await ctx.db
      .select({ phone: suppressions.phoneE164 })
      .from(suppressions)
      .where(and(eq(suppressions.tenantId, job.tenantId), inArray(suppressions.phoneE164, phones.slice(i, i + 90))))
    for (const r of rows) suppressed.add(r.phone)
  }

  const render = compileTemplate(campaign.texts)
  const now = ctx.clock()
  const links: (typeof campaignLinks.$inferInsert)[] = []
  const seen = new Set<string>()
  const rows = page.map((c) => {
    const duplicate = seen.has(c.phone)
    seen.add(c.phone)
    let text = render({ name: c.name, phone: c.phone, extra: c.extra ?? {} }, campaign.id).text
    const pendingLinks: Array<{ token: string; url: string }> = []
    if (campaign.linkTracking && campaign.baseUrl) {
      text = rewriteLinks(text, (url) => {
        const token = randomToken(12)
        pendingLinks.push({ token, url })
        return `${campaign.baseUrl}/l/${token}`
      }).text
    }
    const skip = suppressed.has(c.phone) ? 'suppressed' : duplicate ? 'duplicate' : null
    return {
      row: {
        tenantId: job.tenantId,
        campaignId: campaign.id,
        contactId: c.id,
        phoneE164: c.phone,
        contactName: c.name,
        status: skip ? 'skipped' : 'pending',
        renderedText: text,
        error: skip === 'suppressed' ? 'Número na lista de opt-out' : skip === 'duplicate' ? 'Telefone repetido na lista' : null,
        errorKind: skip,
        updatedAt: now,
      } satisfies typeof campaignMessages.$inferInsert,
      links: skip ? [] : pendingLinks,
    }
  })

  // Insert; rows that already exist (redelivered job) keep their state and their links. Raw SQL with
  // only the columns we set: D1 binds at most 100 parameters per statement (10 rows x 10 columns).
  const created: Array<{ id: number; contactId: number }> = []
  const statements: D1PreparedStatement[] = []
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const chunk = rows.slice(i, i + ROWS_PER_INSERT).map((r) => r.row)
    const values = chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')
    statements.push(
      ctx.env.DB.prepare(
        `INSERT INTO campaign_messages (tenant_id, campaign_id, contact_id, phone_e164, contact_name, status,
           rendered_text, error, error_kind, updated_at) VALUES ${values}
         ON CONFLICT (campaign_id, contact_id) DO NOTHING RETURNING id, contact_id`,
      ).bind(
        ...chunk.flatMap((r) => [
          r.tenantId,
          r.campaignId,
          r.contactId,
          r.phoneE164,
          r.contactName,
          r.status,
          r.renderedText,
          r.error,
          r.errorKind,
          r.updatedAt,
        ]),
      ),
    )
  }
  for (let i = 0; i < statements.length; i += 25) {
    const results = await ctx.env.DB.batch<{ id: number; contact_id: number }>(statements.slice(i, i + 25))
    for (const r of results) for (const row of r.results) created.push({ id: row.id, contactId: row.contact_id })
  }
  const byContact = new Map(rows.map((r) => [r.row.contactId, r.links]))
  for (const c of created) {
    for (const l of byContact.get(c.contactId) ?? []) {
      links.push({ token: l.token, tenantId: job.tenantId, campaignId: campaign.id, messageId: c.id, url: l.url })
    }
  }
  for (let i = 0; i < links.length; i += 10) await ctx.db.insert(campaignLinks).values(links.slice(i, i + 10)).onConflictDoNothing()

  // Hand every waiting row of this page to the senders (also rows a crashed earlier attempt created).
  const contactIds = page.map((c) => c.id)
  const waiting: number[] = []
  for (let i = 0; i < contactIds.length; i += 90) {
    const rs = await ctx.db
      .select({ id: campaignMessages.id })
      .from(campaignMessages)
      .where(
        and(
          eq(campaignMessages.campaignId, campaign.id),
          inArray(campaignMessages.contactId, contactIds.slice(i, i + 90)),
          eq(campaignMessages.status, 'pending'),
        ),
      )
    waiting.push(...rs.map((r) => r.id))
  }
  for (let i = 0; i < waiting.length; i += 100) {
    await ctx.env.SEND_QUEUE.sendBatch(
      waiting.slice(i, i + 100).map((messageId) => ({
        body: { type: 'send', v: 1, tenantId: job.tenantId, campaignId: campaign.id, messageId } satisfies SendJob,
      })),
    )
  }
  for (let i = 0; i < waiting.length; i += 90) {
    await ctx.db
      .update(campaignMessages)
      .set({ status: 'queued', queuedAt: now, updatedAt: now })
      .where(and(inArray(campaignMessages.id, waiting.slice(i, i + 90)), eq(campaignMessages.status, 'pending')))
  }

  const last = page[page.length - 1]
  if (page.length < DISPATCH_PAGE) {
    await markDispatchDone(ctx, campaign.id, last?.id)
    await finishIfDone(ctx, campaign.id)
    return { state: 'done', created: created.length, queued: waiting.length }
  }
  await ctx.db
    .update(campaigns)
    .set({ dispatchCursor: last!.id, totalCount: campaign.totalCount + created.length, updatedAt: now })
    .where(and(eq(campaigns.id, campaign.id), eq(campaigns.dispatchCursor, campaign.dispatchCursor)))
  await ctx.env.DISPATCH_QUEUE.send(job)
  return { state: 'continued', created: created.length, queued: waiting.length }
}

async function markDispatchDone(ctx: Pick<AppContext, 'db' | 'clock'>, campaignId: string, lastContactId?: number) {
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
