/**
 * The reputation records: one per number (the paired phone, so a re-paired session keeps its
 * record), their value and components, time recovery and the state the thresholds give. The
 * model's rules live in reputation.ts; this is its memory and arithmetic.
 */
import { defaultReputationConfig, mergeReputationConfig, type ReputationConfig } from './reputation-config'
import type { Sim } from './sim'
import type { SimSession } from './types'

export type ReputationState = 'ok' | 'restricted-new-contacts' | 'not-delivering' | 'failed'

const COMPONENTS = [
  'speed',
  'noRest',
  'firstContact',
  'identical',
  'badLink',
  'optOut',
  'reply',
  'time',
  'reinstated',
  'manual',
] as const
export type Component = (typeof COMPONENTS)[number]

interface ChatMemory {
  /** Own messages WhatsApp accepted for this chat (the audience's per-message index). */
  sent: number
  awaitingReply: boolean
  optedOut: boolean
}

export interface NumberReputation {
  number: string
  value: number
  updatedAt: number
  /** Crossed failBelow; stays true until a restart / re-pair reinstates the number. */
  banned: boolean
  /** The session was really put in FAILED for this ban. */
  banApplied: boolean
  bans: number
  /** Points each cause took (negative) or gave (positive) so far, before clamping to 0–100. */
  components: Record<Component, number>
  counts: {
    sends: number
    refused: number
    undelivered: number
    firstContacts: number
    identical: number
    badLinks: number
    replies: number
    optOuts: number
    ignoredOptOuts: number
  }
  /** Contacts this number exchanged messages with (chat digits or LID). */
  chats: Map<string, ChatMemory>
  recentSends: number[]
  lastSendAt: number | null
  streakStart: number | null
  /** Exact (trimmed) texts sent lately → when and to which chat. */
  texts: Map<string, { at: number; chat: string }[]>
}

export interface ReputationStore {
  config: ReputationConfig
  numbers: Map<string, NumberReputation>
  /** Survives a logout, so a banned session still shows its number. */
  lastNumberBySession: Map<string, string>
}

export function createReputationStore(fast: boolean, options: unknown): ReputationStore {
  const base = defaultReputationConfig(fast)
  const merged = options === undefined ? { config: base } : mergeReputationConfig(base, options)
  if (merged.errors) throw new Error(`waha-simulator: opção reputation inválida: ${merged.errors.join('; ')}`)
  return { config: merged.config, numbers: new Map(), lastNumberBySession: new Map() }
}

/** Both the model and the audience need the send traits; neither on = nothing tracked. */
export const tracking = (sim: Sim) => sim.reputation.config.enabled || sim.reputation.config.audience.enabled

export function numberOf(sim: Sim, session: SimSession): string | null {
  const paired = session.paired?.id.replace(/@.*$/, '')
  if (paired) sim.reputation.lastNumberBySession.set(session.name, paired)
  return paired ?? sim.reputation.lastNumberBySession.get(session.name) ?? null
}

export function recordFor(sim: Sim, number: string): NumberReputation {
  let record = sim.reputation.numbers.get(number)
  if (!record) {
    record = {
      number,
      value: sim.reputation.config.startValue,
      updatedAt: sim.now(),
      banned: false,
      banApplied: false,
      bans: 0,
      components: Object.fromEntries(COMPONENTS.map((c) => [c, 0])) as Record<Component, number>,
      counts: {
        sends: 0,
        refused: 0,
        undelivered: 0,
        firstContacts: 0,
        identical: 0,
        badLinks: 0,
        replies: 0,
        optOuts: 0,
        ignoredOptOuts: 0,
      },
      chats: new Map(),
      recentSends: [],
      lastSendAt: null,
      streakStart: null,
      texts: new Map(),
    }
    sim.reputation.numbers.set(number, record)
  }
  recover(sim, record)
  return record
}

/** Time heals: recoveryPerHour points per hour of the (injectable) clock, up to 100. */
export function recover(sim: Sim, record: NumberReputation) {
  const now = sim.now()
  const hours = (now - record.updatedAt) / 3_600_000
  if (hours <= 0) return
  record.updatedAt = now
  if (!sim.reputation.config.enabled) return
  const gain = Math.min(100 - record.value, sim.reputation.config.recoveryPerHour * hours)
  if (gain > 0) change(sim, record, 'time', gain)
}

/** Moves the value (only when the model is on, unless `force`) and keeps it in 0–100. */
export function change(
  sim: Sim,
  record: NumberReputation,
  component: Component,
  points: number,
  force = false,
) {
  if ((!sim.reputation.config.enabled && !force) || points === 0) return
  record.components[component] += points
  record.value = Math.min(100, Math.max(0, record.value + points))
}

export function stateOf(
  config: ReputationConfig,
  record: { value: number; banned: boolean },
): ReputationState {
  if (record.banned || record.value < config.thresholds.failBelow) return 'failed'
  if (record.value < config.thresholds.stopDeliveryBelow) return 'not-delivering'
  if (record.value < config.thresholds.restrictNewContactsBelow) return 'restricted-new-contacts'
  return 'ok'
}

const round = (value: number) => Math.round(value * 100) / 100

/** What GET /_sim/reputation and the phone page show for a session. */
export function sessionReputation(sim: Sim, session: SimSession) {
  const number = numberOf(sim, session)
  const record = number ? sim.reputation.numbers.get(number) : undefined
  if (record) recover(sim, record)
  const value = record?.value ?? sim.reputation.config.startValue
  return {
    session: session.name,
    status: session.status,
    number,
    value: round(value),
    state: stateOf(sim.reputation.config, { value, banned: record?.banned ?? false }),
    banned: record?.banned ?? false,
    bans: record?.bans ?? 0,
    components: Object.fromEntries(COMPONENTS.map((c) => [c, round(record?.components[c] ?? 0)])),
    counts: record ? { ...record.counts, contacts: record.chats.size } : null,
  }
}
