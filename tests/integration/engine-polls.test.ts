// Polls end to end (decision 038): a poll campaign goes launch -> queues -> SenderSession -> the WAHA
// simulator's sendPoll exactly once per contact; contacts vote on the simulator's phone (from their
// chat id, from their @lid, from a legacy number without the 9th digit) and the simulator's poll.vote
// events go through the real events consumer: each vote lands on the right person, a changed vote wins
// with its history kept, a redelivered event counts once, a vote for a poll we never sent is left alone;
// the campaign page shows the counts and /campanhas/:id/votos exports who voted for what.
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { launchNow } from '../../app/core/campaigns/lifecycle.server'
import { erasePerson } from '../../app/core/contacts/optouts.server'
import { scopeTo } from '../../app/core/db/tenant.server'
import type { WahaEvent } from '../../app/core/waha/webhook'
import { campaigns, pollVotes, webhookDeliveries } from '../../db/schema'
import { consumeEvents } from './health-support'
import { appFetch, campaignDb, ORIGIN } from './helpers/app'
import { campaignRow, createEngineFixture, messages, simJson, waitFor } from './helpers/engine'
import { envelope } from './helpers/waha-events'
import { receiverEndpoint, receiverPath } from './webhooks-support'

type SimSends = { calls: Array<{ endpoint: string; chatId: string; outcome: string }> }
type Vote = { event: string; payload: Record<string, unknown> }

const POLL = { options: ['Manhã', 'Tarde', 'Noite'], multipleAnswers: true }

async function pollCampaign() {
  const f = await createEngineFixture({ contacts: 3, texts: ['{{primeiro_nome}}, qual horário prefere?'] })
  const db = f.tenant.ctx.db
  await db.update(campaigns).set({ poll: POLL }).where(eq(campaigns.id, f.campaignId))
  // The third contact's account is a legacy one: WhatsApp knows it without the 9th digit.
  const legacyPhone = f.list.phones[2]!
  await simJson(`/_sim/registry/${legacyPhone.replace(/\D/g, '')}`, {
    method: 'PUT',
    body: JSON.stringify({ legacy: true }),
  })
  const scope = scopeTo(f.tenant.ctx, f.tenant.tenantId, f.tenant.users.admin.id)
  expect(await launchNow(scope, f.campaignId, ORIGIN)).toEqual({ ok: true, message: 'campaigns.launched' })
  await waitFor(async () => (await campaignRow(f.campaignId))?.status === 'finished', 'finished', 30_000)
  const rows = await messages(f.campaignId)
  const session = f.sessions[0]!
  return { f, session, rows, legacyPhone }
}

/** The contact votes on the simulator's phone; the event it emits goes through the real consumer. */
async function vote(
  f: { tenant: { tenantId: string } },
  s: { id: string; sessionName: string },
  body: Record<string, unknown>,
) {
  const emitted = await simJson<Vote>(`/_sim/sessions/${s.sessionName}/vote`, {
    method: 'POST',
    body: JSON.stringify(body),
  })
  const event = envelope(emitted.event, s.sessionName, emitted.payload)
  await consumeEvents(f.tenant.tenantId, s.id, [event])
  return { emitted, event }
}

const scope = (f: {
  tenant: { ctx: Parameters<typeof scopeTo>[0]; tenantId: string; users: { admin: { id: string } } }
}) => scopeTo(f.tenant.ctx, f.tenant.tenantId, f.tenant.users.admin.id)

async function votesOf(campaignId: string) {
  return (await campaignDb(campaignId)).select().from(pollVotes).where(eq(pollVotes.campaignId, campaignId))
}

