// Answering a contact from Respostas (decision 032): one 1:1 message, at once, through the session the
// contact wrote to (or another WORKING session of the team), with "digitando…" shown first. Never twice
// (decision 006's shape): the answer row is claimed by the form's idempotency key before WAHA is called,
// so a double submit, a second tab or a retried request finds the claim and sends nothing. A send WAHA
// may or may not have taken (timeout, 5xx) stays `unknown` and is never resent. Each answer sent is a
// session event (`answer`) that the number's health counts as a send.
import { and, eq, sql } from 'drizzle-orm'
import { conversations, inboxAnswers, sessionEvents, wahaSessions } from '../../../db/schema'
import { found, ownedRow, type TenantScope } from '../db/tenant.server'
import { loadSenderSession } from '../sending/session-config.server'
import { audit } from '../tenants/audit.server'

/** How long "digitando…" shows before the text goes (short: a person is waiting on the page). */
const TYPING_MS = 700

export type AnswerInput = {
  conversationId: number
  body: string
  /** The form's idempotency key (one per rendered form). */
  key: string
  /** Another of the team's sessions; the conversation's own by default. */
  sessionId?: string | null
}

export type AnswerOutcome =
  | { ok: true; message: 'inbox.answer.sent' | 'inbox.answer.already' }
  | {
      ok: false
      message:
        | 'inbox.answer.sessionNotWorking'
        | 'inbox.answer.failed'
        | 'inbox.answer.unknown'
        | 'inbox.answer.empty'
      field?: 'body' | 'sessionId'
    }

type Deps = { typingMs?: number; fetch?: typeof fetch }

/** Sends one answer (operators and admins; the route checks the role). Another tenant's id: NotFoundError. */
export async function answerConversation(
  scope: TenantScope,
  input: AnswerInput,
  deps: Deps = {},
): Promise<AnswerOutcome> {
  const conversation = found(
    await scope.db
      .select()
      .from(conversations)
      .where(ownedRow(scope, conversations, input.conversationId))
      .get(),
    'conversation',
  )
  const body = input.body.trim()
  if (!body) return { ok: false, message: 'inbox.answer.empty', field: 'body' }
  const sessionId = input.sessionId || conversation.sessionId
  const session = await scope.db
    .select({ id: wahaSessions.id, status: wahaSessions.status })
    .from(wahaSessions)
    .where(ownedRow(scope, wahaSessions, sessionId))
    .get()
  if (session?.status !== 'WORKING')
    return { ok: false, message: 'inbox.answer.sessionNotWorking', field: 'sessionId' }

  const now = scope.clock()
  const claimed = await scope.db
    .insert(inboxAnswers)
    .values({
      tenantId: scope.tenantId,
      conversationId: conversation.id,
      phoneE164: conversation.phoneE164,
      sessionId,
      idempotencyKey: input.key,
      body,
      status: 'sending',
      sentBy: scope.userId ?? '',
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: inboxAnswers.id })
  const answer = claimed[0]
  if (!answer) return { ok: true, message: 'inbox.answer.already' }

  const sender = await loadSenderSession(scope, sessionId, deps.fetch)
  if (!sender) {
    await settle(scope, answer.id, { status: 'failed', errorCode: 'session_gone' })
    return { ok: false, message: 'inbox.answer.failed' }
  }
  const target = { session: sender.row.sessionName, chatId: conversation.chatId }
  await sender.client.startTyping(target)
  await new Promise((r) => setTimeout(r, deps.typingMs ?? TYPING_MS))
  const sent = await sender.client.sendText({ ...target, text: body })
  await sender.client.stopTyping(target)
  if (!sent.ok) {
    const ambiguous = !sent.error.definite
    await settle(scope, answer.id, { status: ambiguous ? 'unknown' : 'failed', errorCode: sent.error.kind })
    return { ok: false, message: ambiguous ? 'inbox.answer.unknown' : 'inbox.answer.failed' }
  }
  const at = scope.clock()
  await scope.db.batch([
    scope.db
      .update(inboxAnswers)
      .set({ status: 'sent', wahaMessageId: sent.value.messageId, sentAt: at })
      .where(and(eq(inboxAnswers.id, answer.id), eq(inboxAnswers.status, 'sending'))),
    scope.db
      .update(conversations)
      .set({
        handledAt: at,
        handledBy: scope.userId,
        lastAnsweredAt: at,
        lastAnsweredBy: scope.userId,
        unread: 0,
      })
      .where(ownedRow(scope, conversations, conversation.id)),
    // The number's health counts it with its campaign sends (measure.server.ts).
    scope.db
      .insert(sessionEvents)
      .values({
        tenantId: scope.tenantId,
        sessionId,
        kind: 'answer',
        key: `answer:${answer.id}`,
        at,
        detail: sent.value.messageId,
        userId: scope.userId,
      })
      .onConflictDoNothing(),
  ])
  await audit(scope, 'inbox.answer', String(conversation.id), { answer: answer.id, session: sessionId })
  return { ok: true, message: 'inbox.answer.sent' }
}

async function settle(
  scope: TenantScope,
  id: number,
  set: { status: 'failed' | 'unknown'; errorCode: string },
): Promise<void> {
  await scope.db
    .update(inboxAnswers)
    .set(set)
    .where(and(eq(inboxAnswers.id, id), sql`${inboxAnswers.status} = 'sending'`))
}
