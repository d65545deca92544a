// Phone (E.164) <-> WAHA chat id (CONTRACT §1, §6); Brazil's 9th-digit variants come from app/core/phone.
// `+5511987654321` <-> `5511987654321@c.us`.

import { brazilPhoneVariants } from '../phone/ninth-digit'

/** What a chat id points at. */
export type ChatIdKind = 'user' | 'lid' | 'group' | 'newsletter' | 'broadcast' | 'unknown'

const E164 = /^\+[1-9]\d{7,14}$/

/** True for a strict E.164 phone (`+` and 8 to 15 digits). */
function isE164(phone: string): boolean {
  return E164.test(phone)
}

/** E.164 phone -> WAHA chat id (`5511987654321@c.us`); null when the phone is not E.164. */
export function phoneToChatId(phone: string): string | null {
  const trimmed = phone.trim()
  return isE164(trimmed) ? `${trimmed.slice(1)}@c.us` : null
}

/** WAHA chat id (`@c.us`, or the internal `@s.whatsapp.net` with a device suffix) -> E.164; null otherwise. */
export function chatIdToPhone(chatId: string): string | null {
  const match = /^(\d{8,15})(?::\d+)?@(c\.us|s\.whatsapp\.net)$/.exec(chatId.trim())
  return match ? `+${match[1]}` : null
}

/** Classifies a chat id by its suffix. */
export function chatIdKind(chatId: string): ChatIdKind {
  if (chatId === 'status@broadcast' || chatId.endsWith('@broadcast')) return 'broadcast'
  if (/^\d+@(c\.us|s\.whatsapp\.net)$/.test(chatId) || /^\d+:\d+@s\.whatsapp\.net$/.test(chatId))
    return 'user'
  if (/^\d+@lid$/.test(chatId)) return 'lid'
  if (/^[\d-]+@g\.us$/.test(chatId)) return 'group'
  if (/@newsletter$/.test(chatId)) return 'newsletter'
  return 'unknown'
}

/** True for a chat id we may send a campaign message to (a user by phone or by LID). */
export function isSendableChatId(chatId: string): boolean {
  const kind = chatIdKind(chatId)
  return (kind === 'user' && chatId.endsWith('@c.us')) || kind === 'lid'
}

/** Chat ids to try for a phone, the given form first (check-exists decides which is real). */
export function chatIdVariants(phone: string): string[] {
  return brazilPhoneVariants(phone)
    .map(phoneToChatId)
    .filter((id): id is string => id !== null)
}
