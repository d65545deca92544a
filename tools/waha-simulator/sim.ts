/**
 * The simulator's whole state in one object (`Sim`), handed to every module. Nothing here talks
 * HTTP; the route modules read and change it through the functions of the other modules.
 */
import type { FailureRule } from './failures'
import { reputationOnWorking } from './reputation'
import { createReputationStore, type ReputationStore } from './reputation-store'
import { createScheduler, type Scheduler } from './scheduler'
import {
  DEFAULT_API_KEY,
  resolveSettings,
  type SimSettings,
  type SimulatorOptions,
  WAHA_VERSION,
} from './settings'
import type { Engine, RegistryEntry, SendRecord, SimSession, WebhookConfig, WebhookDelivery } from './types'

interface StoredMedia {
  mimetype: string
  bytes: Uint8Array
}

export interface Sim {
  settings: SimSettings
  apiKey: string | null
  version: string
  sessions: Map<string, SimSession>
  /** Engine chosen per session name through the control API (else settings.engine). */
  sessionEngines: Map<string, Engine>
  /** check-exists overrides, keyed by digits as given. */
  registry: Map<string, RegistryEntry>
  /** LIDs this WAHA has seen → phone digits (what /lids answers). */
  knownLids: Map<string, string>
  failures: FailureRule[]
  sends: SendRecord[]
  /** Unbounded send counters per session and chat ("never sends twice" checks at any volume). */
  sendCounts: Map<string, { session: string; chatId: string; calls: number; sent: number; failed: number }>
  webhookLog: WebhookDelivery[]
  /** Bytes of sent images by message id, for the phone page. */
  media: Map<string, StoredMedia>
  globalWebhooks: WebhookConfig[]
  /** Number reputations and the model's config (reputation.ts); off unless enabled. */
  reputation: ReputationStore
  /** Called by lifecycle each time a session becomes WORKING (the reputation model listens). */
  onWorking: (session: SimSession) => void
  scheduler: Scheduler
  startedAt: number
  now(): number
  random(): number
  log(line: string): void
  /** Back to the state right after createSimulator (settings included); stops every timer. */
  reset(): void
}

const LOG_LIMIT = 2000

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

export const engineOf = (sim: Sim, session: SimSession): Engine =>
  sim.sessionEngines.get(session.name) ?? sim.settings.engine

/** Appends to a bounded log (oldest entries dropped). */
export function pushBounded<T>(list: T[], item: T) {
  list.push(item)
  if (list.length > LOG_LIMIT) list.splice(0, list.length - LOG_LIMIT)
}
