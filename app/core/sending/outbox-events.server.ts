// The outbox, part two (see outbox.server.ts): what WhatsApp and people tell us after a send — acks,
// replies, clicks — and erasing a person's content. Every status write takes its allowed source
// statuses from the table of legal moves (campaigns/status.ts).

import { and, eq, isNull, sql } from 'drizzle-orm'
import { campaignMessages } from '../../../db/schema'
import { text } from '../../i18n/text'
import type { MessageStatus } from '../campaigns/status'
import type { AppContext } from '../context.server'
import { chunks, D1_BATCH_STATEMENTS } from '../db/limits'
import { ownedBy, type TenantScope } from '../db/tenant.server'
import { errorColumns } from '../stored-text'
import { movableTo } from './outbox.server'

type Db = Pick<AppContext, 'db'>['db']
type Ctx = Pick<AppContext, 'db' | 'clock'>
const m = campaignMessages

// ---------------------------------------------------------------------------------------------
// What WhatsApp tells us afterwards (the events consumer)

/** One row's move after the acks of a batch; `stamps` are the first instants seen. */

const ACK_ERROR = text('send.ack_error')
export type AckMove = {
  to: MessageStatus
  stamps: Partial<Record<'sentAt' | 'deliveredAt' | 'readAt' | 'failedAt', number>>
}

/** Writes ack moves: only forward (a concurrent batch can never move a row back). Returns how many. */
export async function writeAckMoves(ctx: Ctx, moves: ReadonlyMap<number, AckMove>): Promise<number> {
  const now = ctx.clock()
  const writes = [...moves].map(([id, u]) =>
    ctx.db
      .update(m)
      .set({
        status: u.to,
        ...(u.stamps.sentAt ? { sentAt: sql`COALESCE(${m.sentAt}, ${u.stamps.sentAt})` } : {}),
        ...(u.stamps.deliveredAt
          ? { deliveredAt: sql`COALESCE(${m.deliveredAt}, ${u.stamps.deliveredAt})` }
          : {}),
        ...(u.stamps.readAt ? { readAt: sql`COALESCE(${m.readAt}, ${u.stamps.readAt})` } : {}),
        ...(u.stamps.failedAt
          ? {
              failedAt: u.stamps.failedAt,
              ...errorColumns(ACK_ERROR),
              errorKind: 'ack_error',
            }
          : {}),
        updatedAt: now,
      })
      // READ in one batch and DEVICE in a concurrent one end at read, in either order.
      .where(and(eq(m.id, id), movableTo(u.to), sql`${m.status} <> ${u.to}`)),
  )
  for (const batch of chunks(writes, D1_BATCH_STATEMENTS)) {
    await ctx.db.batch(batch as [(typeof batch)[number], ...typeof batch])
  }
  return writes.length
}

/** The contact wrote back: the first reply time on that campaign message. */
export async function markReplied(ctx: Ctx, messageId: number): Promise<boolean> {
  const now = ctx.clock()
  const r = await ctx.db
    .update(m)
    .set({ repliedAt: now, updatedAt: now })
    .where(and(eq(m.id, messageId), isNull(m.repliedAt)))
    .returning({ id: m.id })
  return r.length > 0
}

/** A tracked link was followed: count it and keep the first click time (batched with the link's own). */
export function clickStatement(db: Db, messageId: number, now: number) {
  return db
    .update(m)
    .set({ clickCount: sql`${m.clickCount} + 1`, clickedAt: sql`COALESCE(${m.clickedAt}, ${now})` })
    .where(eq(m.id, messageId))
}

/** LGPD erase: the person's name and message text leave every campaign row (rows stay for the counts). */
export function eraseContentStatement(scope: TenantScope, phoneE164: string) {
  return scope.db
    .update(m)
    .set({ contactName: null, renderedText: null, textKey: null, updatedAt: scope.clock() })
    .where(ownedBy(scope, m, eq(m.phoneE164, phoneE164)))
}
