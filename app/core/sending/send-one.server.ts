// Sends ONE outbox row through one WAHA session (DESIGN §3 "Send", steps 1–4). The claim
// (`UPDATE … SET status='sending' WHERE status IN ('pending','queued')`) makes this safe to run for
// duplicated jobs: only one attempt ever owns a row, and a row that left `sending` is never resent.
import { and, eq, inArray } from 'drizzle-orm'
import { campaignMessages, campaigns, contacts, pendingAcks, suppressions } from '../../../db/schema'
import { applyAck } from '../campaigns/status'
import type { AppContext } from '../context.server'
import { signMediaUrl } from '../crypto/hmac'
import { toBase64 } from '../crypto/encoding'
import { randomToken } from '../crypto/secrets'
import type { WahaError } from '../waha/errors'
import { type SendDecision, decideOnError, typingDurationMs } from './outcome'
import type { SenderSessionConfig } from './session-config.server'

export type SendOneResult =
  | { kind: 'dropped'; why: 'missing' | 'not_running' | 'not_waiting' | 'claimed_elsewhere' }
  | { kind: 'skipped' }
  | (SendDecision & { tried: string[] })

export type SendOneDeps = {
  ctx: Pick<AppContext, 'db' | 'env' | 'config' | 'clock'>
  session: SenderSessionConfig
  sleep: (ms: number) => Promise<void>
}

const MEDIA_URL_TTL_MS = 60 * 60 * 1000

/** Processes one send job end to end. Never throws for expected WAHA failures. */
export async function sendOne(deps: SendOneDeps, job: { messageId: number; tenantId: string }): Promise<SendOneResult> {
  const { ctx, session } = deps
  const found = await ctx.db
    .select({ msg: campaignMessages, campaign: campaigns, chatId: contacts.waChatId })
    .from(campaignMessages)
    .innerJoin(campaigns, eq(campaigns.id, campaignMessages.campaignId))
    .leftJoin(contacts, eq(contacts.id, campaignMessages.contactId))
    .where(and(eq(campaignMessages.id, job.messageId), eq(campaignMessages.tenantId, job.tenantId)))
    .get()
  if (!found || found.campaign.tenantId !== session.row.tenantId) return { kind: 'dropped', why: 'missing' }
  const { msg, campaign } = found
  if (campaign.status !== 'running') return { kind: 'dropped', why: 'not_running' }
  if (msg.status !== 'pending' && msg.status !== 'queued') return { kind: 'dropped', why: 'not_waiting' }

  const now = ctx.clock()
  const suppressed = await ctx.db
    .select({ id: suppressions.id })
    .from(suppressions)
    .where(and(eq(suppressions.tenantId, job.tenantId), eq(suppressions.phoneE164, msg.phoneE164)))
    .get()
  if (suppressed) {
    await ctx.db
      .update(campaignMessages)
      .set({ status: 'skipped', error: 'Número na lista de opt-out', errorKind: 'suppressed', updatedAt: now })
      .where(and(eq(campaignMessages.id, msg.id), inArray(campaignMessages.status, ['pending', 'queued'])))
    return { kind: 'skipped' }
  }

  const attemptId = randomToken(9)
  const claimed = await ctx.db
    .update(campaignMessages)
    .set({ status: 'sending', attemptId, sessionId: session.row.id, sendingAt: now, updatedAt: now })
    .where(and(eq(campaignMessages.id, msg.id), inArray(campaignMessages.status, ['pending', 'queued'])))
    .returning({ id: campaignMessages.id })
  if (claimed.length === 0) return { kind: 'dropped', why: 'claimed_elsewhere' }
  const tried = [...new Set([...(msg.triedSessions ?? []), session.row.id])]

  const decision = await attempt(deps, { msg, campaign, chatId: found.chatId ?? null })
  await recordDecision(ctx, msg.id, attemptId, decision, tried)
  return { ...decision, tried }
}

type Loaded = {
  msg: typeof campaignMessages.$inferSelect
  campaign: typeof campaigns.$inferSelect
  chatId: string | null
}

async function attempt(deps: SendOneDeps, { msg, campaign, chatId }: Loaded): Promise<SendDecision> {
  const { ctx, session } = deps
  const name = session.row.sessionName
  const client = session.client
  let target = chatId
  if (!target) {
    const exists = await client.checkExists(name, msg.phoneE164)
    if (!exists.ok) return decideOnLookupError(exists.error, ctx.clock())
    if (!exists.value.numberExists || !exists.value.chatId) {
      return { kind: 'failed', error: 'Este número não tem WhatsApp.', errorKind: 'not_on_whatsapp' }
    }
    target = exists.value.chatId
    await ctx.db.update(contacts).set({ waChatId: target }).where(eq(contacts.id, msg.contactId))
  }
  const text = msg.renderedText ?? ''
  if (campaign.simulateTyping) {
    await client.sendSeen({ session: name, chatId: target })
    await client.startTyping({ session: name, chatId: target })
    await deps.sleep(typingDurationMs(text))
    await client.stopTyping({ session: name, chatId: target })
  }
  const result = campaign.mediaKey
    ? await sendImage(deps, campaign, target, text)
    : await client.sendText({ session: name, chatId: target, text })
  if (result.ok) return { kind: 'sent', messageId: result.value.messageId }
  return decideOnError(result.error, ctx.clock())
}

