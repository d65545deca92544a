// Moving a team between tenant shards (decision 044), as a resumable state machine in the control
// database. An operator asks (`npm run team:move`); the cron and the operator's command advance it a
// time budget at a time, one holder at a time (a lease). Steps: freezing (the team waits, its running
// campaigns pause) -> quiescing -> preparing (target's id block, leftovers removed, team row copied) ->
// copying -> verifying (counts and checksums per table) -> switching (the placement) -> resuming ->
// cleaning (the source's rows) -> done. A failed check goes unwinding -> failed: the team works on
// the source again and the target's copy is removed.
import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm'
import { teamMoves, tenants } from '../../../../db/schema'
import type { AppContext } from '../../context.server'
import { tenantDatabases } from '../../db/shards.server'
import { newId } from '../../ids'
import { movePlan } from './plan'
import {
  clearTeam,
  copy,
  freeze,
  type MoveRow,
  type MoveStep,
  prepare,
  quiesce,
  resumeCampaigns,
  switchOver,
  type Unit,
  unwind,
  verify,
} from './steps.server'

const LEASE_MS = 60_000

export type MoveRequest =
  | { ok: true; id: string; source: string; target: string }
  | { ok: false; code: 'unknownTeam' | 'unknownShard' | 'sameShard' | 'alreadyMoving'; detail: string }

/** Records a move, checked first: the team exists, the target is a tenant database, not where it is, no move open. */
export async function requestMove(ctx: AppContext, tenantId: string, target: string): Promise<MoveRequest> {
  const team = await ctx.control
    .select({ shard: tenants.shard, movingTo: tenants.movingTo })
    .from(tenants)
    .where(eq(tenants.id, tenantId))
    .get()
  if (!team) return { ok: false, code: 'unknownTeam', detail: tenantId }
  const pool = tenantDatabases(ctx)
  if (!pool.includes(target))
    return { ok: false, code: 'unknownShard', detail: `${target} (${pool.join(', ')})` }
  if (team.shard === target) return { ok: false, code: 'sameShard', detail: target }
  const id = newId('mov')
  const inserted = await ctx.control.run(
    sql`INSERT OR IGNORE INTO team_moves (id, tenant_id, source, target, step)
        VALUES (${id}, ${tenantId}, ${team.shard}, ${target}, 'freezing')`,
  )
  // The partial unique index allows one unfinished move per team: two operators at once, one wins.
  if ((inserted.meta.changes ?? 0) === 0) return { ok: false, code: 'alreadyMoving', detail: tenantId }
  // The team waits from now on; the first advance pauses its campaigns (and repeats this if it was lost).
  await ctx.control
    .update(tenants)
    .set({ movingTo: target })
    .where(and(eq(tenants.id, tenantId), eq(tenants.shard, team.shard)))
  return { ok: true, id, source: team.shard, target }
}

async function unit(ctx: AppContext, m: MoveRow): Promise<Unit> {
  switch (m.step) {
    case 'freezing':
      return freeze(ctx, m)
    case 'quiescing':
      return quiesce(ctx, m)
    case 'preparing':
      return prepare(ctx, m)
    case 'copying':
      return copy(ctx, m)
    case 'verifying':
      return verify(ctx, m)
    case 'switching':
      return switchOver(ctx, m)
    case 'resuming': {
      const left = await resumeCampaigns(ctx, m, m.target)
      return { step: 'cleaning', state: { ...m.state, t: lastTable() }, pausedCampaigns: left }
    }
    case 'cleaning': {
      const t = await clearTeam(ctx, m, m.source, typeof m.state.t === 'number' ? m.state.t : lastTable())
      return { step: t === -2 ? 'done' : 'cleaning', state: { ...m.state, t } }
    }
    case 'unwinding':
      return unwind(ctx, m)
    default:
      return { step: m.step, state: m.state }
  }
}

/** Deletes go children first: from the plan's last table back to its first. */
const lastTable = () => movePlan().length - 1

export type MoveProgress = {
  id: string
  step: MoveStep
  error: string | null
  finished: boolean
  held: boolean
}

/**
 * Advances one move for up to `budgetMs` (units are small: a page or a chunk). `held` = another worker
 * holds the lease. `crashAfterUnits` dies, as a crash would, after doing one more unit without recording
 * it and without releasing the lease (tests).
 */
