// The simulator's whole state in one object (`Sim`), handed to every module, and two small helpers on
// it. Types only (plus two pure helpers): sim.ts creates the state; every module imports this file, so
// no module needs sim.ts and the imports have no cycle.
import type { FailureRule } from './failure-rules'
import type { ReputationStore } from './reputation-types'
import type { Scheduler } from './scheduler'
import type { SimSettings } from './settings'
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

export const engineOf = (sim: Sim, session: SimSession): Engine =>
  sim.sessionEngines.get(session.name) ?? sim.settings.engine

/** Appends to a bounded log (oldest entries dropped). */
export function pushBounded<T>(list: T[], item: T) {
  list.push(item)
  if (list.length > LOG_LIMIT) list.splice(0, list.length - LOG_LIMIT)
}
