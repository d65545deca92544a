/**
 * The text and contact signals the reputation model reads: who a chat id is, opt-out words, bad
 * links, whether a text names the contact.
 */
import { recipientOf } from './contacts'
import type { Sim } from './sim-state'

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

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The contact's first name appears in the text as a word (accents and case ignored). */
export function mentionsName(text: string, name: string | undefined): boolean {
  return !!name && new RegExp(`\\b${escapeRegex(fold(name))}\\b`).test(fold(text))
}