export async function advanceMove(
  ctx: AppContext,
  id: string,
  opts: { budgetMs: number; crashAfterUnits?: number },
): Promise<MoveProgress> {
  const started = ctx.clock()
  const claimed = await ctx.control
    .update(teamMoves)
    .set({ leaseUntil: started + LEASE_MS })
    .where(
      and(
        eq(teamMoves.id, id),
        isNull(teamMoves.finishedAt),
        or(isNull(teamMoves.leaseUntil), lt(teamMoves.leaseUntil, started)),
      ),
    )
    .returning()
    .get()
  if (!claimed) return progressOf(ctx, id, true)
  let m: MoveRow = claimed
  let units = 0
  try {
    while (m.step !== 'done' && m.step !== 'failed') {
      const next = await unit(ctx, m)
      units++
      // A crash after the work and before its record: the next advance repeats this unit.
      if (opts.crashAfterUnits !== undefined && units > opts.crashAfterUnits) throw new MoveCrash()
      m = {
        ...m,
        step: next.step,
        state: next.state,
        pausedCampaigns: next.pausedCampaigns ?? m.pausedCampaigns,
      }
      const finished = m.step === 'done' || m.step === 'failed'
      await ctx.control
        .update(teamMoves)
        .set({
          step: m.step,
          state: m.state,
          pausedCampaigns: m.pausedCampaigns,
          ...(next.error !== undefined ? { error: next.error } : {}),
          updatedAt: ctx.clock(),
          ...(finished ? { finishedAt: ctx.clock(), leaseUntil: null } : {}),
        })
        .where(eq(teamMoves.id, id))
      if (next.waiting || ctx.clock() - started >= opts.budgetMs) break
    }
  } catch (error) {
    if (!(error instanceof MoveCrash)) {
      // Recorded and retried by the next advance: every unit is safe to repeat.
      await ctx.control
        .update(teamMoves)
        .set({ error: String((error as Error)?.message ?? error), leaseUntil: null })
        .where(eq(teamMoves.id, id))
      throw error
    }
    return progressOf(ctx, id, false)
  }
  await ctx.control.update(teamMoves).set({ leaseUntil: null }).where(eq(teamMoves.id, id))
  return progressOf(ctx, id, false)
}

/** A simulated crash: the worker stops mid-move without releasing its lease (tests). */
class MoveCrash extends Error {}

async function progressOf(ctx: AppContext, id: string, held: boolean): Promise<MoveProgress> {
  const row = await ctx.control.select().from(teamMoves).where(eq(teamMoves.id, id)).get()
  return {
    id,
    step: row?.step ?? 'failed',
    error: row?.error ?? null,
    finished: row?.finishedAt != null,
    held,
  }
}

/** The cron's part: every unfinished move gets a slice of the tick. */
export async function advanceOpenMoves(ctx: AppContext, budgetMs: number): Promise<MoveProgress[]> {
  const open = await ctx.control
    .select({ id: teamMoves.id })
    .from(teamMoves)
    .where(isNull(teamMoves.finishedAt))
    .all()
  const out: MoveProgress[] = []
  for (const m of open) out.push(await advanceMove(ctx, m.id, { budgetMs: budgetMs / open.length }))
  return out
}

/** Databases an unfinished move reads or writes: the cron's cross-team sweeps leave them alone meanwhile. */
export async function shardsInMoves(ctx: AppContext): Promise<Set<string>> {
  const open = await ctx.control
    .select({ source: teamMoves.source, target: teamMoves.target })
    .from(teamMoves)
    .where(isNull(teamMoves.finishedAt))
    .all()
  return new Set(open.flatMap((m) => [m.source, m.target]))
}

/** Where a move stands, with the per-table figures it recorded (the operator's command prints them). */
export async function moveStatus(ctx: AppContext, id: string) {
  const row = await ctx.control.select().from(teamMoves).where(eq(teamMoves.id, id)).get()
  if (!row) return null
  const { leaseUntil: _l, ...rest } = row
  return { ...rest, finished: row.finishedAt !== null }
}

/** The latest move of a team (the operator's command and the tests read it). */
export function latestMove(ctx: AppContext, tenantId: string) {
  return ctx.control
    .select()
    .from(teamMoves)
    .where(eq(teamMoves.tenantId, tenantId))
    .orderBy(desc(teamMoves.startedAt))
    .limit(1)
    .get()
}
