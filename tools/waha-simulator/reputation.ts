/**
 * The number's reputation: how WhatsApp might see a number that sends carelessly. Each number
 * (the paired phone, so a re-paired session keeps its record) has a value 0–100 that falls with
 * speed, sending without rest, first contacts, identical texts, bad links and opt-outs, and rises
 * with replies and with time. Below the thresholds the number is restricted for new contacts
 * (500 "error 463"), then stops delivering (acks stay at SERVER), then is banned (FAILED, logged
 * out by default) until someone restarts or re-pairs it.
 *
 * WHERE IT APPROXIMATES: WhatsApp publishes no formula and there is no public ground truth. The
 * signals come from WAHA's "How to Avoid Blocking" guide
 * (https://waha.devlike.pro/docs/overview/how-to-avoid-blocking/, read in devlikeapro/waha-docs):
 * never initiate / only reply, do not send too many at once, random 30–60 s between messages
 * (hence 2 per minute), pause between "packages" and no 24/7 sending (the rest streak), vary the
 * text and include the first name (identical texts), avoid non-HTTPS and previously spammed links
 * (bad links), being reported as spam 5–10 times gets you banned (opt-outs weigh most), engaging
 * in conversations makes the number stronger (replies), and "think about it like a points system"
 * (this value). The guide calls a shortener "a good idea"; public shorteners are counted as bad
 * links here because their domains are the ones most often marked as spam (badLinkHosts, tunable).
 * The 463-before-ban order follows the guide's "Reachout Timelock" section. Every number is a
 * tunable default (reputation-config.ts), not a measurement.
 */
import { failSession } from './lifecycle'
import { contactKeyOf, hasBadLink, isOptOut, mentionsName } from './reputation-signals'
import {
  change,
  type NumberReputation,
  numberOf,
  recordFor,
  recover,
  stateOf,
  tracking,
} from './reputation-store'
import type { Sim } from './sim-state'
import type { ReachoutTimelock, SimSession } from './types'

export interface SendAttempt {
  chatId: string
  /** Text or caption. */
  text: string
  /** Images: what makes two of them "the same" (size of the file). */
  mediaKey?: string
  /** The contact's first name (pushName) as the simulated directory knows it. */
  contactName?: string
}

export interface SendVerdict {
  /** 500 "error 463": a new contact while the number is restricted. */
  refuse: boolean
  /** Accepted, but acks stay at SERVER. */
  undelivered: boolean
  contactKey: string
  /** Careless traits of this send (the audience's opt-out chance grows with them). */
  fast: boolean
  identical: boolean
  personal: boolean
}

/**
 * Every send WhatsApp sees (accepted or refused with 463) goes through here. The outcome follows
 * the standing the number had before this send; then the send's own costs are taken. Null when
 * neither the model nor the audience is on, or the session has no number.
 */
export function assessSend(sim: Sim, session: SimSession, attempt: SendAttempt): SendVerdict | null {
  if (!tracking(sim)) return null
  const number = numberOf(sim, session)
  if (!number) return null
  const { config } = sim.reputation
  const record = recordFor(sim, number)
  const now = sim.now()
  const contactKey = contactKeyOf(sim, attempt.chatId)
  const chat = record.chats.get(contactKey)
  const state = config.enabled ? stateOf(config, record) : 'ok'
  const refuse = !chat && state !== 'ok'
  const undelivered = state === 'not-delivering' || state === 'failed'
  const { limits, weights } = config

  // Speed: more than `perMinute` sends in the last 60 s.
  record.recentSends = record.recentSends.filter((at) => now - at < 60_000)
  record.recentSends.push(now)
  const fast = record.recentSends.length > limits.perMinute
  if (fast) change(sim, record, 'speed', -weights.speed)

  // No rest: a streak of sends with no gap of `restMinutes`, longer than `streakMinutes`.
  if (record.lastSendAt === null || now - record.lastSendAt >= limits.restMinutes * 60_000)
    record.streakStart = now
  record.lastSendAt = now
  if (now - (record.streakStart ?? now) > limits.streakMinutes * 60_000)
    change(sim, record, 'noRest', -weights.noRest)

  // Identical texts: exactly this text (trimmed) went to `identicalChats` other chats lately.
  const textKey = `${attempt.mediaKey ?? ''}|${attempt.text.trim()}`
  const windowMs = limits.identicalWindowMinutes * 60_000
  const seen = (record.texts.get(textKey) ?? []).filter((entry) => now - entry.at < windowMs)
  const otherChats = new Set(seen.filter((entry) => entry.chat !== contactKey).map((entry) => entry.chat))
  const identical = otherChats.size >= limits.identicalChats && attempt.text.trim() !== ''
  if (identical) {
    record.counts.identical++
    change(sim, record, 'identical', -weights.identical)
  }
  seen.push({ at: now, chat: contactKey })
  record.texts.set(textKey, seen)
  if (record.texts.size > 5000) pruneTexts(record, now, windowMs)
  const named = mentionsName(attempt.text, attempt.contactName)
  const personal = named || otherChats.size === 0

  // First contact: a chat this number never exchanged a message with ("never initiate").
  if (!chat) {
    record.counts.firstContacts++
    change(sim, record, 'firstContact', -weights.firstContact)
  }
  if (hasBadLink(attempt.text, config.badLinkHosts)) {
    record.counts.badLinks++
    change(sim, record, 'badLink', -weights.badLink)
  }
  // Writing again to someone who said SAIR: they report it, as an opt-out costs.
  if (chat?.optedOut) {
    record.counts.ignoredOptOuts++
    change(sim, record, 'optOut', -weights.optOut)
  }

  if (refuse) record.counts.refused++
  else {
    record.counts.sends++
    if (undelivered) record.counts.undelivered++
    const memory = chat ?? { sent: 0, awaitingReply: false, optedOut: false }
    memory.sent++
    memory.awaitingReply = true
    record.chats.set(contactKey, memory)
  }
  enforceBan(sim, record)
  return { refuse, undelivered, contactKey, fast, identical, personal }
}

