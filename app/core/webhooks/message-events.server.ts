// Webhook events about messages (decision 033), built in batches so the owners' hot paths stay cheap:
// the tenant's endpoints are read once per batch (a sender tick, an events batch), and the rows'
// details only when an endpoint wants the event.
import { and, eq, gte, inArray } from 'drizzle-orm'
import { campaignMessages } from '../../../db/schema'
import type { MessageStatus } from '../campaigns/status'
import { chunks, D1_IDS_PER_STATEMENT } from '../db/limits'
import { chatIdKind, chatIdToPhone } from '../waha/chat-id'
import { type EmitCtx, type WebhookEvent, webhookEmitter } from './emit.server'
import type { WebhookEventType } from './event-types'

const m = campaignMessages
const ROW = {
  id: m.id,
  campaignId: m.campaignId,
  contactId: m.contactId,
  phoneE164: m.phoneE164,
  sessionId: m.sessionId,
  status: m.status,
  wahaMessageId: m.wahaMessageId,
  sentAt: m.sentAt,
  deliveredAt: m.deliveredAt,
  readAt: m.readAt,
  failedAt: m.failedAt,
  errorKind: m.errorKind,
}
type Row = { [K in keyof typeof ROW]: (typeof m.$inferSelect)[K] }

function messageData(r: Row): Record<string, unknown> {
  return {
    messageId: r.id,
    campaignId: r.campaignId,
    contactId: r.contactId,
    phone: r.phoneE164,
    sessionId: r.sessionId,
    status: r.status,
    wahaMessageId: r.wahaMessageId,
    sentAt: r.sentAt,
    deliveredAt: r.deliveredAt,
    readAt: r.readAt,
    failedAt: r.failedAt,
    errorKind: r.errorKind,
  }
}

function safely(what: string, work: Promise<unknown>): Promise<void> {
  // The owner's write is done; a webhook never fails or undoes it (the rows are the truth).
  return work.then(
    () => undefined,
    (error) => console.warn(`webhook emission failed: ${what}`, error),
  )
}

const OUTCOME_TYPES: WebhookEventType[] = ['message.sent', 'message.failed', 'message.unknown']

/**
 * After a sender tick: the outcomes of the rows this session claimed since `since` (seekable on
 * `(session_id, sending_at)`), read only when an endpoint of the tenant wants one of them.
 */
export function emitTickOutcomes(
  ctx: EmitCtx,
  tenantId: string,
  sessionId: string,
  since: number,
): Promise<void> {
  return safely(
    'tick outcomes',
    (async () => {
      const emitter = await webhookEmitter(ctx, tenantId)
      if (!OUTCOME_TYPES.some(emitter.wants)) return
      const rows = await ctx.db
        .select(ROW)
        .from(m)
        .where(and(eq(m.sessionId, sessionId), gte(m.sendingAt, since), eq(m.tenantId, tenantId)))
      const events: WebhookEvent[] = []
      for (const r of rows) {
        const type: WebhookEventType | null =
          r.status === 'failed'
            ? 'message.failed'
            : r.status === 'unknown'
              ? 'message.unknown'
              : r.sentAt !== null && r.sentAt >= since
                ? 'message.sent'
                : null
        if (type && emitter.wants(type)) events.push({ type, data: messageData(r) })
      }
      await emitter.emit(events)
    })(),
  )
}

const ACK_TYPE: Partial<Record<MessageStatus, WebhookEventType>> = {
  delivered: 'message.delivered',
  read: 'message.read',
  failed: 'message.failed',
}

/** After an events batch's acks moved rows: delivered, read and failed, per tenant. */
export function emitAckMoves(
  ctx: EmitCtx,
  moves: ReadonlyArray<{ id: number; tenantId: string; to: MessageStatus }>,
): Promise<void> {
  return safely(
    'acks',
    (async () => {
      const byTenant = new Map<string, Array<{ id: number; type: WebhookEventType }>>()
      for (const mv of moves) {
        const type = ACK_TYPE[mv.to]
        if (!type) continue
        byTenant.set(mv.tenantId, [...(byTenant.get(mv.tenantId) ?? []), { id: mv.id, type }])
      }
      for (const [tenantId, wanted] of byTenant) {
        const emitter = await webhookEmitter(ctx, tenantId)
        const items = wanted.filter((w) => emitter.wants(w.type))
        if (items.length === 0) continue
        const rows = new Map<number, Row>()
        for (const ids of chunks(
          items.map((i) => i.id),
          D1_IDS_PER_STATEMENT,
        ))
          for (const r of await ctx.db.select(ROW).from(m).where(inArray(m.id, ids))) rows.set(r.id, r)
        await emitter.emit(
          items.flatMap((i) => {
            const r = rows.get(i.id)
            return r ? [{ type: i.type, data: messageData(r) }] : []
          }),
        )
      }
    })(),
  )
}

/** A contact wrote to us (`message.replied`), and whether it opted them out (`contact.opted_out`). */
export function emitIncoming(
  ctx: EmitCtx,
  tenantId: string,
  sessionId: string,
  message: { id: string; chatId: string | null; body: string; timestamp?: number | null },
  outcome: { replied: boolean; optedOut: string | null },
): Promise<void> {
  return safely(
    'incoming',
    (async () => {
      const emitter = await webhookEmitter(ctx, tenantId)
      const chat = message.chatId && chatIdKind(message.chatId) === 'user' ? message.chatId : null
      const events: WebhookEvent[] = []
      if (emitter.wants('message.replied'))
        events.push({
          type: 'message.replied',
          data: {
            sessionId,
            wahaMessageId: message.id,
            phone: chat ? chatIdToPhone(chat) : null,
            text: message.body,
            at: message.timestamp ? message.timestamp * 1000 : ctx.clock(),
            campaignReply: outcome.replied,
          },
        })
      if (outcome.optedOut && emitter.wants('contact.opted_out'))
        events.push({
          type: 'contact.opted_out',
          data: { phone: outcome.optedOut, sessionId, source: 'reply', at: ctx.clock() },
        })
      await emitter.emit(events)
    })(),
  )
}
