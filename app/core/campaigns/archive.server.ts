// The archiver (decision 042): a finished campaign's outbox rows and frozen audience leave D1 for one
// R2 object, one step per call so that a crash at any step resumes where it stopped:
//   (none) → write the object and its row `written` → read it back, check checksum and counts:
//   `verified` → delete the rows in bounded batches → `done`.
// Nothing is deleted before the object read back equals what was written. The cron advances one
// campaign a tick; `archiveNow` runs every step of one campaign (operators and tests).
// Poll campaigns stay in D1: their votes hang off the outbox rows (poll_votes cascades) and the
// poll's result and export read them there. Tracked-link rows stay too: old messages' links redirect.
import { and, asc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm'
import { campaignArchives, campaigns } from '../../../db/schema'
import type { AppContext } from '../context.server'
import { ownedBy, scopeTo, type TenantScope } from '../db/tenant.server'
import { campaignReport } from '../tracking/report.server'
import { PhoneBloom } from './archive-bloom'
import {
  ARCHIVE_SCHEMA_VERSION,
  type ArchivedTable,
  type ArchiveManifest,
  decodeArchive,
  encodeArchive,
  type RawRow,
  sha256Hex,
} from './archive-format'
import { type ArchiveRow, archiveKey, loadArchiveBytes, removeArchiveObjects } from './archive-store.server'
import { ARCHIVE_TOTALS_KEYS, type ArchiveTotals } from './archive-totals'

const DAY_MS = 24 * 60 * 60 * 1000
const READ_PAGE = 1000
/** Rows deleted per statement, and statements per step: bounded D1 work per cron tick. */
export const DELETE_BATCH = 500
const DELETE_BATCHES_PER_STEP = 10

/** The step just completed; a test may throw here to play a crash right after it. */
export type ArchiveStep = 'written' | 'marked' | 'verified' | 'deleted-batch' | 'done'
export type ArchiveHooks = { after?: (step: ArchiveStep) => void | Promise<void> }

/** Raw rows of one table of the campaign, keyset-paged (tenant and campaign always in the WHERE). */
async function* rawPages(scope: TenantScope, table: ArchivedTable, campaignId: string) {
  const key = table === 'campaign_messages' ? 'contact_id' : 'person_id'
  let cursor = -1
  for (;;) {
    const { results } = await scope.db.$client
      .prepare(
        `SELECT * FROM ${table} WHERE tenant_id = ? AND campaign_id = ? AND ${key} > ? ORDER BY ${key} LIMIT ?`,
      )
      .bind(scope.tenantId, campaignId, cursor, READ_PAGE)
      .all<RawRow>()
    yield { table, rows: results }
    if (results.length < READ_PAGE) return
    cursor = Number(results.at(-1)?.[key])
  }
}

async function countRows(scope: TenantScope, table: ArchivedTable, campaignId: string) {
  const row = await scope.db.$client
    .prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE tenant_id = ? AND campaign_id = ?`)
    .bind(scope.tenantId, campaignId)
    .first<{ n: number }>()
  return Number(row?.n ?? 0)
}

/** The report's aggregates now, kept with the archive: the page shows them once the rows are gone. */
async function totalsNow(scope: TenantScope, campaignId: string): Promise<ArchiveTotals> {
  const report = await campaignReport(scope, campaignId, {
    status: null,
    activity: null,
    sessionId: null,
    q: null,
    after: null,
    before: null,
  })
  return Object.fromEntries(ARCHIVE_TOTALS_KEYS.map((k) => [k, report[k]])) as ArchiveTotals
}

/** Step 1: the object in R2, then its row `written` (a crash between them rewrites the object). */
async function write(scope: TenantScope, campaignId: string, hooks: ArchiveHooks) {
  const rowsAt = scope.clock()
  const totals = await totalsNow(scope, campaignId)
  const counts = {
    campaign_messages: await countRows(scope, 'campaign_messages', campaignId),
    campaign_audience: await countRows(scope, 'campaign_audience', campaignId),
  }
  const manifest: ArchiveManifest = {
    schemaVersion: ARCHIVE_SCHEMA_VERSION,
    campaignId,
    tenantId: scope.tenantId,
    counts,
    createdAt: rowsAt,
  }
  const bloom = PhoneBloom.sized(counts.campaign_messages)
  async function* pages() {
    for await (const page of rawPages(scope, 'campaign_messages', campaignId)) {
      for (const r of page.rows) bloom.add(String(r.phone_e164))
      yield page
    }
    yield* rawPages(scope, 'campaign_audience', campaignId)
  }
  const bytes = await encodeArchive(manifest, pages())
  const sha256 = await sha256Hex(bytes)
  const key = archiveKey(scope.tenantId, campaignId, rowsAt)
  await scope.env.FILES.put(key, bytes, {
    httpMetadata: { contentType: 'application/x-ndjson', contentEncoding: 'identity' },
    customMetadata: { manifest: JSON.stringify(manifest), sha256 },
  })
  await hooks.after?.('written')
  const values = {
    tenantId: scope.tenantId,
    r2Key: key,
    state: 'written' as const,
    schemaVersion: ARCHIVE_SCHEMA_VERSION,
    counts,
    sha256,
    bytes: bytes.byteLength,
    totals,
    rowsAt,
    phonesBloom: bloom.toBase64(),
  }
  await scope.db
    .insert(campaignArchives)
    .values({ campaignId, ...values })
    .onConflictDoUpdate({ target: campaignArchives.campaignId, set: values })
  // Objects of an earlier attempt that crashed before its row was written, or failed its check.
  await removeArchiveObjects(scope.env, scope.tenantId, campaignId, key)
  await hooks.after?.('marked')
}

/** The archive's state moves only from the one expected (a restore that began meanwhile wins). */
function moveState(
  scope: TenantScope,
  campaignId: string,
  from: ArchiveRow['state'],
  to: ArchiveRow['state'],
) {
  return scope.db
    .update(campaignArchives)
    .set({ state: to })
    .where(
      ownedBy(
        scope,
        campaignArchives,
        eq(campaignArchives.campaignId, campaignId),
        eq(campaignArchives.state, from),
      ),
    )
}

/**
 * Step 2: read the object back; it must match its checksum and hold as many rows per table as D1
 * has now. If not (or it is missing), the row goes and the next step writes the object again.
 */
async function verify(scope: TenantScope, a: ArchiveRow, hooks: ArchiveHooks) {
  const bytes = await loadArchiveBytes(scope.env, a.r2Key)
  const ok =
    bytes !== null &&
    (await decodeArchive(bytes, a.sha256, { countRows: true }).then(
      async (d) =>
        d.manifest.counts.campaign_messages === (await countRows(scope, 'campaign_messages', a.campaignId)) &&
        d.manifest.counts.campaign_audience === (await countRows(scope, 'campaign_audience', a.campaignId)),
      () => false,
    ))
  if (!ok) {
    await scope.db
      .delete(campaignArchives)
      .where(ownedBy(scope, campaignArchives, eq(campaignArchives.campaignId, a.campaignId)))
    return
  }
  await moveState(scope, a.campaignId, 'written', 'verified')
  await hooks.after?.('verified')
}

/** Step 3: up to DELETE_BATCHES_PER_STEP batches of rows leave D1; none left: `done`. */
async function deleteRows(scope: TenantScope, a: ArchiveRow, hooks: ArchiveHooks) {
  for (let i = 0; i < DELETE_BATCHES_PER_STEP; i++) {
    let deleted = 0
    for (const table of ['campaign_messages', 'campaign_audience'] as const) {
      const r = await scope.db.$client
        .prepare(
          // Only while the archive is still `verified`: a restore that began meanwhile stops the deletes.
          `DELETE FROM ${table} WHERE rowid IN (SELECT rowid FROM ${table} WHERE tenant_id = ? AND campaign_id = ? LIMIT ?)
          AND EXISTS (SELECT 1 FROM campaign_archives WHERE tenant_id = ? AND campaign_id = ? AND state = 'verified')`,
        )
        .bind(scope.tenantId, a.campaignId, DELETE_BATCH, scope.tenantId, a.campaignId)
        .run()
      deleted += r.meta.changes ?? 0
    }
    if (deleted === 0) {
      await moveState(scope, a.campaignId, 'verified', 'done')
      await hooks.after?.('done')
      return
    }
    await hooks.after?.('deleted-batch')
  }
}

/** One step of one campaign's archive; returns the state it reached (null: nothing archived yet). */
export async function archiveStep(
  scope: TenantScope,
  campaignId: string,
  hooks: ArchiveHooks = {},
): Promise<ArchiveRow['state'] | null> {
  const a = await scope.db
    .select()
    .from(campaignArchives)
    .where(ownedBy(scope, campaignArchives, eq(campaignArchives.campaignId, campaignId)))
    .get()
  if (!a) await write(scope, campaignId, hooks)
  else if (a.state === 'written') await verify(scope, a, hooks)
  else if (a.state === 'verified') await deleteRows(scope, a, hooks)
  const after = await scope.db
    .select({ state: campaignArchives.state })
    .from(campaignArchives)
    .where(ownedBy(scope, campaignArchives, eq(campaignArchives.campaignId, campaignId)))
    .get()
  return after?.state ?? null
}

/** The campaign sends a poll: as its first message or in a follow-up step (decision 040). */
const hasPoll = sql`(${campaigns.poll} IS NOT NULL OR EXISTS (SELECT 1 FROM json_each(${campaigns.steps}) AS s
  WHERE json_type(s.value, '$.poll') = 'object'))`

/** Why a campaign cannot be archived, or null. */
async function notArchivable(scope: TenantScope, campaignId: string) {
  const c = await scope.db
    .select({ status: campaigns.status, withPoll: sql<number>`${hasPoll}` })
    .from(campaigns)
    .where(ownedBy(scope, campaigns, eq(campaigns.id, campaignId)))
    .get()
  if (!c) return 'not_found' as const
  if (c.status !== 'finished' && c.status !== 'cancelled') return 'not_finished' as const
  if (c.withPoll) return 'poll' as const
  return null
}

/**
 * Every step of one finished campaign now, whatever its age (operators: `npm run archive:now`; tests).
 * Resumes a half-done archive. Returns `done`, or why not.
 */
export async function archiveNow(scope: TenantScope, campaignId: string, hooks: ArchiveHooks = {}) {
  const why = await notArchivable(scope, campaignId)
  if (why) return { ok: false as const, why }
  for (let i = 0; i < 10_000; i++) {
    const state = await archiveStep(scope, campaignId, hooks)
    if (state === 'done') return { ok: true as const }
    if (state === 'restoring') return { ok: false as const, why: 'restoring' as const }
  }
  throw new Error('archive did not finish')
}

/**
 * The cron: one step of the campaign most worth it — a half-done archive first, else the oldest
 * campaign finished (or cancelled) more than ARCHIVE_AFTER_DAYS ago. Poll campaigns are skipped.
 */
export async function archiveTick(
  ctx: AppContext,
): Promise<{ campaignId: string; state: string | null } | null> {
  const cutoff = ctx.clock() - ctx.config.archiveAfterDays * DAY_MS
  const a = campaignArchives
  const next = await ctx.db
    .select({ id: campaigns.id, tenantId: campaigns.tenantId })
    .from(campaigns)
    .leftJoin(a, eq(a.campaignId, campaigns.id))
    .where(
      and(
        inArray(campaigns.status, ['finished', 'cancelled']),
        lt(campaigns.finishedAt, cutoff),
        sql`NOT ${hasPoll}`,
        or(isNull(a.state), inArray(a.state, ['written', 'verified'])),
      ),
    )
    .orderBy(sql`${a.state} IS NULL`, asc(campaigns.finishedAt))
    .limit(1)
    .get()
  if (!next) return null
  const state = await archiveStep(scopeTo(ctx, next.tenantId), next.id)
  return { campaignId: next.id, state }
}
