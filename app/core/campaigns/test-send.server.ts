// "Enviar teste para meu número": the composer's message, rendered as a real contact would get it (the
// list's first contact who will receive the campaign, or the user's own name when there is no list),
// with its attachment, sent at once to a number the user types through one of the tenant's connected
// sessions. It goes straight to WAHA: no outbox row, no campaign counts, no pacing. Each user may
// send TEST_SEND_LIMIT tests per minute (one atomic counter per user, counted just before WAHA).
// Messages are i18n keys (campaigns.test.*) or pt-BR text from the phone and WAHA modules.

import { asc, eq, sql } from 'drizzle-orm'
import { contacts, suppressions, wahaSessions } from '../../../db/schema'
import { textString } from '../../i18n/text'
import { hitRateLimit } from '../db/rate-limit.server'
import { ownedBy, ownedRow, type TenantScope } from '../db/tenant.server'
import { normalizeBrPhone } from '../phone/brazil'
import { sendCampaignMessage } from '../sending/message-payload.server'
import { clientForSession, type WahaDeps } from '../sessions/waha-access.server'
import { type ComposerMedia, isOwnMediaKey } from './media.server'
import type { PollSpec } from './poll'
import { parseTemplates, renderTemplate, type TemplateContact } from './template'

const TEST_SEND_LIMIT = 5
const TEST_SEND_WINDOW_MS = 60_000

export type TestSendInput = {
  phone: string
  sessionId: string
  texts: string[]
  listId: string | null
  media: ComposerMedia | null
  linkPreview: boolean
  /** The campaign's poll (decision 038): the test goes as the poll, the text as its question. */
  poll?: PollSpec | null
  /** Seed of the {a|b} variants: the campaign's id, so the test shows what that campaign would pick. */
  seed: string
  /** The app's origin, for the signed image URL WAHA downloads (sessions in URL mode). */
  baseUrl: string
  /** The user's own name: the {{nome}} of the test when the list has no contact to borrow. */
  userName: string
}

export type TestSendResult =
  | { ok: true; to: string; sessionName: string; contactName: string }
  | {
      ok: false
      field: 'testPhone' | 'testSessionId' | 'texts' | null
      message: string
      vars?: Record<string, string | number>
    }

const fail = (
  field: 'testPhone' | 'testSessionId' | 'texts' | null,
  message: string,
  vars?: Record<string, string | number>,
): TestSendResult => ({ ok: false, field, message, vars })

/** The first contact of the list who will get the campaign (not suppressed), or null. */
async function sampleContact(scope: TenantScope, listId: string | null): Promise<TemplateContact | null> {
  if (!listId) return null
  const row = await scope.db
    .select({ name: contacts.name, phone: contacts.phoneE164, extra: contacts.extra })
    .from(contacts)
    .where(
      ownedBy(
        scope,
        contacts,
        eq(contacts.listId, listId),
        sql`NOT EXISTS (SELECT 1 FROM ${suppressions} s WHERE s.tenant_id = "contacts"."tenant_id" AND s.phone_e164 = "contacts"."phone_e164")`,
      ),
    )
    .orderBy(asc(contacts.id))
    .limit(1)
    .get()
  return row ? { name: row.name, phone: row.phone, extra: row.extra ?? {} } : null
}

/** Sends one test message; never throws for expected failures (bad number, session, WAHA refusal). */
export async function sendTestMessage(
  scope: TenantScope,
  input: TestSendInput,
  deps: WahaDeps = {},
): Promise<TestSendResult> {
  const phone = normalizeBrPhone(input.phone.trim())
  const texts = input.texts.filter((t) => t.trim() !== '')
  const problems: TestSendResult[] = []
  if (!input.phone.trim()) problems.push(fail('testPhone', 'campaigns.test.errors.phoneRequired'))
  else if (!phone.ok) problems.push(fail('testPhone', textString(phone.text)))
  const voice = input.media?.kind === 'voice'
  if (voice && texts.length > 0) problems.push(fail('texts', 'media.errors.voiceText'))
  else if (texts.length === 0 && !voice) problems.push(fail('texts', 'campaigns.errors.textRequired'))
  else if (texts.length > 0 && !parseTemplates(texts).ok)
    problems.push(fail('texts', 'campaigns.test.errors.template'))
  if (!input.sessionId) problems.push(fail('testSessionId', 'campaigns.test.errors.sessionRequired'))
  if (problems[0]) return problems[0]
  if (!phone.ok) return fail('testPhone', 'campaigns.test.errors.phoneRequired')

  const session = await scope.db
    .select()
    .from(wahaSessions)
    .where(ownedRow(scope, wahaSessions, input.sessionId))
    .get()
  if (!session) return fail('testSessionId', 'campaigns.test.errors.sessionRequired')
  if (session.status !== 'WORKING')
    return fail('testSessionId', 'campaigns.test.errors.notConnected', { session: session.displayName })
  const media = input.media && isOwnMediaKey(scope, input.media.key) ? input.media : null

  const limit = await hitRateLimit(scope, `test-send:${scope.userId}`, TEST_SEND_LIMIT, TEST_SEND_WINDOW_MS)
  if (!limit.allowed)
    return fail(null, 'campaigns.test.errors.rateLimited', {
      limit: TEST_SEND_LIMIT,
      seconds: Math.max(1, Math.ceil(limit.retryAfterMs / 1000)),
    })

  const contact = (await sampleContact(scope, input.listId)) ?? {
    name: input.userName,
    phone: phone.e164,
    extra: {},
  }
  const text = renderTemplate(texts, contact, input.seed)
  const client = await clientForSession(scope, session, deps)
  const exists = await client.checkExists(session.sessionName, phone.e164)
  if (!exists.ok) return fail(null, textString(exists.error.text))
  if (!exists.value.numberExists || !exists.value.chatId)
    return fail('testPhone', 'campaigns.test.errors.notOnWhatsApp')

  const sent = await sendCampaignMessage(
    { ctx: scope, client, sessionName: session.sessionName, mediaMode: session.mediaMode },
    {
      mediaKey: media?.key ?? null,
      mediaType: media?.type || null,
      mediaKind: media?.kind ?? null,
      mediaName: media?.name ?? null,
      linkPreview: input.linkPreview,
      baseUrl: input.baseUrl,
      poll: input.poll ?? null,
    },
    exists.value.chatId,
    text,
  )
  if (!sent.ok) return fail(null, textString(sent.error.text))
  return { ok: true, to: phone.e164, sessionName: session.displayName, contactName: contact.name }
}

/** The tenant's sessions a test can go through (connected ones), for the composer's select. */
export function connectedSessions<T extends { status: string }>(sessions: readonly T[]): T[] {
  return sessions.filter((s) => s.status === 'WORKING')
}
