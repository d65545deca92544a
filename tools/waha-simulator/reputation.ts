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
 * The 463-before-ban order follows the guide's "Reachout Timelock" section. Every number below is a
 * tunable default (reputation-config.ts), not a measurement.
 */
import { recipientOf } from './contacts'
import { failSession } from './lifecycle'
import { defaultReputationConfig, mergeReputationConfig, type ReputationConfig } from './reputation-config'
import type { Sim } from './sim'
import type { ReachoutTimelock, SimSession } from './types'

export type ReputationState = 'ok' | 'restricted-new-contacts' | 'not-delivering' | 'failed'

const COMPONENTS = [
  'speed',
  'noRest',
  'firstContact',
  'identical',
  'badLink',
  'optOut',
  'reply',
  'time',
  'reinstated',
  'manual',
] as const
type Component = (typeof COMPONENTS)[number]

interface ChatMemory {
  /** Own messages WhatsApp accepted for this chat (the audience's per-message index). */
  sent: number
  awaitingReply: boolean
  optedOut: boolean
}

export interface NumberReputation {
  number: string
  value: number
  updatedAt: number
  /** Crossed failBelow; stays true until a restart / re-pair reinstates the number. */
  banned: boolean
  /** The session was really put in FAILED for this ban. */
  banApplied: boolean
  bans: number
  /** Points each cause took (negative) or gave (positive) so far, before clamping to 0–100. */
  components: Record<Component, number>
  counts: {
    sends: number
    refused: number
    undelivered: number
    firstContacts: number
    identical: number
    badLinks: number
    replies: number
    optOuts: number
    ignoredOptOuts: number
  }
  /** Contacts this number exchanged messages with (chat digits or LID). */
  chats: Map<string, ChatMemory>
  recentSends: number[]
  lastSendAt: number | null
  streakStart: number | null
  /** Exact (trimmed) texts sent lately → when and to which chat. */
  texts: Map<string, { at: number; chat: string }[]>
}

export interface ReputationStore {
  config: ReputationConfig
  numbers: Map<string, NumberReputation>
  /** Survives a logout, so a banned session still shows its number. */
  lastNumberBySession: Map<string, string>
}

export function createReputationStore(fast: boolean, options: unknown): ReputationStore {
  const base = defaultReputationConfig(fast)
  const merged = options === undefined ? { config: base } : mergeReputationConfig(base, options)
  if (merged.errors) throw new Error(`waha-simulator: opção reputation inválida: ${merged.errors.join('; ')}`)
  return { config: merged.config, numbers: new Map(), lastNumberBySession: new Map() }
}

/** Both the model and the audience need the send traits; neither on = nothing tracked. */
export const tracking = (sim: Sim) => sim.reputation.config.enabled || sim.reputation.config.audience.enabled

export function numberOf(sim: Sim, session: SimSession): string | null {
  const paired = session.paired?.id.replace(/@.*$/, '')
  if (paired) sim.reputation.lastNumberBySession.set(session.name, paired)
  return paired ?? sim.reputation.lastNumberBySession.get(session.name) ?? null
}

export function recordFor(sim: Sim, number: string): NumberReputation {
  let record = sim.reputation.numbers.get(number)
  if (!record) {
    record = {
      number,
      value: sim.reputation.config.startValue,
      updatedAt: sim.now(),
      banned: false,
      banApplied: false,
      bans: 0,
      components: Object.fromEntries(COMPONENTS.map((c) => [c, 0])) as Record<Component, number>,
      counts: {
        sends: 0,
        refused: 0,
        undelivered: 0,
        firstContacts: 0,
        identical: 0,
        badLinks: 0,
        replies: 0,
        optOuts: 0,
        ignoredOptOuts: 0,
      },
      chats: new Map(),
      recentSends: [],
      lastSendAt: null,
      streakStart: null,
      texts: new Map(),
    }
    sim.reputation.numbers.set(number, record)
  }
  recover(sim, record)
  return record
}

/** Time heals: recoveryPerHour points per hour of the (injectable) clock, up to 100. */
function recover(sim: Sim, record: NumberReputation) {
  const now = sim.now()
  const hours = (now - record.updatedAt) / 3_600_000
  if (hours <= 0) return
  record.updatedAt = now
  if (!sim.reputation.config.enabled) return
  const gain = Math.min(100 - record.value, sim.reputation.config.recoveryPerHour * hours)
  if (gain > 0) change(sim, record, 'time', gain)
}

/** Moves the value (only when the model is on, unless `force`) and keeps it in 0–100. */
function change(sim: Sim, record: NumberReputation, component: Component, points: number, force = false) {
  if ((!sim.reputation.config.enabled && !force) || points === 0) return
  record.components[component] += points
  record.value = Math.min(100, Math.max(0, record.value + points))
}

export function stateOf(
  config: ReputationConfig,
  record: { value: number; banned: boolean },
): ReputationState {
  if (record.banned || record.value < config.thresholds.failBelow) return 'failed'
  if (record.value < config.thresholds.stopDeliveryBelow) return 'not-delivering'
  if (record.value < config.thresholds.restrictNewContactsBelow) return 'restricted-new-contacts'
  return 'ok'
}

/** The contact a chat id stands for: its chat digits, or the id itself when WhatsApp knows none. */
export function contactKeyOf(sim: Sim, chatId: string): string {
  const contact = recipientOf(sim, chatId)
  if (contact) return contact.chatDigits
  return chatId.endsWith('@c.us') ? chatId.slice(0, -'@c.us'.length) : chatId
}

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()

/** WhatsApp users' usual ways of saying "stop" (CONTRACT §7 opt-out detection), accents ignored. */
export function isOptOut(text: string): boolean {
  const words = fold(text)
    .replace(/[^a-z ]+/g, ' ')
    .trim()
    .replace(/\s+/g, ' ')
  return /^(sair|parar|pare|stop|cancelar|descadastrar|remover|nao quero mais|nao quero mais receber)$/.test(
    words,
  )
}

/** http:// links, or links to one of badLinkHosts (with or without a scheme). */
export function hasBadLink(text: string, hosts: string[]): boolean {
  for (const match of text.matchAll(/(https?:\/\/)?((?:[a-z0-9-]+\.)+[a-z]{2,})(?=[/\s:?#)]|$)/gi)) {
    if (match[1]?.toLowerCase() === 'http://') return true
    const host = match[2]!.toLowerCase().replace(/^www\./, '')
    if (hosts.some((bad) => host === bad || host.endsWith(`.${bad}`))) return true
  }
  return false
}

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
  const named =
    !!attempt.contactName &&
    new RegExp(`\\b${escapeRegex(fold(attempt.contactName))}\\b`).test(fold(attempt.text))
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

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

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

const round = (value: number) => Math.round(value * 100) / 100

/** What GET /_sim/reputation and the phone page show for a session. */
export function sessionReputation(sim: Sim, session: SimSession) {
  const number = numberOf(sim, session)
  const record = number ? sim.reputation.numbers.get(number) : undefined
  if (record) recover(sim, record)
  const value = record?.value ?? sim.reputation.config.startValue
  return {
    session: session.name,
    status: session.status,
    number,
    value: round(value),
    state: stateOf(sim.reputation.config, { value, banned: record?.banned ?? false }),
    banned: record?.banned ?? false,
    bans: record?.bans ?? 0,
    components: Object.fromEntries(COMPONENTS.map((c) => [c, round(record?.components[c] ?? 0)])),
    counts: record ? { ...record.counts, contacts: record.chats.size } : null,
  }
}
