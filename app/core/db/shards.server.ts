// Tenant shards (decision 043). The control database (binding `DB`) knows every team's placement and
// routes machine traffic; each team's own rows live in one tenant-data D1 (a shard). Core code keeps
// its shape: a context "at" a team carries that team's shard as `db`, the control database as
// `control`. Entry points choose the shard once: the web and API guards from the signed-in team, queue
// consumers and Durable Objects from the team id their message carries, webhooks and tracked links
// through `machine_routes`, the cron by running each sweep once per shard.
import { count, eq, sql } from 'drizzle-orm'
import { machineRoutes, tenants } from '../../../db/schema'
import type { AppContext } from '../context.server'
import { getDb } from './client.server'

export const CONTROL_BINDING = 'DB'

/** A placement names a D1 binding this Worker does not have: a configuration error, said plainly. */
export class ShardMissingError extends Error {
  constructor(readonly binding: string) {
    super(`tenant shard "${binding}" is not a D1 binding of this Worker (wrangler.toml, TENANT_SHARDS)`)
    this.name = 'ShardMissingError'
  }
}

/** The team is being moved between shards (decision 043): retry shortly, nothing is lost. */
export class TeamMovingError extends Error {
  constructor(readonly tenantId: string) {
    super(`team ${tenantId} is being moved to another shard; try again shortly`)
    this.name = 'TeamMovingError'
  }
}

function isD1(value: unknown): value is D1Database {
  return typeof value === 'object' && value !== null && typeof (value as D1Database).prepare === 'function'
}

/** The D1 binding called `name`, or ShardMissingError. */
function shardBinding(env: Env, name: string): D1Database {
  const binding = (env as unknown as Record<string, unknown>)[name]
  if (!isD1(binding)) throw new ShardMissingError(name)
  return binding
}

/** The same context with `db` on shard `name` (the control database stays `control`). */
export function atShard(ctx: AppContext, name: string): AppContext {
  if (ctx.shard === name) return ctx
  return { ...ctx, db: getDb(shardBinding(ctx.env, name)), shard: name }
}

/**
 * Every database that may hold tenant rows: the pool plus the control database (teams placed before
 * shards existed stay there until moved). Sweeps that look across teams run once per entry.
 */
export function tenantDatabases(ctx: AppContext): string[] {
  return [...new Set([CONTROL_BINDING, ...ctx.config.tenantShards])]
}

/**
 * Runs `work` once per tenant database but those in `skip`; one failing does not stop the others (errors
 * are rethrown after).
 */
export async function forEachShard<T>(
  ctx: AppContext,
  work: (at: AppContext) => Promise<T>,
  skip: ReadonlySet<string> = new Set(),
): Promise<T[]> {
  const results: T[] = []
  const errors: unknown[] = []
  for (const name of tenantDatabases(ctx)) {
    if (skip.has(name)) continue
    try {
      results.push(await work(atShard(ctx, name)))
    } catch (error) {
      errors.push(error)
    }
  }
  if (errors.length === 1) throw errors[0]
  if (errors.length > 1) throw new AggregateError(errors, `${errors.length} shards failed`)
  return results
}

export type Placement = { shard: string; movingTo: string | null }

/** Where a team's rows live, from the control database; null for an unknown team. */
async function placementOf(ctx: AppContext, tenantId: string): Promise<Placement | null> {
  const row = await ctx.control
    .select({ shard: tenants.shard, movingTo: tenants.movingTo })
    .from(tenants)
    .where(eq(tenants.id, tenantId))
    .get()
  return row ?? null
}

/**
 * The context at a team's shard. Throws TeamMovingError while an operator moves the team (callers that
 * can wait, such as queue consumers, retry) and ShardMissingError for a placement on no binding.
 * An unknown team stays on the control database, where it has no rows either.
 */
export async function atTenant(ctx: AppContext, tenantId: string): Promise<AppContext> {
  const placement = await placementOf(ctx, tenantId)
  if (!placement) return atShard(ctx, CONTROL_BINDING)
  if (placement.movingTo) throw new TeamMovingError(tenantId)
  return atShard(ctx, placement.shard)
}

