// Fixtures for the report tests: a tenant with sessions and a campaign, and outbox rows inserted
// directly (any status and timestamps), in D1 batches.
import { eq, inArray } from 'drizzle-orm'
import { campaigns, wahaSessions } from '../../db/schema'
import { createCampaign, createContactList, createWahaSession } from '../builders'
import { createTestTenant, type TestTenant, tenantContext } from './helpers/app'

export type MessageSpec = {
  status: string
  name?: string | null
  phone?: string
  sessionId?: string | null
  sentAt?: number | null
  deliveredAt?: number | null
  readAt?: number | null
  clickedAt?: number | null
  repliedAt?: number | null
  failedAt?: number | null
  error?: string | null
  errorKind?: string | null
}

export type ReportFixture = TestTenant & { campaignId: string; listId: string; a: string; b: string }

// Sessions that may send at any hour: the ETA figures below must not depend on when the test runs.
const ALL_DAY = { windowDays: '0,1,2,3,4,5,6', windowStartMin: 0, windowEndMin: 1440 }

/** A tenant with two sessions (A "Loja Centro", B "Loja Sul") and a campaign in `status`. */
export async function reportFixture(status = 'running', name = 'Promoção de Natal'): Promise<ReportFixture> {
  const t = await createTestTenant()
  const list = await createContactList(t.ctx.db, { tenantId: t.tenantId, count: 1, name: 'Clientes' })
  const a = await createWahaSession(t.ctx.db, {
    tenantId: t.tenantId,
    displayName: 'Loja Centro',
    isPrimary: true,
  })
  const b = await createWahaSession(t.ctx.db, {
    tenantId: t.tenantId,
    displayName: 'Loja Sul',
    failoverPriority: 2,
  })
  const { id } = await createCampaign(t.ctx.db, {
    tenantId: t.tenantId,
    name,
    status,
    listId: list.id,
    sessionIds: [a.id, b.id],
  })
  await t.ctx.db
    .update(wahaSessions)
    .set(ALL_DAY)
    .where(inArray(wahaSessions.id, [a.id, b.id]))
  await t.ctx.db
    .update(campaigns)
    .set({ window: { days: [0, 1, 2, 3, 4, 5, 6], startMinute: 0, endMinute: 1440 } })
    .where(eq(campaigns.id, id))
  return { ...t, campaignId: id, listId: list.id, a: a.id, b: b.id }
}

export function phoneOf(i: number): string {
  return `+55119${String(10_000_000 + i).padStart(8, '0')}`
}

/** Inserts outbox rows (contact ids from `firstContactId`); returns their ids in order. */
export async function insertMessages(
  f: Pick<ReportFixture, 'tenantId'> & Partial<Pick<ReportFixture, 'ctx'>>,
  campaignId: string,
  specs: MessageSpec[],
  firstContactId = 1,
): Promise<number[]> {
  // The team's shard (decision 043), read before any await when the fixture carries it.
  const d1 = f.ctx ? f.ctx.db.$client : (await tenantContext(f.tenantId)).db.$client
  const statements = specs.map((s, i) =>
    d1
      .prepare(
        `INSERT INTO campaign_messages (tenant_id, campaign_id, contact_id, phone_e164, contact_name, status, session_id,
        sent_at, delivered_at, read_at, clicked_at, click_count, replied_at, failed_at, error, error_kind)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      )
      .bind(
        f.tenantId,
        campaignId,
        firstContactId + i,
        s.phone ?? phoneOf(firstContactId + i),
        s.name === undefined ? `Contato ${firstContactId + i}` : s.name,
        s.status,
        s.sessionId ?? null,
        s.sentAt ?? null,
        s.deliveredAt ?? null,
        s.readAt ?? null,
        s.clickedAt ?? null,
        s.clickedAt ? 1 : 0,
        s.repliedAt ?? null,
        s.failedAt ?? null,
        s.error ?? null,
        s.errorKind ?? null,
      ),
  )
  const ids: number[] = []
  for (let i = 0; i < statements.length; i += 500) {
    const results = await d1.batch<{ id: number }>(statements.slice(i, i + 500))
    for (const r of results) ids.push(r.results[0]!.id)
  }
  return ids
}

export async function insertSuppression(
  tenantId: string,
  phone: string,
  createdAt: number,
  reason = 'opt_out',
) {
  await (await tenantContext(tenantId)).db.$client
    .prepare(
      'INSERT INTO suppressions (tenant_id, phone_e164, reason, source, created_at) VALUES (?, ?, ?, ?, ?)',
    )
    .bind(tenantId, phone, reason, 'SAIR', createdAt)
    .run()
}

export async function pauseSessionRow(f: TestTenant, id: string, until: number, reason: string) {
  await f.ctx.db
    .update(wahaSessions)
    .set({ pausedUntil: until, pausedReason: reason, lastError: reason })
    .where(eq(wahaSessions.id, id))
}

/** The big number of a funnel card / detail tile (`data-testid`), as shown. */
export function statOf(html: string, testId: string): string | null {
  const at = html.indexOf(`data-testid="${testId}"`)
  if (at < 0) return null
  return /<div class="stat">([^<]*)<\/div>/.exec(html.slice(at))?.[1] ?? null
}

/** Row ids of the per-contact table, in order. */
export function rowIdsOf(html: string): number[] {
  return [...html.matchAll(/data-row-id="(\d+)"/g)].map((m) => Number(m[1]))
}

export function decodeHtml(s: string): string {
  return s
    .replaceAll('&amp;', '&')
    .replaceAll('&quot;', '"')
    .replaceAll('&#x27;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
}
