// Status machines for campaigns and their outbox messages (docs/design.md §2), one table of legal moves
// each, like listmonk's. Campaigns: draft -> scheduled -> running <-> paused -> finished, and
// anything not yet over -> cancelled. Decision: paused -> finished is legal, because the last
// in-flight messages can settle (acks, reconciled `unknown` rows) while the campaign is paused;
// the caller only finishes a campaign once no message is left to send. Messages: acks only move
// forward; clicked/replied are timestamps on top, not statuses. Refusals are texts (decision 025).
import { ptText } from '../../i18n'
import { type Text, text } from '../../i18n/text'

/** Every campaign status, in lifecycle order. */
export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'running', 'paused', 'finished', 'cancelled'] as const
/** A campaign status. */
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number]

/** Campaign statuses with no way out. */
export const TERMINAL_CAMPAIGN_STATUSES: readonly CampaignStatus[] = ['finished', 'cancelled']

const CAMPAIGN_MOVES: Record<CampaignStatus, readonly CampaignStatus[]> = {
  draft: ['scheduled', 'running', 'cancelled'],
  scheduled: ['running', 'draft', 'cancelled'],
  running: ['paused', 'finished', 'cancelled'],
  paused: ['running', 'finished', 'cancelled'],
  finished: [],
  cancelled: [],
}

/** True when the value is a known campaign status. */
export function isCampaignStatus(value: unknown): value is CampaignStatus {
  return typeof value === 'string' && (CAMPAIGN_STATUSES as readonly string[]).includes(value)
}

/** Statuses a campaign may move to from `from`. */
export function nextCampaignStatuses(from: CampaignStatus): readonly CampaignStatus[] {
  return CAMPAIGN_MOVES[from]
}

/** True when a campaign may move from `from` to `to`. */
export function canTransition(from: CampaignStatus, to: CampaignStatus): boolean {
  return CAMPAIGN_MOVES[from]?.includes(to) ?? false
}

const LABELS: Record<'pt-BR' | 'en', Record<CampaignStatus, string>> = {
  'pt-BR': {
    draft: 'Rascunho',
    scheduled: 'Agendada',
    running: 'Enviando',
    paused: 'Pausada',
    finished: 'Concluída',
    cancelled: 'Cancelada',
  },
  en: {
    draft: 'Draft',
    scheduled: 'Scheduled',
    running: 'Sending',
    paused: 'Paused',
    finished: 'Finished',
    cancelled: 'Cancelled',
  },
}

/** Supported UI locales. */
export type Locale = 'pt-BR' | 'en'

/** Human label of a campaign status; unknown locales fall back to pt-BR. */
export function campaignStatusLabel(status: CampaignStatus, locale: Locale | string = 'pt-BR'): string {
  const table = locale === 'en' || locale.startsWith('en-') ? LABELS.en : LABELS['pt-BR']
  return table[status] ?? status
}

const MOVE_HINTS: Partial<Record<CampaignStatus, Text>> = {
  finished: text('campaigns.transition.finished'),
  cancelled: text('campaigns.transition.cancelled'),
}

/** A status inside a sentence, in the reader's words (lower case, in quotes). */
const statusText = (status: CampaignStatus): Text => text('campaigns.transition.status', { status })

/** Statuses as one comma-separated list ("a", "b", "c"). */
function listText(statuses: readonly CampaignStatus[]): Text | string {
  const [head, ...rest] = statuses
  if (!head) return ''
  return rest.length === 0
    ? statusText(head)
    : text('campaigns.transition.list', { head: statusText(head), tail: listText(rest) })
}

/** Why from -> to is illegal (`campaigns.transition.*`), or null when the move is allowed. */
export function transitionText(from: CampaignStatus, to: CampaignStatus): Text | null {
  if (!isCampaignStatus(from) || !isCampaignStatus(to)) return text('campaigns.transition.unknownStatus')
  if (canTransition(from, to)) return null
  if (from === to) return text('campaigns.transition.same', { status: statusText(from) })
  const why =
    MOVE_HINTS[from] ??
    text('campaigns.transition.onlyTo', { from: statusText(from), allowed: listText(CAMPAIGN_MOVES[from]) })
  return text('campaigns.transition.refused', { from: statusText(from), to: statusText(to), why })
}

/** pt-BR reason why from -> to is illegal, or null when the move is allowed. */
export function transitionError(from: CampaignStatus, to: CampaignStatus): string | null {
  const reason = transitionText(from, to)
  return reason ? ptText(reason) : null
}

/** Error thrown by assertTransition; `message` is pt-BR and user-facing, `text` the same by code. */
export class CampaignTransitionError extends Error {
  override name = 'CampaignTransitionError'
  constructor(
    readonly text: Text,
    readonly from: CampaignStatus,
    readonly to: CampaignStatus,
  ) {
    super(ptText(text))
  }
}

/** Throws CampaignTransitionError (pt-BR message) unless from -> to is legal. */
export function assertTransition(from: CampaignStatus, to: CampaignStatus): void {
  const reason = transitionText(from, to)
  if (reason) throw new CampaignTransitionError(reason, from, to)
}

// ---------------------------------------------------------------------------------------------
// Messages

