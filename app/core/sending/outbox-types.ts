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

/** The outcome of one attempt, written only while that attempt still owns the row. */
export type AttemptOutcome =
  | { kind: 'sent'; wahaMessageId: string | null }
  | { kind: 'retry_elsewhere'; text: Text; errorKind: string }
  | { kind: 'failed' | 'unknown'; text: Text; errorKind: string }
