// The simulator's number reputations: their shape and the store (reputation-store.ts works on them).
// Its own module so the simulator's state (sim-state.ts) can name them without an import cycle.
import { defaultReputationConfig, mergeReputationConfig, type ReputationConfig } from './reputation-config'

export type ReputationState = 'ok' | 'restricted-new-contacts' | 'not-delivering' | 'failed'

export const COMPONENTS = [
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
