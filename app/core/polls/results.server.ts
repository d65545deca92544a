// A poll's result (decision 038): counts per option over each person's current vote (SQL groups the
// options of the current rows: json_each over a partial index of the campaign's current votes), and
// "quem votou em quê" as CSV — name, phone, the options, when, how many times the person voted — in
// the viewer's language, formula-safe, ';' + BOM + CRLF (csv-export.ts), streamed in pages.
import { and, asc, eq, gt, sql } from 'drizzle-orm'
import { campaignMessages, pollVotes } from '../../../db/schema'
import { getCampaign } from '../campaigns/campaigns.server'
import type { PollSpec } from '../campaigns/poll'
import { csvStream, type ExportWords, phoneCell, typedCell } from '../contacts/csv-export'
import { ownedBy, type TenantScope } from '../db/tenant.server'
import { exportFileName, formatLocalDateTime } from '../tracking/report-format'

export type PollResult = {
  question: string
  multipleAnswers: boolean
  options: { option: string; votes: number; percent: number }[]
  /** People whose current vote names at least one option. */
  voters: number
  /** Votes received in all (changes included). */
  received: number
}

/**
 * The campaign's poll result; null when the campaign is not a poll. `step` (decision 040): only the
 * votes on that step's messages (a campaign whose follow-up steps are polls too).
 */
export async function pollResult(
  scope: TenantScope,
  campaign: { id: string; texts: string[]; poll: PollSpec | null },
  step?: number,
): Promise<PollResult | null> {
  if (!campaign.poll) return null
  const v = pollVotes
  const ofStep =
    step === undefined
      ? undefined
      : sql`EXISTS (SELECT 1 FROM campaign_messages m WHERE m.id = ${v.messageId} AND m.step = ${step})`
  const current = ownedBy(scope, v, eq(v.campaignId, campaign.id), eq(v.current, true), ofStep)
  const [perOption, totals] = await Promise.all([
    scope.db
      .select({ option: sql<string>`j.value`, votes: sql<number>`count(*)` })
      .from(sql`${v}, json_each(${v.options}) AS j`)
      .where(current)
      .groupBy(sql`j.value`),
    scope.db
      .select({
        voters: sql<number>`coalesce(sum(CASE WHEN ${v.current} = 1 AND json_array_length(${v.options}) > 0 THEN 1 ELSE 0 END), 0)`,
        received: sql<number>`count(*)`,
      })
      .from(v)
      .where(ownedBy(scope, v, eq(v.campaignId, campaign.id), ofStep))
      .get(),
  ])
  const counts = new Map(perOption.map((r) => [r.option, Number(r.votes)]))
  const voters = Number(totals?.voters ?? 0)
  return {
    question: campaign.texts[0] ?? '',
    multipleAnswers: campaign.poll.multipleAnswers,
    options: campaign.poll.options.map((option) => {
      const votes = counts.get(option) ?? 0
      return { option, votes, percent: voters > 0 ? Math.round((votes / voters) * 100) : 0 }
    }),
    voters,
    received: Number(totals?.received ?? 0),
  }
}

const EXPORT_PAGE = 2000
const COLUMNS = ['name', 'phone', 'options', 'votedAt', 'changes'] as const

/** "Quem votou em quê": one line per person with a current vote; 404 for another tenant's campaign. */
export async function pollVotesExport(
  scope: TenantScope,
  campaignId: string,
  words: ExportWords,
  pageSize = EXPORT_PAGE,
): Promise<{ fileName: string; body: ReadableStream<Uint8Array> } | null> {
  const campaign = await getCampaign(scope, campaignId)
  if (!campaign.poll) return null
  const v = pollVotes
  const m = campaignMessages
  let cursor = 0
  let done = false
  const header = COLUMNS.map((c) => words(`polls.export.${c}`))
  const body = csvStream(header, async () => {
    if (done) return null
    const rows = await scope.db
      .select({
        messageId: v.messageId,
        options: v.options,
        votedAt: v.votedAt,
        name: m.contactName,
        phone: m.phoneE164,
        changes: sql<number>`(SELECT count(*) FROM poll_votes h WHERE h.message_id = ${v.messageId})`,
      })
      .from(v)
      .innerJoin(m, eq(m.id, v.messageId))
      .where(
        and(ownedBy(scope, v, eq(v.campaignId, campaign.id), eq(v.current, true)), gt(v.messageId, cursor)),
      )
      .orderBy(asc(v.messageId))
      .limit(pageSize)
    if (rows.length < pageSize) done = true
    cursor = rows.at(-1)?.messageId ?? cursor
    return rows.map((r) => [
      typedCell(r.name ?? ''),
      phoneCell(r.phone),
      typedCell(r.options.length > 0 ? r.options.join(' | ') : words('polls.export.withdrawn')),
      formatLocalDateTime(r.votedAt),
      String(r.changes),
    ])
  })
  return { fileName: exportFileName(`${campaign.name} votos`, scope.clock()), body }
}
