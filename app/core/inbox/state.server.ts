// A conversation's state in Respostas (decision 032): read when opened, handled / reopened, assigned to
// a member of the team (operators and admins). Another tenant's id: NotFoundError, nothing changes.
import { and, eq } from 'drizzle-orm'
import { conversations, inboundMessages, inboxAnswers, users } from '../../../db/schema'
import { found, ownedBy, ownedRow, type TenantScope } from '../db/tenant.server'
import { canonicalPhone } from '../phone/ninth-digit'
import { audit } from '../tenants/audit.server'

/** The person opened the conversation: nothing unread any more. */
export async function markConversationRead(scope: TenantScope, id: number): Promise<void> {
  await scope.db
    .update(conversations)
    .set({ unread: 0 })
    .where(and(ownedRow(scope, conversations, id)))
}

/** Marks it handled (who, when) or open again. */
export async function setConversationHandled(
  scope: TenantScope,
  id: number,
  handled: boolean,
): Promise<{ message: 'inbox.handled.done' | 'inbox.handled.reopened' }> {
  const r = await scope.db
    .update(conversations)
    .set(
      handled
        ? { handledAt: scope.clock(), handledBy: scope.userId, unread: 0 }
        : { handledAt: null, handledBy: null },
    )
    .where(ownedRow(scope, conversations, id))
    .returning({ id: conversations.id })
  found(r[0], 'conversation')
  return { message: handled ? 'inbox.handled.done' : 'inbox.handled.reopened' }
}

/** Assigns it to a member of the team who may answer (not a viewer), or to nobody. */
export async function assignConversation(
  scope: TenantScope,
  id: number,
  userId: string | null,
): Promise<{ ok: true; message: string } | { ok: false; message: string }> {
  found(
    await scope.db
      .select({ id: conversations.id })
      .from(conversations)
      .where(ownedRow(scope, conversations, id))
      .get(),
  )
  if (userId) {
    const member = await scope.db
      .select({ role: users.role })
      .from(users)
      .where(ownedBy(scope, users, eq(users.id, userId), eq(users.active, true)))
      .get()
    if (!member || member.role === 'viewer') return { ok: false, message: 'inbox.assign.invalid' }
  }
  await scope.db
    .update(conversations)
    .set({ assignedTo: userId })
    .where(ownedRow(scope, conversations, id))
  await audit(scope, 'inbox.assign', String(id), { to: userId })
  return { ok: true, message: userId ? 'inbox.assign.done' : 'inbox.assign.cleared' }
}

/** LGPD erase: the person's conversation, messages and our answers leave Respostas (batched by the caller). */
export function eraseInboxStatements(scope: TenantScope, phoneE164: string) {
  const phone = canonicalPhone(phoneE164)
  return [
    scope.db
      .delete(inboundMessages)
      .where(ownedBy(scope, inboundMessages, eq(inboundMessages.phoneE164, phone))),
    scope.db.delete(inboxAnswers).where(ownedBy(scope, inboxAnswers, eq(inboxAnswers.phoneE164, phone))),
    scope.db.delete(conversations).where(ownedBy(scope, conversations, eq(conversations.phoneE164, phone))),
  ] as const
}
