// For `npm run bench:rowsize`: what WhatsApp and people send back after the sends, through the events
// consumer's own applyEvents (acks in batches of 100, replies and SAIR) and the tracked-link redirect.
import { inArray } from 'drizzle-orm'
import { followTrackedLink } from '../../app/core/campaigns/link-clicks.server'
import type { AppContext } from '../../app/core/context.server'
import { applyEvents } from '../../app/core/tracking/events.server'
import { campaignLinks, webhookEvents } from '../../db/schema'
import type { D1Meter } from './rowsize-meter'
import type { LifeCounts } from './rowsize-run'

type Sent = {
  tenantId: string
  session: { id: string; name: string }
  wahaId: string
  phone: string
  id: number
}

const envelope = (event: string, session: string, at: number) => ({
  id: null,
  timestamp: at,
  event,
  session,
  metadata: {},
  me: null,
  engine: 'WEBJS',
})

/** SERVER for every send, DEVICE for 75%, READ for 40%: the events consumer's batches of 100. */
export async function applyAcks(
  ctx: AppContext,
  meter: D1Meter,
  sent: Sent[],
  counts: LifeCounts,
  random: () => number,
  tick: () => number,
) {
  const delivered = sent.filter(() => random() < 0.75)
  const read = delivered.filter(() => random() < 40 / 75)
  for (const [phase, rows, ack, name] of [
    ['ack SERVER', sent, 1, 'SERVER'],
    ['ack DEVICE', delivered, 2, 'DEVICE'],
    ['ack READ', read, 3, 'READ'],
  ] as const) {
    meter.phase = phase
    for (let i = 0; i < rows.length; i += 100) {
      const at = tick()
      await applyEvents(
        { ctx },
        rows.slice(i, i + 100).map((s) => ({
          type: 'waha-event' as const,
          v: 1 as const,
          tenantId: s.tenantId,
          sessionId: s.session.id,
          event: {
            type: 'message.ack',
            envelope: envelope('message.ack', s.session.name, at),
            ack: {
              messageId: s.wahaId,
              chatId: `${s.phone.slice(1)}@c.us`,
              participant: null,
              fromMe: true,
              ack,
              ackName: name,
            },
          },
        })),
      )
    }
  }
  counts.delivered += delivered.length
  counts.read += read.length
}

/** 4% of the sends get a reply (one in ten a SAIR), 8% of the tracked ones a click. */
export async function repliesAndClicks(
  ctx: AppContext,
  meter: D1Meter,
  sent: Sent[],
  campaignIds: string[],
  counts: LifeCounts,
  random: () => number,
  tick: () => number,
) {
  meter.phase = 'reply'
  for (const s of sent.filter(() => random() < 0.04)) {
    const at = tick()
    const chatId = `${s.phone.slice(1)}@c.us`
    const id = `false_${chatId}_3EB0${Math.floor(random() * 2 ** 52)
      .toString(16)
      .toUpperCase()}`
    // The intake's dedupe row for a non-ack event (webhook-intake.server.ts), then the consumer.
    await ctx.db
      .insert(webhookEvents)
      .values({ sessionId: s.session.id, eventId: `evt_${id.slice(-20)}`, event: 'message', receivedAt: at })
      .onConflictDoNothing()
    const body = random() < 0.1 ? 'SAIR' : 'Oi! Quero saber mais, tem no tamanho M?'
    await applyEvents({ ctx }, [
      {
        type: 'waha-event',
        v: 1,
        tenantId: s.tenantId,
        sessionId: s.session.id,
        event: {
          type: 'message',
          envelope: envelope('message', s.session.name, at),
          message: {
            id,
            timestamp: Math.floor(at / 1000),
            chatId,
            senderId: chatId,
            senderIsLid: false,
            isGroup: false,
            fromMe: false,
            source: 'app',
            body,
            hasMedia: false,
            mediaUrl: null,
            ack: null,
            ackName: 'UNKNOWN',
            replyToId: null,
          },
        },
      },
    ])
    counts.replies++
  }
  meter.phase = 'setup'
  const links = await ctx.db
    .select({ token: campaignLinks.token })
    .from(campaignLinks)
    .where(inArray(campaignLinks.campaignId, campaignIds))
  meter.phase = 'click'
  for (const l of links.filter(() => random() < 0.08)) {
    tick()
    if (await followTrackedLink(ctx, l.token)) counts.clicks++
  }
}
