// Fixtures for the archive tests (decision 042): a finished campaign old enough to archive, with a
// varied outbox (every status, two sessions, clicks, replies, failures) and a frozen audience, plus
// what a viewer sees of it (the report page, its pages of rows, the CSV export) to compare before and
// after the rows leave D1.
import { eq } from 'drizzle-orm'
import { scopeTo } from '../../app/core/db/tenant.server'
import { FUNNEL_KEYS } from '../../app/core/tracking/report'
import { campaignArchives, campaigns } from '../../db/schema'
import { appFetch, campaignD1 } from './helpers/app'
import {
  insertMessages,
  type MessageSpec,
  type ReportFixture,
  reportFixture,
  rowIdsOf,
  statOf,
} from './report-support'

const DAY = 24 * 60 * 60 * 1000
const AT = Date.UTC(2026, 9, 1, 13, 0)

export type ArchiveFixture = ReportFixture & { ids: number[]; phones: string[] }

/** A campaign finished `daysAgo` days ago with `n` outbox rows and as many audience rows. */
export async function archiveFixture(n = 120, daysAgo = 40, status = 'finished'): Promise<ArchiveFixture> {
  const f = await reportFixture(status, 'Liquidação de Outubro')
  const specs: MessageSpec[] = Array.from({ length: n }, (_, i) => {
    const kind = i % 6
    if (kind === 0)
      return {
        status: 'failed',
        sessionId: f.a,
        error: 'número inválido',
        errorKind: 'invalid_number',
        failedAt: AT,
      }
    if (kind === 1) return { status: 'skipped', error: 'Número na lista de opt-out', errorKind: 'suppressed' }
    if (kind === 2)
      return {
        status: 'read',
        sessionId: f.b,
        sentAt: AT + i,
        deliveredAt: AT + i + 1,
        readAt: AT + i + 2,
        clickedAt: AT + i + 3,
      }
    if (kind === 3)
      return {
        status: 'delivered',
        sessionId: f.a,
        sentAt: AT + i,
        deliveredAt: AT + i + 5,
        repliedAt: AT + i + 9,
      }
    return { status: 'sent', sessionId: i % 2 ? f.a : f.b, sentAt: AT + i }
  })
  const ids = await insertMessages(f, f.campaignId, specs)
  const d1 = f.ctx.db.$client
  const audience = Array.from({ length: n }, (_, i) =>
    d1
      .prepare('INSERT INTO campaign_audience (campaign_id, tenant_id, person_id) VALUES (?, ?, ?)')
      .bind(f.campaignId, f.tenantId, 1000 + i),
  )
  for (let i = 0; i < audience.length; i += 500) await d1.batch(audience.slice(i, i + 500))
  await f.ctx.db
    .update(campaigns)
    .set({ startedAt: AT - DAY, finishedAt: Date.now() - daysAgo * DAY })
    .where(eq(campaigns.id, f.campaignId))
  const phones = (
    await d1
      .prepare('SELECT phone_e164 AS p FROM campaign_messages WHERE campaign_id = ? ORDER BY contact_id')
      .bind(f.campaignId)
      .all<{ p: string }>()
  ).results.map((r) => r.p)
  return { ...f, ids, phones }
}

export const scopeOf = (f: ReportFixture) => scopeTo(f.ctx, f.tenantId)

/** Rows of the campaign still in D1: outbox and audience. */
export async function d1Rows(campaignId: string) {
  const n = async (table: string) =>
    Number(
      (
        await (
          await campaignD1(campaignId)
        )
          .prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE campaign_id = ?`)
          .bind(campaignId)
          .first<{ n: number }>()
      )?.n ?? 0,
    )
  return { messages: await n('campaign_messages'), audience: await n('campaign_audience') }
}

export async function archiveRowOf(f: ReportFixture) {
  return f.ctx.db.select().from(campaignArchives).where(eq(campaignArchives.campaignId, f.campaignId)).get()
}

const FUNNEL_IDS = ['funnel-total', ...FUNNEL_KEYS.map((k) => `funnel-${k}`)]

/** What a viewer reads: the funnel figures, every page of the table (and a filtered one), the CSV. */
export async function viewOf(f: ReportFixture, { allPages = true } = {}) {
  const cookie = f.users.viewer.cookie
  const page = async (query: string) =>
    appFetch(`/campanhas/${f.campaignId}${query}`, { cookie }).then((r) => r.text())
  const first = await page('')
  const stats = Object.fromEntries(FUNNEL_IDS.map((id) => [id, statOf(first, id)]))
  const pages: number[][] = []
  let html = first
  for (;;) {
    pages.push(rowIdsOf(html))
    const next = /href="[^"]*[?&]depois=(\d+)[^"]*"/.exec(html)?.[1]
    if (!next || !allPages || pages.length > 20) break
    html = await page(`?depois=${next}`)
  }
  const failed = rowIdsOf(await page('?status=failed'))
  const search = rowIdsOf(await page('?q=Contato%2012'))
  const csv = await appFetch(`/campanhas/${f.campaignId}/exportar`, { cookie }).then((r) => r.text())
  return { stats, pages, failed, search, csv, html: first }
}
