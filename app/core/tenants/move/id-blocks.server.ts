// Integer ids that survive a move (decision 044). Each tenant database issues the ids of its
// AUTOINCREMENT tables from its own block of 10^12, recorded in the control database, so a team's rows
// are copied to another shard with the ids they have: nothing that names a row (other rows, JSON
// definitions, cursors, queue messages, Durable Object queues, R2 archives) needs rewriting.
//
// SQLite's next AUTOINCREMENT id is max(largest id ever in the table, sqlite_sequence.seq) + 1. Raising
// `seq` to the block's start moves a database into its block. A moved team brings ids from lower blocks
// (every block is allocated above all earlier ones), so before a copy the target takes a fresh block
// unless it already holds the highest: the copied ids then never lift its counter into another's block.
import { eq, sql } from 'drizzle-orm'
import { idBlocks } from '../../../../db/schema'
import type { AppContext } from '../../context.server'
import { atShard, CONTROL_BINDING, leastLoadedShard } from '../../db/shards.server'
import { movePlan } from './plan'

export const ID_BLOCK_SIZE = 1_000_000_000_000

async function blockOf(ctx: AppContext, shard: string): Promise<number | null> {
  const row = await ctx.control
    .select({ block: idBlocks.block })
    .from(idBlocks)
    .where(eq(idBlocks.shard, shard))
    .get()
  return row?.block ?? (shard === CONTROL_BINDING ? 0 : null)
}

/** One statement: the next block above every allocated one, unique even when two moves ask at once. */
async function allocate(ctx: AppContext, shard: string): Promise<number> {
  const row = await ctx.control.get<{ block: number }>(
    sql`INSERT INTO id_blocks (shard, block) VALUES (${shard}, (SELECT COALESCE(MAX(block), 0) + 1 FROM id_blocks))
        ON CONFLICT (shard) DO UPDATE SET block = (SELECT COALESCE(MAX(block), 0) + 1 FROM id_blocks)
        RETURNING block`,
  )
  return row.block
}

/** Raises every AUTOINCREMENT counter of `shard` to its block's start (idempotent). */
async function applyBlock(ctx: AppContext, shard: string, block: number): Promise<void> {
  const start = block * ID_BLOCK_SIZE
  const names = movePlan()
    .filter((t) => t.autoIncrement)
    .map((t) => t.name)
  const d1 = atShard(ctx, shard).db.$client
  const list = JSON.stringify(names)
  await d1.batch([
    d1
      .prepare(
        `INSERT INTO sqlite_sequence (name, seq) SELECT value, ?1 FROM json_each(?2)
         WHERE value NOT IN (SELECT name FROM sqlite_sequence)`,
      )
      .bind(start, list),
    d1
      .prepare(
        `UPDATE sqlite_sequence SET seq = ?1 WHERE name IN (SELECT value FROM json_each(?2)) AND seq < ?1`,
      )
      .bind(start, list),
  ])
}

/** A shard about to take its first team gets its own block (the control database keeps block 0). */
async function ensureIdBlock(ctx: AppContext, shard: string): Promise<void> {
  if (shard === CONTROL_BINDING) return
  const block = (await blockOf(ctx, shard)) ?? (await allocate(ctx, shard))
  await applyBlock(ctx, shard, block)
}

/** Before a team's rows are copied into `shard`: the highest block, so copied ids sit below its own. */
export async function freshIdBlockFor(ctx: AppContext, shard: string): Promise<number> {
  const current = await blockOf(ctx, shard)
  const top = await ctx.control.get<{ top: number | null }>(sql`SELECT MAX(block) AS top FROM id_blocks`)
  const block = current !== null && current >= (top.top ?? 0) ? current : await allocate(ctx, shard)
  await applyBlock(ctx, shard, block)
  return block
}

/** The shard a new team goes to (the least loaded), ready to issue ids from its own block. */
export async function placeNewTeam(ctx: AppContext): Promise<string> {
  const shard = await leastLoadedShard(ctx)
  await ensureIdBlock(ctx, shard)
  return shard
}
