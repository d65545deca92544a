/**
 * Creates the simulator's state (`Sim`, see sim-state.ts). Nothing here talks HTTP; the route modules
 * read and change it through the functions of the other modules.
 */
import { reputationOnWorking } from './reputation'
import { createReputationStore } from './reputation-types'
import { createScheduler } from './scheduler'
import { DEFAULT_API_KEY, resolveSettings, type SimulatorOptions, WAHA_VERSION } from './settings'
import type { Sim } from './sim-state'

export type { Sim } from './sim-state'

export function createSim(options: SimulatorOptions): Sim {
  const log = options.log ?? (() => {})
  const now = options.now ?? Date.now
  const onError = (error: unknown) =>
    log(`[waha-sim] timer failed: ${error instanceof Error ? error.stack : error}`)
  const sim: Sim = {
    settings: resolveSettings(options),
    apiKey: options.apiKey === undefined ? DEFAULT_API_KEY : options.apiKey,
    version: options.version ?? WAHA_VERSION,
    sessions: new Map(),
    sessionEngines: new Map(),
    registry: new Map(),
    knownLids: new Map(),
    failures: [],
    sends: [],
    sendCounts: new Map(),
    webhookLog: [],
    media: new Map(),
    globalWebhooks: options.globalWebhooks ?? [],
    reputation: createReputationStore(options.fast === true, options.reputation),
    onWorking: (session) => reputationOnWorking(sim, session),
    scheduler: createScheduler(onError),
    startedAt: now(),
    now,
    random: options.random ?? Math.random,
    log,
    reset() {
      sim.scheduler.dispose()
      sim.scheduler = createScheduler(onError)
      sim.settings = resolveSettings(options)
      sim.reputation = createReputationStore(options.fast === true, options.reputation)
      for (const map of [
        sim.sessions,
        sim.sessionEngines,
        sim.registry,
        sim.knownLids,
        sim.media,
        sim.sendCounts,
      ])
        map.clear()
      sim.failures.length = 0
      sim.sends.length = 0
      sim.webhookLog.length = 0
    },
  }
  return sim
}
