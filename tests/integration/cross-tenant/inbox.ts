// Cross-tenant cases for Respostas (decision 032): another team's conversation answers 404 on GET and on
// every POST (answer, handled, reopen, assign), and nothing of it changes (no answer is sent either).
import { eq } from 'drizzle-orm'
import { inboundMediaUrl } from '../../../app/core/inbox/media.server'
import { conversations, inboundMessages, inboxAnswers, possibleOptOuts } from '../../../db/schema'
import type { TestTenant } from '../helpers/app'
import type { CrossTenantCase, CrossTenantProbe } from '../helpers/cross-tenant'

async function snapshot(owner: TestTenant, id: number) {
  const db = owner.ctx.db
  return JSON.stringify([
    await db.select().from(conversations).where(eq(conversations.id, id)),
    await db.select().from(inboxAnswers).where(eq(inboxAnswers.conversationId, id)),
    await db.select().from(possibleOptOuts).where(eq(possibleOptOuts.tenantId, owner.tenantId)),
  ])
}

export const INBOX_CASES: CrossTenantCase[] = [
  {
    name: 'Respostas conversation',
    arrange: async (owner): Promise<CrossTenantProbe[]> => {
      const [row] = await owner.ctx.db
        .insert(conversations)
        .values({
          tenantId: owner.tenantId,
          phoneE164: '+5511987650101',
          chatId: '5511987650101@c.us',
          sessionId: 'wses_0000000000000000',
          unread: 2,
          lastInboundAt: Date.now(),
          lastBody: 'Oi',
        })
        .returning({ id: conversations.id })
      const id = row!.id
      const [possible] = await owner.ctx.db
        .insert(possibleOptOuts)
        .values({
          tenantId: owner.tenantId,
          phoneE164: '+5511987650101',
          wahaMessageId: 'false_5511987650101@c.us_CROSS0001',
          body: 'Como faço para sair?',
          rule: 'outOfList',
          receivedAt: Date.now(),
        })
        .returning({ id: possibleOptOuts.id })
      // A file the contact sent, kept in R2: even a correctly signed link is the owner's only.
      const [inbound] = await owner.ctx.db
        .insert(inboundMessages)
        .values({
          tenantId: owner.tenantId,
          sessionId: 'wses_0000000000000000',
          phoneE164: '+5511987650101',
          chatId: '5511987650101@c.us',
          wahaMessageId: 'false_5511987650101@c.us_CROSSFILE1',
          messageKey: 'CROSSFILE1',
          type: 'image',
          body: '',
          media: { mimetype: 'image/jpeg', key: `inbound/${owner.tenantId}/cross` },
          receivedAt: Date.now(),
        })
        .returning({ id: inboundMessages.id })
      await owner.ctx.env.FILES.put(`inbound/${owner.tenantId}/cross`, new Uint8Array([0xff, 0xd8, 0xff]))
      const fileLink = await inboundMediaUrl(owner.ctx, inbound!.id)
      const before = await snapshot(owner, id)
      const verifyUnchanged = async () => {
        if ((await snapshot(owner, id)) !== before) throw new Error(`conversation ${id} changed`)
      }
      const path = `/respostas/${id}`
      return [
        { method: 'GET', path, verifyUnchanged },
        {
          method: 'POST',
          path,
          form: { intent: 'answer', key: 'intruder-key-0001', body: 'Invasor' },
          verifyUnchanged,
        },
        { method: 'POST', path, form: { intent: 'handled' }, verifyUnchanged },
        { method: 'POST', path, form: { intent: 'reopen' }, verifyUnchanged },
        { method: 'POST', path, form: { intent: 'assign', userId: '' }, verifyUnchanged },
        {
          method: 'POST',
          path,
          form: { intent: 'confirmPossible', possibleId: String(possible!.id) },
          verifyUnchanged,
        },
        { method: 'GET', path: fileLink, verifyUnchanged },
      ]
    },
  },
]
