/**
 * A contact votes in a poll the session sent (POST /api/sendPoll): the phone's choice is kept on the
 * message and WAHA's `poll.vote` goes out (spec 2026.7.1 `WAHAWebhookPollVote` / `PollVotePayload`;
 * docs how-to/polls): `vote` is the person's vote message — `from` their chat (`@c.us` with the number
 * as their account has it, so a legacy number comes without the 9th digit, or their `@lid`), `to` "me",
 * `selectedOptions` every option chosen at that moment (an empty list takes the vote back), `timestamp`
 * in seconds — and `poll` names the poll message as sent (`true_<chat>_<key>`, `fromMe` true).
 * `failed` sends `poll.vote.failed` instead (WhatsApp could not decrypt the vote: no options).
 * Approximations: a vote from an @lid names the poll in the @lid chat (`true_<lid>_<key>`), as engines do
 * for chats WhatsApp addresses by LID; `vote.id` is a fresh phone key.
 */
import { recipientOf } from './contacts'
import { newPhoneMessageKey } from './ids'
import type { Sim } from './sim-state'
import type { SimMessage, SimSession } from './types'
import { emitEvent } from './webhooks'

export interface VoteInput {
  /** The poll message's serialized id (`true_<chat>_<key>`). */
  pollId: string
  /** The options chosen (their text). */
  options: string[]
  asLid?: boolean
  failed?: boolean
}

/** What a vote did: the poll message, and the event as emitted (tests feed it to Disparo's consumer). */
export interface VoteResult {
  poll: SimMessage
  event: 'poll.vote' | 'poll.vote.failed'
  payload: Record<string, unknown>
}

/** The contact of the poll's chat votes; returns what was emitted, or why not (a sentence). */
export function voteInPoll(sim: Sim, session: SimSession, input: VoteInput): VoteResult | string {
  if (session.status !== 'WORKING')
    return `A sessão '${session.name}' não está conectada (status ${session.status}).`
  const message = session.messages.find((m) => m.id === input.pollId && m.fromMe && m.type === 'poll')
  if (!message?.poll) return `Enquete '${input.pollId}' não existe na sessão '${session.name}'.`
  if (!message.delivered) return 'Esta enquete não chegou ao celular do contato: não dá para votar.'
  const contact = recipientOf(sim, message.chatId)
  if (!contact?.exists) return 'O contato desta enquete não está no WhatsApp.'
  const unknown = input.options.filter((o) => !message.poll?.options.includes(o))
  if (unknown.length > 0) return `A enquete não tem a opção ${unknown.map((o) => `“${o}”`).join(', ')}.`
  const selected = [...new Set(input.options)]
  if (!message.poll.multipleAnswers && selected.length > 1) return 'Esta enquete aceita uma só resposta.'
  const voter = input.asLid ? contact.lid : `${contact.chatDigits}@c.us`
  const pollChat = input.asLid ? contact.lid : message.chatId
  if (!input.failed) message.poll.selected = selected
  const payload = {
    vote: {
      id: `false_${voter}_${newPhoneMessageKey(sim.random)}`,
      selectedOptions: input.failed ? [] : selected,
      timestamp: Math.floor(sim.now() / 1000),
      to: 'me',
      from: voter,
      fromMe: false,
    },
    poll: { id: `true_${pollChat}_${message.key}`, to: pollChat, from: 'me', fromMe: true },
    _data: {},
  }
  const event = input.failed ? 'poll.vote.failed' : 'poll.vote'
  emitEvent(sim, session, event, payload)
  return { poll: message, event, payload }
}
