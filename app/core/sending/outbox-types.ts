// The outbox's row shapes (decision 006): what dispatch creates, what a claim hands the sender, and an
// attempt's outcome. outbox.server.ts, the only writer of outbox rows, takes and returns these.
import type { Text } from '../../i18n/text'

/** A new outbox row: waiting (`pending`) or skipped at once (opted out, repeated phone). */
export type NewOutboxRow = {
  tenantId: string
  campaignId: string
  contactId: number
  phoneE164: string
  contactName: string | null
  status: 'pending' | 'skipped'
  renderedText: string
  /** protection.ts sameTextKey of the text before tracked links. */
  textKey: string
  /** Why it was skipped at once (`send.suppressed`, `send.duplicate`), or null. */
  error: Text | null
  errorKind: string | null
  /** 0 (default): the first message; 1..4 a follow-up step; -1 the confirmation (decision 040). */
  step?: number
}

/** What the sender reads of a claimed row (the claim returns only these). */
export type ClaimedRow = {
  id: number
  contactId: number
  /** Which message of the campaign (decision 040): 0 first, 1..4 a follow-up step, -1 the confirmation. */
  step: number
  phoneE164: string
  renderedText: string | null
  triedSessions: string[] | null
  contactChatId: string | null
}

/** The claim's RETURNING as D1 gives it: one object per row, keyed by column name. */
type ClaimedColumns = {
  id: number
  contact_id: number
  step: number
  phone_e164: string
  rendered_text: string | null
  tried_sessions: string | null
  contact_chat_id: string | null
}

/**
 * The claim's D1 result read by column name: what drizzle's mapper gives (`tried_sessions` is a JSON
 * column, null stays null), without its per-field work on every message (decision 028, fourth pass).
 */
export function claimedRows(result: D1Result): ClaimedRow[] {
  return (result.results as ClaimedColumns[]).map((r) => ({
    id: r.id,
    contactId: r.contact_id,
    step: r.step,
    phoneE164: r.phone_e164,
    renderedText: r.rendered_text,
    triedSessions: r.tried_sessions === null ? null : (JSON.parse(r.tried_sessions) as string[]),
    contactChatId: r.contact_chat_id,
  }))
}

/** The `sent` write's RETURNING (acks that raced ahead of it, a JSON array), read by column name. */
export function earlyAckRows(result: D1Result): Array<{ earlyAcks: string | null }> {
  return (result.results as Array<{ early_acks: string | null }>).map((r) => ({ earlyAcks: r.early_acks }))
}

/** The outcome of one attempt, written only while that attempt still owns the row. */
export type AttemptOutcome =
  | { kind: 'sent'; wahaMessageId: string | null }
  | { kind: 'retry_elsewhere'; text: Text; errorKind: string }
  | { kind: 'failed' | 'unknown'; text: Text; errorKind: string }
