// Respostas' intake (decision 032): every message a contact writes to one of the team's numbers is kept
// (never dropped, even when it matches no campaign: "sem campanha"), once per WAHA message id, and moves
// its conversation (unread + 1, reopened, newest first). Edits and revokes change the kept message.
// Called by the events consumer (app/core/tracking/events.server.ts); it decides nothing else there.
import { and, desc, eq, inArray, isNotNull, type SQL, type SQLWrapper, sql } from 'drizzle-orm'
import { campaignMessages, conversations, inboundMessages } from '../../../db/schema'
import type { AppContext } from '../context.server'
import { brazilPhoneVariants, canonicalPhone } from '../phone/ninth-digit'
import { chatIdKind, chatIdToPhone, phoneToChatId } from '../waha/chat-id'
import { parseMessageId } from '../waha/message-id'
import type { WahaEvent, WahaMessage } from '../waha/webhook'
import { inboundContent } from './content'
import { deleteInboundMedia, inboundMediaKeysById, keepInboundMedia } from './media.server'

type Ctx = Pick<AppContext, 'db' | 'clock'>
type IntakeCtx = Pick<AppContext, 'db' | 'clock' | 'env' | 'config'>

/** Where the message came from: the phone (when known) and the chat id to answer to. */
function who(chatId: string | null) {
  if (!chatId) return null
  if (chatIdKind(chatId) === 'lid') return { phone: `lid:${chatId.split('@')[0]}`, chatId, phones: [] }
  const phone = chatIdKind(chatId) === 'user' ? chatIdToPhone(chatId) : null
  if (!phone) return null
  const canonical = canonicalPhone(phone)
  return { phone: canonical, chatId: phoneToChatId(phone) ?? chatId, phones: brazilPhoneVariants(phone) }
}

/** The latest campaign message sent to these phones: on this session first, then on any. */
async function latestCampaignMessage(ctx: Ctx, tenantId: string, sessionId: string, phones: string[]) {
  if (phones.length === 0) return null
  const m = campaignMessages
  return (
    (await ctx.db
      .select({ id: m.id, campaignId: m.campaignId, contactName: m.contactName })
      .from(m)
      .where(and(eq(m.tenantId, tenantId), inArray(m.phoneE164, phones), isNotNull(m.sentAt)))
      // `+sent_at` as in the events consumer: seek (tenant_id, phone_e164, sent_at), sort the few rows.
      .orderBy(sql`CASE WHEN ${m.sessionId} = ${sessionId} THEN 0 ELSE 1 END`, desc(sql`+${m.sentAt}`))
      .limit(1)
      .get()) ?? null
  )
}

/**
 * Keeps one inbound message and moves its conversation. `chatId` is the sender's chat, `@lid` already
 * resolved to the phone when WAHA could tell. A redelivered message changes nothing (one D1 batch: the
 * conversation moves only when the message row was inserted). A file the contact sent is copied from
 * WAHA to R2 at once (WAHA deletes its copy within minutes; media.server.ts).
 */
