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

/** The instants an ack move may stamp, in the order of a grouped row's JSON (after the row id). */
const STAMPS = ['sentAt', 'deliveredAt', 'readAt', 'failedAt'] as const
/** Rows per grouped statement (one JSON parameter; D1 allows strings up to 2 MB). */
const ACK_ROWS_PER_STATEMENT = 500

/**
 * Writes ack moves: only forward (a concurrent batch can never move a row back). Returns how many.
 * Moves of the same shape (target status and which instants they stamp) are written by one
 * statement over a JSON list of `[id, ...instants]` (UPDATE ... FROM json_each), not one UPDATE per
 * row: a batch of acks is a handful of statements. Each SET names only the columns its shape
 * changes, so a row's other indexed columns are not rewritten.
 */
export async function writeAckMoves(ctx: Ctx, moves: ReadonlyMap<number, AckMove>): Promise<number> {
  const now = ctx.clock()
  type Stamp = (typeof STAMPS)[number]
  const groups = new Map<string, { to: AckMove['to']; present: Stamp[]; rows: number[][] }>()
  for (const [id, u] of moves) {
    const present = STAMPS.filter((k) => u.stamps[k])
    const key = `${u.to}|${present.join(',')}`
    const group = groups.get(key) ?? { to: u.to, present, rows: [] }
    group.rows.push([id, ...present.map((k) => u.stamps[k]!)])
    groups.set(key, group)
  }
  const writes = [...groups.values()].flatMap(({ to, present, rows }) => {
    // j.value ->> n: the nth instant of this shape (0 is the row id)
    const at = (k: Stamp) => sql.raw(`j.value ->> ${present.indexOf(k) + 1}`)
    const has = (k: Stamp) => present.includes(k)
    return chunks(rows, ACK_ROWS_PER_STATEMENT).map((part) =>
      ctx.db
        .update(m)
        .set({
          status: to,
          ...(has('sentAt') ? { sentAt: sql`COALESCE(${m.sentAt}, ${at('sentAt')})` } : {}),
          ...(has('deliveredAt')
            ? { deliveredAt: sql`COALESCE(${m.deliveredAt}, ${at('deliveredAt')})` }
            : {}),
          ...(has('readAt') ? { readAt: sql`COALESCE(${m.readAt}, ${at('readAt')})` } : {}),
          ...(has('failedAt')
            ? { failedAt: sql`${at('failedAt')}`, ...errorColumns(ACK_ERROR), errorKind: 'ack_error' }
            : {}),
          updatedAt: now,
        })
        .from(sql`json_each(${JSON.stringify(part)}) AS j`)
        // READ in one batch and DEVICE in a concurrent one end at read, in either order.
        .where(and(sql`${m.id} = j.value ->> 0`, movableTo(to), sql`${m.status} <> ${to}`)),
    )
  })
  for (const batch of chunks(writes, D1_BATCH_STATEMENTS)) {
    await ctx.db.batch(batch as [(typeof batch)[number], ...typeof batch])
  }
  return moves.size
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