/** Every outbox message status. */
export const MESSAGE_STATUSES = [
  'pending',
  'queued',
  'sending',
  'sent',
  'delivered',
  'read',
  'failed',
  'unknown',
  'skipped',
] as const
/** An outbox message status. */
export type MessageStatus = (typeof MESSAGE_STATUSES)[number]

/** Statuses with no legal move out (not even by an ack). */
export const TERMINAL_MESSAGE_STATUSES: readonly MessageStatus[] = ['read', 'failed', 'skipped']

/** Statuses with no sending work left: a campaign whose messages are all here can finish. */
export const SETTLED_MESSAGE_STATUSES: readonly MessageStatus[] = [
  'sent',
  'delivered',
  'read',
  'failed',
  'unknown',
  'skipped',
]

const MESSAGE_MOVES: Record<MessageStatus, readonly MessageStatus[]> = {
  pending: ['queued', 'failed', 'skipped'],
  queued: ['sending', 'failed', 'skipped'],
  // back to queued: definite failure before WhatsApp accepted it, retried on the next session;
  // delivered/read: an ack can race the `sent` write.
  sending: ['queued', 'sent', 'delivered', 'read', 'failed', 'unknown'],
  sent: ['delivered', 'read', 'failed'],
  delivered: ['read'],
  read: [],
  // never resent blindly: reconciled from message.any / acks, or by asking WAHA for the chat's
  // recent messages (decision 021): found -> sent; WAHA proves it is missing -> queued, once only.
  unknown: ['sent', 'delivered', 'read', 'failed', 'queued'],
  failed: [],
  skipped: [],
}

/** True when the value is a known message status. */
export function isMessageStatus(value: unknown): value is MessageStatus {
  return typeof value === 'string' && (MESSAGE_STATUSES as readonly string[]).includes(value)
}

const MESSAGE_LABELS: Record<Locale, Record<MessageStatus, string>> = {
  'pt-BR': {
    pending: 'Pendente',
    queued: 'Na fila',
    sending: 'Enviando',
    sent: 'Enviada',
    delivered: 'Entregue',
    read: 'Lida',
    failed: 'Falhou',
    unknown: 'Sem confirmação',
    skipped: 'Ignorada',
  },
  en: {
    pending: 'Pending',
    queued: 'Queued',
    sending: 'Sending',
    sent: 'Sent',
    delivered: 'Delivered',
    read: 'Read',
    failed: 'Failed',
    unknown: 'Unconfirmed',
    skipped: 'Skipped',
  },
}

/** Human label of a message status; unknown locales fall back to pt-BR. */
export function messageStatusLabel(status: MessageStatus, locale: Locale | string = 'pt-BR'): string {
  const table = locale === 'en' || locale.startsWith('en-') ? MESSAGE_LABELS.en : MESSAGE_LABELS['pt-BR']
  return table[status] ?? status
}

/** Statuses from which an outbox row may move to `to` (the table of moves, inverted). */
export function messageSourcesOf(to: MessageStatus): MessageStatus[] {
  return MESSAGE_STATUSES.filter((from) => MESSAGE_MOVES[from].includes(to))
}

/** Statuses from which a campaign may move to `to` (the table of moves, inverted). */
export function campaignSourcesOf(to: CampaignStatus): CampaignStatus[] {
  return CAMPAIGN_STATUSES.filter((from) => CAMPAIGN_MOVES[from].includes(to))
}

/** True when an outbox row may move from `from` to `to`. */
export function canMessageTransition(from: MessageStatus, to: MessageStatus): boolean {
  return MESSAGE_MOVES[from]?.includes(to) ?? false
}

/** WAHA ack names (waha-enums.json), plus UNKNOWN. */
const WAHA_ACK_NAMES = ['ERROR', 'PENDING', 'SERVER', 'DEVICE', 'READ', 'PLAYED', 'UNKNOWN'] as const
/** A WAHA ack, as its number (-1..4) or its name. */
export type WahaAck = number | (typeof WAHA_ACK_NAMES)[number]

const ACK_BY_NUMBER: Record<number, (typeof WAHA_ACK_NAMES)[number]> = {
  [-1]: 'ERROR',
  0: 'PENDING',
  1: 'SERVER',
  2: 'DEVICE',
  3: 'READ',
  4: 'PLAYED',
}

const PROGRESS_RANK: Partial<Record<MessageStatus, number>> = {
  sending: 0,
  unknown: 0,
  sent: 1,
  delivered: 2,
  read: 3,
}

/** Status a message moves to when an ack arrives; monotonic, returns `current` when nothing changes. */
export function applyAck(current: MessageStatus, ack: WahaAck): MessageStatus {
  const name = typeof ack === 'number' ? ACK_BY_NUMBER[ack] : ack
  const rank = PROGRESS_RANK[current]
  // pending/queued have no WhatsApp id yet; failed/skipped are final.
  if (rank === undefined) return current
  let target: MessageStatus
  switch (name) {
    case 'SERVER':
      target = 'sent'
      break
    case 'DEVICE':
      target = 'delivered'
      break
    case 'READ':
    case 'PLAYED':
      target = 'read'
      break
    case 'ERROR':
      return current === 'delivered' || current === 'read' ? current : 'failed'
    default:
      return current
  }
  return (PROGRESS_RANK[target] ?? 0) > rank ? target : current
}
