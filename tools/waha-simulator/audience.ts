/**
 * The simulated audience: with `reputation.audience.enabled`, each contact that really received a
 * message may answer by itself, so the protection loop can close with no human at the phone page.
 * One draw per delivered message decides: opt-out ("SAIR", "PARAR", "Não quero mais"), a reply,
 * or silence. The reply arrives after a delay as a real `message` + `message.any` webhook from the
 * contact (injectReply, exactly like the phone page's "Responder").
 *
 * WHERE IT APPROXIMATES: the chances are tunable defaults, not measurements. Personal texts (the
 * contact's first name, or a text no other chat got) are answered more; identical mass texts less;
 * each careless trait (fast, identical, impersonal) adds to the opt-out chance. Every choice is a
 * hash of (seed, number, contact, n-th message to that contact), so the same seed and the same
 * sends give the same answers whatever the timing or order of other events.
 */
import { recipientOf } from './contacts'
import { injectReply } from './delivery'
import { hash01 } from './ids'
import type { SendVerdict } from './reputation'
import { numberOf, recordFor } from './reputation-store'
import type { Sim } from './sim-state'
import type { SimMessage, SimSession } from './types'

export const OPT_OUT_TEXTS = ['SAIR', 'PARAR', 'Não quero mais']
export const REPLY_TEXTS = [
  'Oi! Tenho interesse, pode me mandar mais detalhes?',
  'Quanto custa?',
  'Obrigado!',
  'Ainda está valendo?',
  'Legal, vou dar uma olhada.',
]

export type AudienceAnswer = { kind: 'reply' | 'opt-out'; text: string; delayMs: number } | null

/** The chances for one send, after the careless traits. */
export function answerChances(sim: Sim, verdict: Pick<SendVerdict, 'fast' | 'identical' | 'personal'>) {
  const a = sim.reputation.config.audience
  const reply =
    (verdict.personal ? a.replyPersonal : a.replyImpersonal) *
    (verdict.identical ? a.identicalReplyFactor : 1)
  const flags = Number(verdict.fast) + Number(verdict.identical) + Number(!verdict.personal)
  return { reply, optOut: a.optOutBase + a.optOutPerFlag * flags }
}

/** What the contact will do about the `index`-th message this number sent it. */
export function decideAnswer(
  sim: Sim,
  number: string,
  contactKey: string,
  index: number,
  verdict: Pick<SendVerdict, 'fast' | 'identical' | 'personal'>,
): AudienceAnswer {
  const { seed, audience } = sim.reputation.config
  const key = `${seed}|${number}|${contactKey}|${index}`
  const chances = answerChances(sim, verdict)
  const draw = hash01(`audience:${key}`)
  const pickText = (texts: string[]) => texts[Math.floor(hash01(`text:${key}`) * texts.length)]!
  const { min, max } = audience.replyDelayMs
  const delayMs = Math.round(min + hash01(`delay:${key}`) * (max - min))
  if (draw < chances.optOut) return { kind: 'opt-out', text: pickText(OPT_OUT_TEXTS), delayMs }
  if (draw < chances.optOut + chances.reply) return { kind: 'reply', text: pickText(REPLY_TEXTS), delayMs }
  return null
}

/** After WhatsApp accepted `message`: if its contact got it, maybe schedule their answer. */
export function scheduleAudienceAnswer(
  sim: Sim,
  session: SimSession,
  message: SimMessage,
  verdict: SendVerdict,
) {
  if (!sim.reputation.config.audience.enabled || !message.delivered) return
  const contact = recipientOf(sim, message.chatId)
  const number = numberOf(sim, session)
  if (!contact || contact.acks === 'none' || !number) return // a phone that never acks never reads
  const chat = recordFor(sim, number).chats.get(verdict.contactKey)
  if (!chat || chat.optedOut) return // who said SAIR stays silent
  const answer = decideAnswer(sim, number, verdict.contactKey, chat.sent, verdict)
  if (!answer) return
  const type = () => {
    const result = injectReply(sim, session, { from: `${contact.chatDigits}@c.us`, text: answer.text })
    if (typeof result === 'string') sim.log(`[waha-sim] audience answer dropped: ${result}`)
  }
  sim.scheduler.after(answer.delayMs, () => {
    if (sim.sessions.get(session.name) !== session) return
    // The phone sends it when the number is back online, like acks after a reconnect.
    if (session.status === 'WORKING') type()
    else session.pending.push(type)
  })
}
