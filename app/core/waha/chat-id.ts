// Phone (E.164) <-> WAHA chat id, and Brazil's 9th-digit variants (CONTRACT §1, §6).
// `+5511987654321` <-> `5511987654321@c.us`. Brazilian mobiles gained a leading 9 in 2012-2016, but
// accounts registered before keep a JID without it (`551187654321@c.us`); check-exists tells which
// one is real, and incoming messages may use either form, so matching uses a canonical key.

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

interface BrazilParts {
  ddd: string
  local: string
}

function brazilParts(phone: string): BrazilParts | null {
  const match = /^\+55([1-9][1-9])(\d{8,9})$/.exec(phone)
  if (!match?.[1] || !match[2]) return null
  return { ddd: match[1], local: match[2] }
}

/**
 * Both forms of a Brazilian mobile, the given one first: `+5511987654321` -> [it, `+551187654321`];
 * `+551187654321` (legacy, first digit 6-9) -> [it, `+5511987654321`]. Other numbers -> [phone].
 */
export function brazilPhoneVariants(phone: string): string[] {
  const parts = brazilParts(phone)
  if (!parts) return [phone]
  const { ddd, local } = parts
  if (local.length === 9 && local.startsWith('9') && /^[6-9]/.test(local.slice(1))) {
    return [phone, `+55${ddd}${local.slice(1)}`]
  }
  if (local.length === 8 && /^[6-9]/.test(local)) return [phone, `+55${ddd}9${local}`]
  return [phone]
}

/** Canonical form for matching: Brazilian mobiles always with the 9th digit; others unchanged. */
export function canonicalPhone(phone: string): string {
  const parts = brazilParts(phone)
  if (parts && parts.local.length === 8 && /^[6-9]/.test(parts.local)) return `+55${parts.ddd}9${parts.local}`
  return phone
}

/** True when two E.164 phones are the same line (Brazil: with or without the 9th digit). */
export function samePhone(a: string, b: string): boolean {
  return canonicalPhone(a) === canonicalPhone(b)
}

/** Chat ids to try for a phone, the given form first (check-exists decides which is real). */
export function chatIdVariants(phone: string): string[] {
  return brazilPhoneVariants(phone)
    .map(phoneToChatId)
    .filter((id): id is string => id !== null)
}
