// Brazil's 9th digit (one of the phone rules in app/core/phone). Brazilian mobiles gained a leading 9
// in 2012-2016, but accounts registered before keep a WhatsApp id without it (`551187654321@c.us`);
// check-exists tells which one is real, and incoming messages may use either form, so matching uses a
// canonical key.

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