/** A failed number lookup sent nothing: even an ambiguous one is safe to retry elsewhere. */
function decideOnLookupError(error: WahaError, now: number): SendDecision {
  const decision = decideOnError(error, now)
  if (decision.kind === 'unknown') {
    return { kind: 'retry_elsewhere', error: error.message, errorKind: error.kind, session: { pause: false, countsAsFailure: true } }
  }
  return decision
}

async function sendImage(deps: SendOneDeps, campaign: typeof campaigns.$inferSelect, chatId: string, caption: string) {
  const { ctx, session } = deps
  const mimetype = campaign.mediaType ?? 'image/jpeg'
  const filename = `imagem.${mimetype.split('/')[1] ?? 'jpg'}`
  if (session.row.mediaMode === 'base64' || !campaign.baseUrl) {
    const object = await ctx.env.FILES.get(campaign.mediaKey!)
    if (!object) return { ok: false as const, error: decideMissingMedia() }
    const data = toBase64(new Uint8Array(await object.arrayBuffer()))
    return session.client.sendImage({ session: session.row.sessionName, chatId, caption, file: { mimetype, filename, data } })
  }
  const path = `/media/${campaign.mediaKey}`
  const signed = await signMediaUrl(path, ctx.clock() + MEDIA_URL_TTL_MS, ctx.config.mediaSigningSecret)
  return session.client.sendImage({
    session: session.row.sessionName,
    chatId,
    caption,
    file: { mimetype, filename, url: `${campaign.baseUrl}${signed}` },
  })
}

function decideMissingMedia(): WahaError {
  return {
    kind: 'bad_request',
    problems: ['imagem não encontrada'],
    message: 'A imagem da campanha não foi encontrada. Edite a campanha e envie a imagem de novo.',
    definite: true,
    retryable: false,
    httpStatus: null,
    detail: null,
  }
}

/** Writes the attempt's outcome, only if this attempt still owns the row. */
async function recordDecision(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  messageId: number,
  attemptId: string,
  d: SendDecision,
  tried: string[],
): Promise<void> {
  const now = ctx.clock()
  const owned = and(eq(campaignMessages.id, messageId), eq(campaignMessages.attemptId, attemptId), eq(campaignMessages.status, 'sending'))
  if (d.kind === 'sent') {
    await ctx.db
      .update(campaignMessages)
      .set({ status: 'sent', wahaMessageId: d.messageId, sentAt: now, error: null, errorKind: null, triedSessions: tried, updatedAt: now })
      .where(owned)
    if (d.messageId) await applyEarlyAcks(ctx, messageId, d.messageId)
    return
  }
  if (d.kind === 'retry_elsewhere') {
    await ctx.db
      .update(campaignMessages)
      .set({ status: 'queued', error: d.error, errorKind: d.errorKind, triedSessions: tried, retryCount: tried.length, updatedAt: now })
      .where(owned)
    return
  }
  await ctx.db
    .update(campaignMessages)
    .set({
      status: d.kind,
      error: d.error,
      errorKind: d.errorKind,
      failedAt: d.kind === 'failed' ? now : null,
      triedSessions: tried,
      updatedAt: now,
    })
    .where(owned)
}

/** Acks that raced ahead of our send call (stored by the events consumer) are applied now. */
async function applyEarlyAcks(ctx: Pick<AppContext, 'db' | 'clock'>, messageId: number, wahaMessageId: string) {
  const acks = await ctx.db.select().from(pendingAcks).where(eq(pendingAcks.wahaMessageId, wahaMessageId))
  if (acks.length === 0) return
  let status: ReturnType<typeof applyAck> = 'sent'
  const stamps: Partial<typeof campaignMessages.$inferInsert> = {}
  for (const a of acks.sort((x, y) => x.ack - y.ack)) {
    status = applyAck(status, a.ack)
    if (a.ack >= 2) stamps.deliveredAt ??= a.at
    if (a.ack >= 3) stamps.readAt ??= a.at
  }
  await ctx.db
    .update(campaignMessages)
    .set({ status, ...stamps, updatedAt: ctx.clock() })
    .where(and(eq(campaignMessages.id, messageId), eq(campaignMessages.status, 'sent')))
  await ctx.db.delete(pendingAcks).where(eq(pendingAcks.wahaMessageId, wahaMessageId))
}
