// The explicit dependencies every core function receives: database, bindings, config, clock, randomness.
import { type Db, getDb } from './db/client.server'
import { type AppConfig, readConfig } from './env.server'

export type AppContext = {
  db: Db
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
  return {
    db: getDb(env.DB),
    env,
    config: readConfig(env as unknown as Record<string, unknown>),
    clock: overrides.clock ?? (() => Date.now()),
    random: overrides.random ?? Math.random,
  }
}
