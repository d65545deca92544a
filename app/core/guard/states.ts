// The four states of a number's health and the words that explain them (codes the UI translates
// with `guard.state.<state>` and `guard.reason.<code>`, app/i18n/messages/guard.ts).
import type { SignalCode } from './config'

/** States, from best to worst. */
export const HEALTH_STATES = ['saudavel', 'atencao', 'em_risco', 'bloqueado'] as const
export type HealthState = (typeof HEALTH_STATES)[number]

/** True when the value is a known health state. */
export function isHealthState(value: unknown): value is HealthState {
  return typeof value === 'string' && (HEALTH_STATES as readonly string[]).includes(value)
}

const rank = (s: HealthState) => HEALTH_STATES.indexOf(s)

/** The worse of two states. */
export function worseState(a: HealthState, b: HealthState): HealthState {
  return rank(a) >= rank(b) ? a : b
}

/** True when `a` is better (healthier) than `b`. */
export function isBetter(a: HealthState, b: HealthState): boolean {
  return rank(a) < rank(b)
}

/** How WhatsApp cut a number off; none of these is ever undone automatically. */
export const BLOCK_KINDS = ['loggedOut', 'banned', 'refused'] as const
export type BlockKind = (typeof BLOCK_KINDS)[number]

/** Why a number is in its state: a code the UI translates (`guard.reason.<code>`) and its values. */
type ReasonCode = SignalCode | BlockKind | 'hysteresis'
export interface HealthReason {
  code: ReasonCode
  params: Record<string, string | number>
}
