// One unit of work of each step of a team move (decision 044). Every unit is idempotent and ends by
// saying where the move stands, so a crash anywhere repeats at most one unit: copies insert-or-ignore,
// deletes delete what is still there, the control writes are conditional.
import { and, eq } from 'drizzle-orm'
import { campaignMessages, campaigns, tenants, users } from '../../../../db/schema'
import { text } from '../../../i18n/text'
import { pauseAutomatically, resume } from '../../campaigns/lifecycle.server'
import type { AppContext } from '../../context.server'
import { atShard, CONTROL_BINDING } from '../../db/shards.server'
import { scopeTo } from '../../db/tenant.server'
import { copyTeamToShard } from '../shard-copy.server'
import { freshIdBlockFor } from './id-blocks.server'
import { movePlan } from './plan'
import { deleteSome, foldDigest, readPage, writePage } from './rows.server'

export type MoveStep = typeof import('../../../../db/schema').teamMoves.$inferSelect['step']

export type MoveRow = {
  id: string
  tenantId: string
  source: string
  target: string
  step: MoveStep
  state: Record<string, unknown>
  pausedCampaigns: string[]
}

/** What a unit leaves: the next step (or the same), its state, and what to record. */
export type Unit = {
  step: MoveStep
  state: Record<string, unknown>
  pausedCampaigns?: string[]
  error?: string
  /** Nothing to do but wait (sends under way): the advance stops here for this time. */
  waiting?: boolean
}

export const TEAM_MOVING = text('send.teamMoving')
/** How long the move waits for sends already under way to finish before it copies anyway. */
const QUIESCE_MAX_MS = 120_000

const num = (v: unknown, fallback = 0) => (typeof v === 'number' ? v : fallback)

/** The team stops (pages, API, queues, webhooks, Durable Objects wait) and its running campaigns pause. */
export async function freeze(ctx: AppContext, m: MoveRow): Promise<Unit> {
  await ctx.control
    .update(tenants)
    .set({ movingTo: m.target })
    .where(and(eq(tenants.id, m.tenantId), eq(tenants.shard, m.source)))
  const at = atShard(ctx, m.source)
  const running = await at.db
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(and(eq(campaigns.tenantId, m.tenantId), eq(campaigns.status, 'running')))
    .all()
  // Recorded before pausing: a crash between the two still resumes them at the end.
  const paused = [...new Set([...m.pausedCampaigns, ...running.map((r) => r.id)])]
  return { step: 'quiescing', state: { since: ctx.clock() }, pausedCampaigns: paused, error: undefined }
}

/**
 * Pauses the recorded campaigns, then waits: at least the settle time (a request, queue batch or cron
 * sweep that found the team's shard just before the freeze finishes its writes), and until no send of
 * the team is under way, at most QUIESCE_MAX_MS in all.
 */
export async function quiesce(ctx: AppContext, m: MoveRow): Promise<Unit> {
  const at = atShard(ctx, m.source)
  for (const id of m.pausedCampaigns) await pauseAutomatically(at, id, TEAM_MOVING)
  const waited = ctx.clock() - num(m.state.since)
  const sending = await at.db
    .select({ id: campaignMessages.id })
    .from(campaignMessages)
    .where(and(eq(campaignMessages.tenantId, m.tenantId), eq(campaignMessages.status, 'sending')))
    .limit(1)
    .get()
  // A send still `sending` after the wait is settled later by the sweeper as `unknown` and asked of WAHA.
  const settled = waited >= ctx.config.moveSettleMs && !sending
  if (!settled && waited < Math.max(QUIESCE_MAX_MS, ctx.config.moveSettleMs))
    return { step: 'quiescing', state: m.state, waiting: true }
  return { step: 'preparing', state: { t: movePlan().length - 1 } }
}

/** Fresh id block on the target, leftovers of an earlier attempt removed, the team's row and staff copied. */
export async function prepare(ctx: AppContext, m: MoveRow): Promise<Unit> {
  const plan = movePlan()
  const t = num(m.state.t, plan.length - 1)
  const at = atShard(ctx, m.target)
  if (t >= 0) {
    const gone = await deleteSome(at, plan[t] as (typeof plan)[number], m.tenantId)
    return { step: 'preparing', state: { t: gone > 0 ? t : t - 1 } }
  }
  await freshIdBlockFor(ctx, m.target)
  await copyTeamToShard(ctx, m.tenantId, m.target)
  return { step: 'copying', state: { t: 0, after: 0, copied: {} } }
}

