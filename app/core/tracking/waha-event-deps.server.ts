// What applying WAHA events needs from the session's WAHA server: a `@lid` sender's phone (WhatsApp's
// privacy ids) and the tenant's opt-out confirmation, sent from the session that received the
// "SAIR". The `events` queue consumer hands these to applyEvents; tests pass their own.
import type { AppContext } from '../context.server'
import { atTenant } from '../db/shards.server'
import type { EventJob } from '../queue-messages'
import { loadSenderSession } from '../sending/session-config.server'
import { applyEvents, type EventDeps, type EventsResult, noEvents } from './events.server'

function wahaEventDeps(ctx: AppContext): EventDeps {
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

/**
 * Applies a queue batch of WAHA events, each team's at its shard (decision 043), and adds up what
 * happened. A team being moved throws TeamMovingError: the whole batch is retried (events are idempotent).
 */
export async function applyEventBatch(ctx: AppContext, jobs: EventJob[]): Promise<EventsResult> {
  const total = noEvents()
  const tenants = [...new Set(jobs.map((j) => j.tenantId))]
  for (const tenantId of tenants) {
    const at = await atTenant(ctx, tenantId)
    const r = await applyEvents(
      wahaEventDeps(at),
      jobs.filter((j) => j.tenantId === tenantId),
    )
    total.acksApplied += r.acksApplied
    total.acksPending += r.acksPending
    total.reconciled += r.reconciled
    total.replies += r.replies
    total.optOuts.push(...r.optOuts)
    total.votes += r.votes
    total.votesUnmatched += r.votesUnmatched
    total.votesFailed += r.votesFailed
  }
  return total
}