describe('a WhatsApp poll campaign', () => {
  it('should send once, store each vote on the right person, keep history, count once, and report', async () => {
    const { f, session, rows, legacyPhone } = await pollCampaign()
    const s = session
    // sendPoll exactly once per contact, with the rendered question and the stored options.
    const sends = (await simJson<SimSends>(`/_sim/sends?session=${s.sessionName}`)).calls.filter(
      (c) => c.endpoint.startsWith('send') && c.endpoint !== 'sendSeen',
    )
    expect(sends).toHaveLength(3)
    expect(sends.every((c) => c.endpoint === 'sendPoll' && c.outcome === 'sent')).toBe(true)
    expect(new Set(sends.map((c) => c.chatId)).size).toBe(3)
    const polls = (
      await simJson<Array<{ id: string; chatId: string; body: string; poll?: typeof POLL }>>(
        `/_sim/messages?session=${s.sessionName}`,
      )
    ).filter((m) => m.poll)
    expect(polls).toHaveLength(3)
    for (const p of polls) {
      expect(p.poll).toMatchObject(POLL)
      expect(p.body).toMatch(/, qual horário prefere\?$/)
      // The WAHA id of the send is on the outbox row (acks and votes find the row by it).
      expect(rows.some((r) => r.wahaMessageId === p.id)).toBe(true)
    }
    const rowOf = (phone: string) => rows.find((r) => r.phoneE164 === phone)!
    const pollOf = (phone: string) => polls.find((p) => p.id === rowOf(phone).wahaMessageId)!
    const [first, second] = f.list.phones as [string, string]
    // An outbound webhook endpoint subscribed to poll votes only (decision 033).
    const endpoint = await receiverEndpoint(f.tenant, receiverPath('ok'), ['poll.vote'])

    // 1. From the chat id; 2. from the @lid (the poll named in the @lid chat); 3. legacy number.
    await vote(f, s, { pollId: pollOf(first).id, options: ['Tarde'] })
    const lid = await vote(f, s, { pollId: pollOf(second).id, options: ['Noite'], asLid: true })
    expect((lid.emitted.payload.vote as { from: string }).from).toMatch(/@lid$/)
    // Several answers (multipleAnswers), named in any order: stored in the poll's order.
    const legacy = await vote(f, s, { pollId: pollOf(legacyPhone).id, options: ['Noite', 'Tarde'] })
    expect((legacy.emitted.payload.vote as { from: string }).from).toBe(
      `${legacyPhone.slice(1, 5)}${legacyPhone.slice(6)}@c.us`,
    )
    let votes = await votesOf(f.campaignId)
    expect(votes).toHaveLength(3)
    const current = (phone: string) =>
      votes.filter((v) => v.messageId === rowOf(phone).id && v.current).map((v) => v.options)
    expect(current(first)).toEqual([['Tarde']])
    expect(current(second)).toEqual([['Noite']])
    expect(current(legacyPhone)).toEqual([['Tarde', 'Noite']])
    for (const v of votes) expect(v.contactId).toBe(rows.find((r) => r.id === v.messageId)!.contactId)

    // The first contact changes their vote: the latest wins, the history keeps both.
    await new Promise((r) => setTimeout(r, 1100)) // WAHA's vote timestamps are in seconds
    const changed = await vote(f, s, { pollId: pollOf(first).id, options: ['Manhã'] })
    // A redelivery of the same event (same envelope id) inserts nothing.
    await consumeEvents(f.tenant.tenantId, s.id, [changed.event])
    await consumeEvents(f.tenant.tenantId, s.id, [changed.event, lid.event])
    votes = await votesOf(f.campaignId)
    expect(votes.filter((v) => v.messageId === rowOf(first).id)).toHaveLength(2)
    expect(current(first)).toEqual([['Manhã']])
    expect(votes).toHaveLength(4)

    // A vote for a poll we never sent: consumed without error, attributed to nothing.
    const stranger = envelope('poll.vote', s.sessionName, {
      vote: {
        id: 'false_5511977776666@c.us_3AAAAAAAAAAAAAAAAAAA',
        selectedOptions: ['Sim'],
        timestamp: Math.floor(Date.now() / 1000),
        to: 'me',
        from: '5511977776666@c.us',
        fromMe: false,
      },
      poll: {
        id: 'true_5511977776666@c.us_3EB0NEVERSENT',
        to: '5511977776666@c.us',
        from: 'me',
        fromMe: true,
      },
    }) as WahaEvent
    const result = await consumeEvents(f.tenant.tenantId, s.id, [stranger])
    expect(result.ackAll).toBe(true)
    expect(await votesOf(f.campaignId)).toHaveLength(4)

    // Each stored vote (not the redeliveries, not the stranger) is one poll.vote delivery.
    const deliveries = await f.tenant.ctx.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.endpointId, endpoint.id))
    expect(deliveries.map((d) => d.type)).toEqual(['poll.vote', 'poll.vote', 'poll.vote', 'poll.vote'])
    const payloads = deliveries.map((d) => JSON.parse(d.payload).data as { phone: string; options: string[] })
    expect(payloads.filter((p) => p.phone === first).map((p) => p.options)).toEqual([['Tarde'], ['Manhã']])

    // The report: counts per option over current votes, and the export of who voted for what.
    const html = await (
      await appFetch(`/campanhas/${f.campaignId}`, { cookie: f.tenant.users.viewer.cookie })
    ).text()
    expect(html).toContain('Resultado da enquete')
    expect(html).toContain('3 pessoas votaram')
    expect(html).toContain('data-testid="campaign-poll-options"')
    const count = (option: string) =>
      new RegExp(`data-option="${option}"[^]*?data-testid="poll-votes">(\\d+)<`).exec(html)?.[1]
    expect([count('Manhã'), count('Tarde'), count('Noite')]).toEqual(['1', '1', '2'])
    const res = await appFetch(`/campanhas/${f.campaignId}/votos`, { cookie: f.tenant.users.viewer.cookie })
    expect(res.status).toBe(200)
    const lines = (await res.text()).split('\r\n').filter((l) => l !== '')
    expect(lines[0]).toContain('Nome;Telefone;Opções escolhidas;Votou em;Votos recebidos')
    expect(lines).toHaveLength(4)
    const lineOf = (phone: string) => lines.find((l) => l.includes(phone.slice(-4)))!
    expect(lineOf(first)).toMatch(/;Manhã;\d{2}\/\d{2}\/\d{4} \d{2}:\d{2};2$/)
    expect(lineOf(second)).toMatch(/;Noite;[^;]+;1$/)
    expect(lineOf(legacyPhone)).toMatch(/;Tarde \| Noite;[^;]+;1$/)
    // LGPD erase: the person's votes go with them (the others stay).
    const erased = await erasePerson(scope(f), { phone: first })
    expect(erased.ok).toBe(true)
    votes = await votesOf(f.campaignId)
    expect(votes.some((v) => v.messageId === rowOf(first).id)).toBe(false)
    expect(votes).toHaveLength(2)
    // A campaign that is not a poll has no votes export.
    const plain = await createEngineFixture({ contacts: 1 })
    const none = await appFetch(`/campanhas/${plain.campaignId}/votos`, {
      cookie: plain.tenant.users.viewer.cookie,
    })
    expect(none.status).toBe(404)
    expect(
      await plain.tenant.ctx.db
        .select()
        .from(pollVotes)
        .where(and(eq(pollVotes.tenantId, plain.tenant.tenantId))),
    ).toHaveLength(0)
  })
})
