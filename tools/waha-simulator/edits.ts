/**
 * A contact edits or deletes ("apagar para todos") a message they sent: the simulator changes its chat
 * and emits `message.edited` / `message.revoked` as WAHA does (spec 2026.7.1: `WAMessageEditedBody` is a
 * WAMessage plus `editedMessageId`, the key of the edited message; `WAMessageRevokedBody` is
 * `{revokedMessageId, after, before, _data}`).
 * Approximations: the edit's and the revoke's own ids are fresh phone keys (a real engine names the
 * protocol message WhatsApp sent); `after` of a revoke is that protocol message with an empty body and
 * `before` the message as it was; `_data` is the engine's raw shape of those messages, not the protocol
 * message's real raw form. Only contacts' messages (fromMe false) can be changed here.
 */
import { messagePayload } from './engines'
import { newPhoneMessageKey } from './ids'
import { engineOf, type Sim } from './sim-state'
import type { SimMessage, SimSession } from './types'
import { emitEvent } from './webhooks'

function contactMessage(session: SimSession, messageId: string): SimMessage | string {
  const message = session.messages.find((m) => m.id === messageId)
  if (!message) return `Mensagem '${messageId}' não existe na sessão '${session.name}'.`
  if (message.fromMe) return 'Só mensagens do contato podem ser editadas ou apagadas aqui.'
  if (session.status !== 'WORKING')
    return `A sessão '${session.name}' não está conectada (status ${session.status}).`
  return message
}

/** The contact edits `messageId` to `text`: the chat shows the new text, and `message.edited` goes out. */
export function editContactMessage(sim: Sim, session: SimSession, messageId: string, text: string) {
  const message = contactMessage(session, messageId)
  if (typeof message === 'string') return message
  if (text.trim() === '') return 'O texto novo está vazio.'
  message.body = text
  message.edited = true
  const key = newPhoneMessageKey(sim.random)
  const edit = {
    ...message,
    id: `false_${message.chatId}_${key}`,
    key,
    timestamp: Math.floor(sim.now() / 1000),
  }
  const payload = messagePayload(engineOf(sim, session), edit, session.paired, sim.now())
  emitEvent(sim, session, 'message.edited', { ...payload, editedMessageId: message.key })
  return message
}

/** The contact deletes `messageId` for everyone: the chat shows it deleted, and `message.revoked` goes out. */
export function revokeContactMessage(sim: Sim, session: SimSession, messageId: string) {
  const message = contactMessage(session, messageId)
  if (typeof message === 'string') return message
  const engine = engineOf(sim, session)
  const before = messagePayload(engine, message, session.paired, sim.now())
  const key = newPhoneMessageKey(sim.random)
  const protocol = {
    ...message,
    id: `false_${message.chatId}_${key}`,
    key,
    body: '',
    timestamp: Math.floor(sim.now() / 1000),
  }
  const after = messagePayload(engine, protocol, session.paired, sim.now())
  message.body = ''
  message.revoked = true
  emitEvent(sim, session, 'message.revoked', { revokedMessageId: message.key, after, before, _data: {} })
  return message
}
