// The explicit dependencies every core function receives: database, bindings, config, clock, randomness.
import { type Db, getDb } from './db/client.server'
import { type AppConfig, readConfig } from './env.server'

export type AppContext = {
  /**
   * The database of this invocation's tenant data: a team's shard once `atTenant`/`atShard` chose it
   * (decision 043), the control database before that.
   */
  db: Db
  /** The control database: teams, staff, sign-in sessions, placements, machine routes. */
  control: Db
  /** The D1 binding `db` reads ('DB' is the control database). */
  shard: string
  env: Env
  config: AppConfig
  clock: () => number
  random: () => number
}

/** Builds the per-invocation context from the Worker env. */
export function createAppContext(
  env: Env,
  overrides: Partial<Pick<AppContext, 'clock' | 'random'>> = {},
): AppContext {
  const control = getDb(env.DB)
  return {
    db: control,
    control,
    shard: 'DB',
    env,
    config: readConfig(env as unknown as Record<string, unknown>),
    clock: overrides.clock ?? (() => Date.now()),
    random: overrides.random ?? Math.random,
  }
}
