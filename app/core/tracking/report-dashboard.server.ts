// The home dashboard: campaigns running / paused / scheduled with progress, today's sends per session
// against its daily cap (São Paulo day), session health, the last opt-outs and replies, and dead
// letters ("mensagens que não puderam ser processadas") and webhook endpoints switched off by failures. Independent queries go in one D1 batch.

import { and, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm'
import {
  campaignMessages,
  campaigns,
  campaignCounts as cc,
  deadLetters,
  sessionHealth,
  suppressions,
  wahaSessions,
  webhookEndpoints,
} from '../../../db/schema'
import { ownedBy, type TenantScope } from '../db/tenant.server'
import { sendsToday } from '../sessions/sessions.server'
import { lastErrorText, pausedText } from '../stored-text'
import { percent } from './report'

const ACTIVE = ['running', 'paused', 'scheduled']
const m = campaignMessages

export type Dashboard = Awaited<ReturnType<typeof dashboard>>

/** Everything the home page shows for this tenant. */
export async function dashboard(scope: TenantScope) {
  // Dead letters are kept in the control database (decision 043): a batch of their own.
  const deadLettersRead = scope.control.batch([
    scope.control.select({ n: sql<number>`COUNT(*)` }).from(deadLetters).where(ownedBy(scope, deadLetters)),
    scope.control
      .select({
        id: deadLetters.id,
        queue: deadLetters.queue,
        body: deadLetters.body,
        createdAt: deadLetters.createdAt,
      })
      .from(deadLetters)
      .where(ownedBy(scope, deadLetters))
      .orderBy(desc(deadLetters.createdAt), desc(deadLetters.id))
      .limit(5),
  ])
  const [active, sessions, optOuts, replies, hooksOff] = await scope.db.batch([
    scope.db
      .select({
        id: campaigns.id,
        name: campaigns.name,
        status: campaigns.status,
        scheduledAt: campaigns.scheduledAt,
        startedAt: campaigns.startedAt,
        pausedReason: campaigns.pausedReason,
        pausedCode: campaigns.pausedCode,
        pausedParams: campaigns.pausedParams,
      })
      .from(campaigns)
      .where(ownedBy(scope, campaigns, inArray(campaigns.status, ACTIVE)))
      .orderBy(campaigns.status, campaigns.scheduledAt, desc(campaigns.createdAt))
      .limit(20),
    scope.db
      .select({
        id: wahaSessions.id,
        displayName: wahaSessions.displayName,
        phone: wahaSessions.phone,
        status: wahaSessions.status,
        dailyCap: wahaSessions.dailyCap,
        lastError: wahaSessions.lastError,
        lastErrorCode: wahaSessions.lastErrorCode,
        lastErrorParams: wahaSessions.lastErrorParams,
        lastErrorAt: wahaSessions.lastErrorAt,
        pausedUntil: wahaSessions.pausedUntil,
        pausedReason: wahaSessions.pausedReason,
        pausedCode: wahaSessions.pausedCode,
        pausedParams: wahaSessions.pausedParams,
        healthState: sessionHealth.state,
        healthScore: sessionHealth.score,
      })
      .from(wahaSessions)
      .leftJoin(sessionHealth, eq(sessionHealth.sessionId, wahaSessions.id))
      .where(ownedBy(scope, wahaSessions))
      .orderBy(desc(wahaSessions.isPrimary), wahaSessions.failoverPriority, wahaSessions.displayName),
    scope.db
      .select({
        id: suppressions.id,
        phoneE164: suppressions.phoneE164,
        reason: suppressions.reason,
        source: suppressions.source,
        createdAt: suppressions.createdAt,
      })
      .from(suppressions)
      .where(ownedBy(scope, suppressions))
      .orderBy(desc(suppressions.id))
      .limit(10),
    scope.db
      .select({
        id: m.id,
        contactName: m.contactName,
        phoneE164: m.phoneE164,
        repliedAt: m.repliedAt,
        campaignId: m.campaignId,
        campaignName: campaigns.name,
      })
      .from(m)
      .innerJoin(campaigns, and(eq(campaigns.id, m.campaignId), eq(campaigns.tenantId, m.tenantId)))
      .where(ownedBy(scope, m, isNotNull(m.repliedAt)))
      .orderBy(desc(m.repliedAt))
      .limit(10),
    // Webhook endpoints switched off after sustained failure (decision 033): the admin is told here too.
    scope.db
      .select({ n: sql<number>`COUNT(*)` })
      .from(webhookEndpoints)
      .where(
        ownedBy(
          scope,
          webhookEndpoints,
          eq(webhookEndpoints.enabled, false),
          eq(webhookEndpoints.disabledCode, 'webhooks.disabled.failing'),
        ),
      ),
  ])
  const [deadCount, deadRecent] = await deadLettersRead
  const ids = active.map((c) => c.id)
  const [progress, today] = await Promise.all([
    ids.length === 0
      ? Promise.resolve([])
      : scope.db
          .select({
            campaignId: cc.campaignId,
            total: sql<number>`COALESCE(SUM(${cc.n}), 0)`,
            waiting: sql<number>`COALESCE(SUM(CASE WHEN ${cc.status} IN ('pending', 'queued', 'sending') THEN ${cc.n} ELSE 0 END), 0)`,
            sent: sql<number>`COALESCE(SUM(CASE WHEN ${cc.status} IN ('sent', 'delivered', 'read') THEN ${cc.n} ELSE 0 END), 0)`,
          })
          .from(cc)
          .where(ownedBy(scope, cc, inArray(cc.campaignId, ids)))
          .groupBy(cc.campaignId),
    sendsToday(
      scope,
      sessions.map((s) => s.id),
    ),
  ])
  const now = scope.clock()
  return {
    campaigns: active.map((c) => {
      const p = progress.find((x) => x.campaignId === c.id)
      const total = Number(p?.total ?? 0)
      const done = total - Number(p?.waiting ?? 0)
      const pausedReason = pausedText(c)
      return { ...c, pausedReason, total, done, sent: Number(p?.sent ?? 0), pct: percent(done, total) }
    }),
    sessions: sessions.map((s) => {
      const sent = today.get(s.id) ?? 0
      const paused = s.pausedUntil !== null && s.pausedUntil > now
      return {
        ...s,
        sentToday: sent,
        capPct: percent(sent, s.dailyCap),
        pausedUntil: paused ? s.pausedUntil : null,
        pausedReason: paused ? pausedText(s) : null,
        lastError: lastErrorText(s),
      }
    }),
    optOuts,
    replies,
    deadLetters: {
      count: Number(deadCount[0]?.n ?? 0),
      recent: deadRecent.map((d) => ({ ...d, body: summarize(d.body) })),
    },
    webhooksDisabled: Number(hooksOff[0]?.n ?? 0),
  }
}

/** A short, human line for a dead-lettered queue message (its type and ids), never the whole body. */
function summarize(body: string): string {
  try {
    const v = JSON.parse(body) as Record<string, unknown>
    if (v && typeof v === 'object') {
      const parts = ['type', 'campaignId', 'messageId', 'listId', 'sessionId']
        .filter((k) => typeof v[k] === 'string' || typeof v[k] === 'number')
        .map((k) => `${k}: ${String(v[k])}`)
      if (parts.length > 0) return parts.join(' · ').slice(0, 200)
    }
  } catch {}
  return body.slice(0, 120)
}
