/**
 * The reputation records: one per number (the paired phone, so a re-paired session keeps its
 * record), their value and components, time recovery and the state the thresholds give. The
 * model's rules live in reputation.ts; this is its memory and arithmetic.
 */
import type { ReputationConfig } from './reputation-config'
import { COMPONENTS, type Component, type NumberReputation, type ReputationState } from './reputation-types'
import type { Sim } from './sim-state'
import type { SimSession } from './types'

export * from './reputation-types'

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
