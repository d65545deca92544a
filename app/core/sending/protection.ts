// Protection of the person (decision 019): the rules the sender checks, atomically with its claim, before
// a campaign message may go out. Pure side: the reasons, their order, the words stored on the row, and the
// first-contact day. The SQL that enforces them lives in protection.server.ts.
import { ptText } from '../../i18n'
import { type Text, text } from '../../i18n/text'
import { localDay } from './time-zone'

export const HOUR_MS = 60 * 60 * 1000
/** The same rendered text never reaches the same number twice within this window. */
export const SAME_TEXT_WINDOW_MS = 24 * HOUR_MS

/** Why a row was held back: skipped for good (the two person rules) or waiting (the session's budget). */
export const HOLD_REASONS = ['recent_message', 'same_text', 'first_contact_budget'] as const
export type HoldReason = (typeof HOLD_REASONS)[number]
/** Held rows that are skipped (waiting a day inside a campaign rarely makes sense). */
const SKIP_REASONS = ['recent_message', 'same_text'] as const satisfies readonly HoldReason[]
export type ProtectionSkip = (typeof SKIP_REASONS)[number]

/** Why a row is held back, as a text (`send.<reason>`, stored as error_code on the row). */
export const HOLD_TEXTS: Record<HoldReason, Text> = {
  recent_message: text('send.recent_message'),
  same_text: text('send.same_text'),
  first_contact_budget: text('send.first_contact_budget'),
}

/** The same in pt-BR, as stored in campaign_messages.error. */
export const HOLD_TEXT: Record<HoldReason, string> = {
  recent_message: ptText(HOLD_TEXTS.recent_message),
  same_text: ptText(HOLD_TEXTS.same_text),
  first_contact_budget: ptText(HOLD_TEXTS.first_contact_budget),
}

/** Which rules a row breaks right now (evaluated in one statement, see protection.server.ts). */
export type RuleHits = { recentMessage: boolean; sameText: boolean; budgetSpent: boolean }

/**
 * The reason to act on, in order: a recent message to the person (skip), the same text (skip), then
 * the session's first-contact budget (wait). Null when no rule holds the row back (any more).
 */
export function holdReasonOf(hits: RuleHits): HoldReason | null {
  if (hits.recentMessage) return 'recent_message'
  if (hits.sameText) return 'same_text'
  if (hits.budgetSpent) return 'first_contact_budget'
  return null
}

/** A session's first-contact budget per day; 0 (or anything not a positive number) turns it off. */
export function firstContactBudget(value: number): number | null {
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : null
}

/** The first-contact budget's day: the local day (in `timeZone`) containing `now`. */
export const budgetDay = localDay

/**
 * A finish estimate when some waiting rows wait for a first-contact budget: they cannot go before the
 * next local day, so the campaign cannot finish sooner. Returns the (maybe later) duration and whether
 * the budget is what sets it. Null (no estimate) stays null.
 */
export function etaAfterBudget(
  etaMs: number | null,
  waitingForBudget: number,
  now: number,
  timeZone: string,
): { etaMs: number | null; byBudget: boolean } {
  if (etaMs === null || waitingForBudget <= 0) return { etaMs, byBudget: false }
  const untilNextDay = budgetDay(now, timeZone).end - now
  return etaMs < untilNextDay ? { etaMs: untilNextDay, byBudget: true } : { etaMs, byBudget: false }
}

/**
 * The key of a text as the person reads it (before tracked links give every row its own URL), for the
 * same-text rule: a 53-bit hash (cyrb53) in hex. Only rows of the same phone are ever compared, so a
 * collision is practically impossible where it would matter.
 */
export function sameTextKey(text: string): string {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, 2654435761)
    h2 = Math.imul(h2 ^ c, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16)
}