export async function recordInbound(
  ctx: IntakeCtx,
  tenantId: string,
  sessionId: string,
  message: WahaMessage,
  chatId: string | null,
): Promise<boolean> {
  const from = who(chatId)
  if (!from || message.isGroup) return false
  const latest = await latestCampaignMessage(ctx, tenantId, sessionId, from.phones)
  const content = inboundContent(message)
  const now = ctx.clock()
  const receivedAt = message.timestamp ? Math.min(message.timestamp * 1000, now) : now
  const name = latest?.contactName ?? null
  const [inserted] = await ctx.db.batch([
    ctx.db
      .insert(inboundMessages)
      .values({
        tenantId,
        sessionId,
        phoneE164: from.phone,
        chatId: from.chatId,
        contactName: name,
        campaignMessageId: latest?.id ?? null,
        campaignId: latest?.campaignId ?? null,
        wahaMessageId: message.id,
        messageKey: parseMessageId(message.id)?.key ?? message.id,
        ...content,
        receivedAt,
      })
      .onConflictDoNothing()
      .returning({ id: inboundMessages.id }),
    // Only when the message row was new (`changes()` of the insert above; one batch, one transaction).
    // Every column in the table's order (an INSERT … SELECT names them all); NULL: the next id.
    ctx.db
      .insert(conversations)
      .select(
        sql`SELECT NULL, ${tenantId}, ${from.phone}, ${from.chatId}, ${name}, ${sessionId}, 1, ${receivedAt},
          ${preview(content)}, NULL, NULL, NULL, NULL, NULL WHERE changes() > 0`,
      )
      .onConflictDoUpdate({
        target: [conversations.tenantId, conversations.phoneE164],
        set: {
          unread: sql`${c.unread} + 1`,
          handledAt: null,
          handledBy: null,
          contactName: sql`COALESCE(excluded.contact_name, ${c.contactName})`,
          sessionId: newer(sql`excluded.session_id`, c.sessionId),
          chatId: newer(sql`excluded.chat_id`, c.chatId),
          lastBody: newer(sql`excluded.last_body`, c.lastBody),
          lastInboundAt: sql`MAX(${c.lastInboundAt}, excluded.last_inbound_at)`,
        },
      }),
  ])
  const row = inserted[0]
  if (!row) return false
  if (content.media?.url) {
    try {
      await keepInboundMedia(ctx, tenantId, sessionId, row.id, content.media)
    } catch (error) {
      // The message is kept either way; the page then says the file could not be fetched.
      console.error(JSON.stringify({ msg: 'inbound media not kept', id: row.id, error: String(error) }))
    }
  }
  return true
}

const c = conversations
/** The incoming value when this message is the conversation's newest, else the kept one. */
const newer = (incoming: SQL, kept: SQLWrapper) =>
  sql`CASE WHEN excluded.last_inbound_at >= ${c.lastInboundAt} THEN ${incoming} ELSE ${kept} END`

function preview(content: { type: string; body: string }): string {
  return content.body.slice(0, 140) || `[${content.type}]`
}

/**
 * A contact edited or deleted ("apagar para todos") a message we kept: the text changes (the first one
 * is kept as `original_body`), or the message is marked revoked and its content dropped. Our own
 * messages and messages we never kept change nothing.
 */
export async function applyInboxChange(
  ctx: IntakeCtx,
  tenantId: string,
  sessionId: string,
  event: Extract<WahaEvent, { type: 'message.edited' | 'message.revoked' }>,
): Promise<boolean> {
  const key = event.type === 'message.edited' ? event.editedKey : event.revokedKey
  const fromMe = event.type === 'message.edited' ? event.message.fromMe : event.fromMe
  if (!key || fromMe) return false
  const im = inboundMessages
  const target = and(eq(im.tenantId, tenantId), eq(im.sessionId, sessionId), eq(im.messageKey, key))
  const now = ctx.clock()
  if (event.type === 'message.revoked') {
    const kept = await ctx.db.select({ id: im.id }).from(im).where(target)
    const files = await inboundMediaKeysById(
      ctx,
      tenantId,
      kept.map((k) => k.id),
    )
    const r = await ctx.db
      .update(im)
      .set({ revokedAt: now, body: '', media: null, originalBody: null })
      .where(and(target, sql`${im.revokedAt} IS NULL`))
      .returning({ id: im.id })
    // Deleted for everyone: our copy of the file goes too.
    if (r.length > 0) await deleteInboundMedia(ctx.env, files)
    return r.length > 0
  }
  const { body, truncated } = inboundContent(event.message)
  const r = await ctx.db
    .update(im)
    .set({ body, truncated, editedAt: now, originalBody: sql`COALESCE(${im.originalBody}, ${im.body})` })
    .where(and(target, sql`${im.revokedAt} IS NULL`, sql`${im.body} <> ${body}`))
    .returning({ id: im.id, phone: im.phoneE164 })
  const edited = r[0]
  if (!edited) return false
  await ctx.db
    .update(conversations)
    .set({ lastBody: body.slice(0, 140) })
    .where(and(eq(conversations.tenantId, tenantId), eq(conversations.phoneE164, edited.phone)))
  return true
}
