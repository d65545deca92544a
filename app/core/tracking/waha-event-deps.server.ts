// What applying WAHA events needs from the session's WAHA server: a `@lid` sender's phone (WhatsApp's
// privacy ids) and the tenant's opt-out confirmation, sent from the session that received the
// "SAIR". The `events` queue consumer hands these to applyEvents; tests pass their own.
import type { AppContext } from '../context.server'
import { loadSenderSession } from '../sending/session-config.server'
import type { EventDeps } from './events.server'

export function wahaEventDeps(ctx: AppContext): EventDeps {
  return {
    ctx,
    resolveLid: async (_tenantId, sessionId, lid) => {
      const session = await loadSenderSession(ctx, sessionId)
      if (!session) return null
      const r = await session.client.lidToPhone(session.row.sessionName, lid)
      return r.ok ? r.value.pn : null
    },
    confirmOptOut: async (_tenantId, sessionId, chatId, text) => {
      const session = await loadSenderSession(ctx, sessionId)
      if (session) await session.client.sendText({ session: session.row.sessionName, chatId, text })
    },
  }
}