/**
 * The shard a new team goes to: the pool member holding the fewest teams (ties: the first listed).
 * Every binding is checked first, so a misconfigured pool fails here, before any row is written.
 */
export async function leastLoadedShard(ctx: AppContext): Promise<string> {
  const pool = ctx.config.tenantShards
  for (const name of pool) shardBinding(ctx.env, name)
  const rows = await ctx.control
    .select({ shard: tenants.shard, n: count() })
    .from(tenants)
    .groupBy(tenants.shard)
    .all()
  const load = new Map(rows.map((r) => [r.shard, r.n]))
  let best = pool[0] ?? CONTROL_BINDING
  for (const name of pool) if ((load.get(name) ?? 0) < (load.get(best) ?? 0)) best = name
  return best
}

export type RouteKind = (typeof machineRoutes.$inferSelect)['kind']

/** Records many routes in one statement per 1,000 keys (json_each keeps it to 3 bound values). */
export async function addRoutes(
  ctx: Pick<AppContext, 'control'>,
  kind: RouteKind,
  tenantId: string,
  keys: string[],
) {
  for (let i = 0; i < keys.length; i += 1000) {
    const slice = keys.slice(i, i + 1000)
    await ctx.control.run(
      sql`INSERT OR IGNORE INTO machine_routes (kind, key, tenant_id)
          SELECT ${kind}, value, ${tenantId} FROM json_each(${JSON.stringify(slice)})`,
    )
  }
}

/** Forgets a route whose session or link is gone (its webhooks then answer 404 without a shard read). */
export async function dropRoute(ctx: Pick<AppContext, 'control'>, kind: RouteKind, key: string) {
  await ctx.control.run(sql`DELETE FROM machine_routes WHERE kind = ${kind} AND key = ${key}`)
}

/** The team a session id or link token belongs to, or null. */
export async function routeOf(ctx: AppContext, kind: RouteKind, key: string): Promise<string | null> {
  const row = await ctx.control
    .select({ tenantId: machineRoutes.tenantId })
    .from(machineRoutes)
    .where(sql`${machineRoutes.kind} = ${kind} AND ${machineRoutes.key} = ${key}`)
    .get()
  return row?.tenantId ?? null
}

/** The team a session id or link token belongs to and where it lives, in one control read; or null. */
export async function routedPlacement(
  ctx: AppContext,
  kind: RouteKind,
  key: string,
): Promise<(Placement & { tenantId: string }) | null> {
  const row = await ctx.control
    .select({ tenantId: machineRoutes.tenantId, shard: tenants.shard, movingTo: tenants.movingTo })
    .from(machineRoutes)
    .innerJoin(tenants, eq(tenants.id, machineRoutes.tenantId))
    .where(sql`${machineRoutes.kind} = ${kind} AND ${machineRoutes.key} = ${key}`)
    .get()
  return row ?? null
}

/**
 * Runs `work` once per team over a batch of queue jobs, each at its team's shard, and returns one
 * result per job in the batch's order. Jobs of a team being moved get `whileMoving` (callers retry them).
 */
export async function perTenant<J extends { tenantId: string }, R>(
  ctx: AppContext,
  jobs: readonly J[],
  work: (at: AppContext, jobs: J[]) => Promise<R[]>,
  whileMoving: R,
): Promise<R[]> {
  const results = new Array<R>(jobs.length)
  const groups = new Map<string, number[]>()
  jobs.forEach((job, i) => {
    const group = groups.get(job.tenantId)
    if (group) group.push(i)
    else groups.set(job.tenantId, [i])
  })
  for (const [tenantId, indexes] of groups) {
    let at: AppContext
    try {
      at = await atTenant(ctx, tenantId)
    } catch (error) {
      if (!(error instanceof TeamMovingError)) throw error
      for (const i of indexes) results[i] = whileMoving
      continue
    }
    const out = await work(
      at,
      indexes.map((i) => jobs[i] as J),
    )
    indexes.forEach((i, k) => {
      results[i] = out[k] as R
    })
  }
  return results
}