/** One page of one table from the source to the target. */
export async function copy(ctx: AppContext, m: MoveRow): Promise<Unit> {
  const plan = movePlan()
  const t = num(m.state.t)
  const table = plan[t]
  if (!table) return { step: 'verifying', state: { t: 0 } }
  const copied = { ...((m.state.copied as Record<string, number>) ?? {}) }
  const after = num(m.state.after)
  const target = atShard(ctx, m.target)
  // Counters kept by triggers: what the copied rows' triggers wrote is replaced by the source's rows.
  if (table.replace && after === 0 && !m.state.cleared) {
    const gone = await deleteSome(target, table, m.tenantId)
    return { step: 'copying', state: { ...m.state, cleared: gone === 0 } }
  }
  const page = await readPage(atShard(ctx, m.source), table, m.tenantId, after)
  if (page.values.length === 0) return { step: 'copying', state: { t: t + 1, after: 0, copied } }
  copied[table.name] = (copied[table.name] ?? 0) + (await writePage(target, table, page.values))
  return { step: 'copying', state: { t, after: page.last, copied, cleared: m.state.cleared } }
}

type Side = { after: number; n: number; digest: string }

/** One page of one table read on both sides into a count and a checksum; a difference undoes the move. */
export async function verify(ctx: AppContext, m: MoveRow): Promise<Unit> {
  const plan = movePlan()
  const t = num(m.state.t)
  const table = plan[t]
  if (!table) return { step: 'switching', state: { verified: plan.length, checked: m.state.checked ?? {} } }
  const src = (m.state.src as Side) ?? { after: 0, n: 0, digest: '' }
  const dst = (m.state.dst as Side) ?? { after: 0, n: 0, digest: '' }
  const [a, b] = await Promise.all([
    readPage(atShard(ctx, m.source), table, m.tenantId, src.after),
    readPage(atShard(ctx, m.target), table, m.tenantId, dst.after),
  ])
  const nextSrc = {
    after: a.last,
    n: src.n + a.values.length,
    digest: await foldDigest(src.digest, a.values),
  }
  const nextDst = {
    after: b.last,
    n: dst.n + b.values.length,
    digest: await foldDigest(dst.digest, b.values),
  }
  if (a.values.length > 0 || b.values.length > 0)
    return { step: 'verifying', state: { t, src: nextSrc, dst: nextDst, checked: m.state.checked } }
  if (src.n !== dst.n || src.digest !== dst.digest) {
    const error = `table ${table.name}: source ${src.n} rows, target ${dst.n} rows${src.n === dst.n ? ', checksums differ' : ''}`
    return { step: 'unwinding', state: { t: plan.length - 1 }, error }
  }
  const checked = { ...((m.state.checked as Record<string, number>) ?? {}), [table.name]: src.n }
  return { step: 'verifying', state: { t: t + 1, checked } }
}

/** The placement changes in one conditional write: from here on every path finds the team on the target. */
export async function switchOver(ctx: AppContext, m: MoveRow): Promise<Unit> {
  await ctx.control
    .update(tenants)
    .set({ shard: m.target, movingTo: null })
    .where(and(eq(tenants.id, m.tenantId), eq(tenants.movingTo, m.target)))
  return { step: 'resuming', state: m.state }
}

/** The campaigns the move paused go on (on whichever shard the team now lives). */
export async function resumeCampaigns(ctx: AppContext, m: MoveRow, shard: string): Promise<string[]> {
  const scope = scopeTo(atShard(ctx, shard), m.tenantId)
  const left = [...m.pausedCampaigns]
  while (left.length > 0) {
    const id = left[0] as string
    const row = await scope.db
      .select({ code: campaigns.pausedCode })
      .from(campaigns)
      .where(and(eq(campaigns.id, id), eq(campaigns.tenantId, m.tenantId), eq(campaigns.status, 'paused')))
      .get()
    // Only the pause the move made: a campaign someone paused by hand meanwhile stays paused.
    if (row?.code === TEAM_MOVING.code) await resume(scope, id)
    left.shift()
  }
  return left
}

/** Deletes the team's rows from `shard`, children first, a chunk per unit; true when none are left. */
export async function clearTeam(ctx: AppContext, m: MoveRow, shard: string, t: number): Promise<number> {
  const plan = movePlan()
  const at = atShard(ctx, shard)
  if (t >= 0) {
    const gone = await deleteSome(at, plan[t] as (typeof plan)[number], m.tenantId)
    return gone > 0 ? t : t - 1
  }
  if (shard !== CONTROL_BINDING) {
    // The shard's copy of the team and its staff (the control database keeps the originals).
    await at.db.batch([
      at.db.delete(users).where(eq(users.tenantId, m.tenantId)),
      at.db.delete(tenants).where(eq(tenants.id, m.tenantId)),
    ])
  }
  return -2
}

/** After a failed check: the team goes back to work on the source, then the target's copy is removed. */
export async function unwind(ctx: AppContext, m: MoveRow): Promise<Unit> {
  if (!m.state.released) {
    await ctx.control
      .update(tenants)
      .set({ movingTo: null })
      .where(and(eq(tenants.id, m.tenantId), eq(tenants.shard, m.source), eq(tenants.movingTo, m.target)))
    const left = await resumeCampaigns(ctx, m, m.source)
    return { step: 'unwinding', state: { ...m.state, released: true }, pausedCampaigns: left }
  }
  const t = await clearTeam(ctx, m, m.target, num(m.state.t))
  return t === -2 ? { step: 'failed', state: m.state } : { step: 'unwinding', state: { ...m.state, t } }
}