function pruneTexts(record: NumberReputation, now: number, windowMs: number) {
  for (const [key, entries] of record.texts) {
    const kept = entries.filter((entry) => now - entry.at < windowMs)
    if (kept.length === 0) record.texts.delete(key)
    else record.texts.set(key, kept)
  }
}

/** A contact wrote to this number: a reply earns points, an opt-out costs them. */
export function onInbound(sim: Sim, session: SimSession, contactKey: string, text: string) {
  if (!tracking(sim)) return
  const number = numberOf(sim, session)
  if (!number) return
  const record = recordFor(sim, number)
  const chat = record.chats.get(contactKey) ?? { sent: 0, awaitingReply: false, optedOut: false }
  record.chats.set(contactKey, chat)
  if (isOptOut(text)) {
    chat.awaitingReply = false
    if (chat.optedOut) return
    chat.optedOut = true
    record.counts.optOuts++
    change(sim, record, 'optOut', -sim.reputation.config.weights.optOut)
    enforceBan(sim, record)
    return
  }
  // Only an answer to our own message counts, once per message (no pumping by chatting alone).
  if (!chat.awaitingReply) return
  chat.awaitingReply = false
  record.counts.replies++
  change(sim, record, 'reply', sim.reputation.config.weights.reply)
}

/** Below failBelow the number is banned: its WORKING sessions fail just after the SERVER ack. */
function enforceBan(sim: Sim, record: NumberReputation) {
  const { config } = sim.reputation
  if (!config.enabled || record.banned || record.value >= config.thresholds.failBelow) return
  record.banned = true
  for (const session of sim.sessions.values()) {
    if (session.status === 'WORKING' && numberOf(sim, session) === record.number)
      scheduleBan(sim, session, record)
  }
}

function scheduleBan(sim: Sim, session: SimSession, record: NumberReputation) {
  const epoch = session.epoch
  // Just after the send's SERVER ack (same-delay timers run in order; +1 keeps the ack first).
  sim.scheduler.after(sim.settings.timings.serverAckMs + 1, () => {
    // A restart or stop meanwhile: the next WORKING applies it (reputationOnWorking).
    if (sim.sessions.get(session.name) !== session || session.epoch !== epoch) return
    if (!record.banned || record.banApplied || session.status !== 'WORKING') return
    record.banApplied = true
    record.bans++
    sim.log(
      `[waha-sim] reputation: ${record.number} banned (${record.value.toFixed(1)}), session ${session.name}`,
    )
    failSession(sim, session, sim.reputation.config.banAs === 'logged-out')
  })
}

/** Session hook: WORKING again after a ban reinstates the number; a pending ban is applied now. */
export function reputationOnWorking(sim: Sim, session: SimSession) {
  if (!sim.reputation.config.enabled) return
  const number = numberOf(sim, session)
  const record = number ? sim.reputation.numbers.get(number) : undefined
  if (!record?.banned) return
  if (!record.banApplied) {
    scheduleBan(sim, session, record)
    return
  }
  recover(sim, record)
  record.banned = false
  record.banApplied = false
  const lift = sim.reputation.config.reinstateValue - record.value
  if (lift > 0) change(sim, record, 'reinstated', lift)
}

/** Control API: sets a number's value (consequences follow, as for any other change). */
export function setReputation(sim: Sim, number: string, value: number) {
  const record = recordFor(sim, number)
  change(sim, record, 'manual', value - record.value, true)
  if (record.banned && !record.banApplied && value >= sim.reputation.config.thresholds.failBelow)
    record.banned = false
  enforceBan(sim, record)
  return record
}

/** WAHA's me.reachoutTimelock for a restricted number: active until time would lift it. */
export function reputationTimelock(sim: Sim, session: SimSession): ReachoutTimelock | null {
  const { config } = sim.reputation
  const number = numberOf(sim, session)
  const record = config.enabled && number ? sim.reputation.numbers.get(number) : undefined
  if (!record) return null
  recover(sim, record)
  if (stateOf(config, record) === 'ok') return null
  const missing = config.thresholds.restrictNewContactsBelow - record.value
  const hours = config.recoveryPerHour > 0 ? missing / config.recoveryPerHour : 7 * 24
  return {
    enforcementType: 'RESTRICT_ALL_COMPANIONS',
    isActive: true,
    timeEnforcementEnds: Math.ceil(sim.now() / 1000 + hours * 3600),
  }
}
