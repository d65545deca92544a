// One message to one number now (POST /api/v1/messages, decision 030), through the engine every
// campaign uses: it becomes a one-message campaign (no list) whose single outbox row is created by the
// outbox owner and handed to the senders like any dispatched row. So the same claim (opt-outs checked
// again at the last moment), the SenderSession's pacing, the person rules (decision 019), the number
// guard and the reconcile of unknown sends apply; nothing here calls WAHA.
//
// Exactly once: the campaign id is derived from the API token and its Idempotency-Key, the campaign
// insert and the outbox row are each unique (`cmp_<id>`, `(campaign_id, contact_id)`), and the launch is
// lifecycle.server.ts's conditional UPDATE; a retried request finds them and sends nothing new.
// Media: a `mediaId` from POST /api/v1/media is described from R2 (kind, type and name set from its
// bytes at upload) and set on the one-message campaign as the composer does; the text is then its
// caption, and a voice note goes without text (decision 034).
import { and, asc, desc, eq } from 'drizzle-orm'
import { campaignMessages, campaigns, suppressions, wahaSessions } from '../../../db/schema'
import { textString } from '../../i18n/text'
import { normaliseTenantPhone } from '../contacts/optouts.server'
import { toBase64url, utf8 } from '../crypto/encoding'
import { randomToken } from '../crypto/secrets'
import { ownedBy, ownedRow, type TenantScope } from '../db/tenant.server'
import { createOutboxRows, markQueued } from '../sending/outbox.server'
import { sameTextKey } from '../sending/protection'
import { enqueueSends, sendJobs } from '../sending/send-jobs'
import { launchSingle } from './lifecycle.server'
import { describeMediaId } from './media.server'
import { countChars, WHATSAPP_CAPTION_LIMIT, WHATSAPP_TEXT_LIMIT } from './template'

export type SingleMessageInput = {
  phone: string
  /** The text, or the attachment's caption; none with a voice note. */
  text?: string
  /** An attachment uploaded with POST /api/v1/media. */
  mediaId?: string
  linkPreview?: boolean
  /** One of the team's sessions; by default every connected one (the primary first). */
  sessionId?: string
  simulateTyping?: boolean
}

export type SingleMessageOutcome =
  | { ok: true; messageId: number; campaignId: string; phoneE164: string; status: string }
  | { ok: false; field: 'phone' | 'text' | 'sessionId' | 'mediaId'; message: string }
  | { ok: false; field: null; message: string }

/** The campaign id of a request: from (token, Idempotency-Key) when there is a key, else random. */
export async function singleMessageId(tokenId: string, key: string | undefined): Promise<string> {
  if (key === undefined) return `cmp_msg_${randomToken(16)}`
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(`${tokenId}\n${key}`)))
  return `cmp_msg_${toBase64url(digest).slice(0, 32)}`
}

/** Queues one message to one number through the engine (see above). */
export async function sendSingleMessage(
  scope: TenantScope,
  campaignId: string,
  input: SingleMessageInput,
  baseUrl: string,
): Promise<SingleMessageOutcome> {
  const phone = await normaliseTenantPhone(scope, input.phone)
  if (!phone.ok) return { ok: false, field: 'phone', message: textString(phone.text) }
  const text = (input.text ?? '').trim()
  const media = input.mediaId === undefined ? null : await describeMediaId(scope, input.mediaId)
  if (input.mediaId !== undefined && !media)
    return { ok: false, field: 'mediaId', message: 'api.media.notFound' }
  if (media?.kind === 'voice') {
    if (text) return { ok: false, field: 'text', message: 'media.errors.voiceText' }
  } else if (!text && !media) return { ok: false, field: 'text', message: 'campaigns.errors.textRequired' }
  if (countChars(text) > (media ? WHATSAPP_CAPTION_LIMIT : WHATSAPP_TEXT_LIMIT))
    return {
      ok: false,
      field: 'text',
      message: media ? 'campaigns.errors.captionTooLong' : 'campaigns.errors.textTooLong',
    }
  const optedOut = await scope.db
    .select({ id: suppressions.id })
    .from(suppressions)
    .where(ownedBy(scope, suppressions, eq(suppressions.phoneE164, phone.e164)))
    .get()
  if (optedOut) return { ok: false, field: 'phone', message: 'api.messages.optedOut' }

  const sessions = await scope.db
    .select({ id: wahaSessions.id, status: wahaSessions.status })
    .from(wahaSessions)
    .where(
      ownedBy(
        scope,
        wahaSessions,
        input.sessionId ? eq(wahaSessions.id, input.sessionId) : eq(wahaSessions.status, 'WORKING'),
      ),
    )
    .orderBy(desc(wahaSessions.isPrimary), asc(wahaSessions.failoverPriority))
  if (input.sessionId && sessions[0]?.status !== 'WORKING')
    return {
      ok: false,
      field: 'sessionId',
      message: sessions[0] ? 'campaigns.errors.noWorkingSession' : 'campaigns.errors.sessionNotFound',
    }
  if (sessions.length === 0) return { ok: false, field: null, message: 'campaigns.errors.noWorkingSession' }

  const now = scope.clock()
  await scope.db
    .insert(campaigns)
    .values({
      id: campaignId,
      tenantId: scope.tenantId,
      name: `Mensagem avulsa (API) para ${phone.e164}`,
      status: 'draft',
      listId: null,
      texts: text ? [text] : [],
      sessionIds: sessions.map((s) => s.id),
      simulateTyping: input.simulateTyping ?? true,
      mediaKey: media?.key ?? null,
      mediaType: media?.type ?? null,
      mediaKind: media?.kind ?? null,
      mediaName: media?.name ?? null,
      linkPreview: input.linkPreview ?? false,
      createdBy: scope.userId,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
  const own = await scope.db
    .select()
    .from(campaigns)
    .where(ownedRow(scope, campaigns, campaignId))
    .get()
  // an id already another team's (it cannot be: it hashes our token) is never touched
  if (!own) return { ok: false, field: null, message: 'campaigns.errors.token' }
  await createOutboxRows(scope, [
    {
      tenantId: scope.tenantId,
      campaignId,
      contactId: 0,
      phoneE164: phone.e164,
      contactName: null,
      status: 'pending',
      renderedText: own.texts[0] ?? text,
      textKey: sameTextKey(own.texts[0] ?? text),
      error: null,
      errorKind: null,
    },
  ])
  await launchSingle(scope, campaignId, baseUrl)
  const row = await scope.db
    .select({
      id: campaignMessages.id,
      status: campaignMessages.status,
      phoneE164: campaignMessages.phoneE164,
    })
    .from(campaignMessages)
    .where(ownedBy(scope, campaignMessages, eq(campaignMessages.campaignId, campaignId)))
    .get()
  if (!row) return { ok: false, field: null, message: 'api.problem.internal.detail' }
  // Handed to the senders while it waits (a retry after a crash hands it again: the claim is once).
  const running = await scope.db
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(and(ownedRow(scope, campaigns, campaignId), eq(campaigns.status, 'running')))
    .get()
  let status = row.status
  if (running && (row.status === 'pending' || row.status === 'queued')) {
    await markQueued(scope, [row.id])
    await enqueueSends(
      scope.env.SEND_QUEUE,
      sendJobs([{ messageId: row.id, tenantId: scope.tenantId, campaignId }]),
    )
    status = 'queued'
  }
  return { ok: true, messageId: row.id, campaignId, phoneE164: row.phoneE164, status }
}
