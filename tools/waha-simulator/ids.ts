/**
 * Identifier formats WAHA uses: event ids (`evt_` + lower-case ULID), message keys, webhook request
 * ids, QR values and pairing codes; plus a stable hash for the simulator's deterministic rules.
 */
import { createHash, randomUUID } from 'node:crypto'

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz'

/** `evt_` + lower-case ULID (48-bit ms time + 80 random bits). */
export function newEventId(now: number, random: () => number): string {
  let time = ''
  let t = now
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32] + time
    t = Math.floor(t / 32)
  }
  let rand = ''
  for (let i = 0; i < 16; i++) rand += CROCKFORD[Math.floor(random() * 32)]
  return `evt_${time}${rand}`
}

function hex(count: number, random: () => number): string {
  let out = ''
  for (let i = 0; i < count; i++) out += '0123456789ABCDEF'[Math.floor(random() * 16)]
  return out
}

/** Own message key, whatsmeow style: `3EB0` + 16 upper-case hex (e.g. 3EB0C767D26A1D2F8E4A). */
export const newOwnMessageKey = (random: () => number) => `3EB0${hex(16, random)}`

/** Key of a message typed on a phone (e.g. 3A8E1EBFE4943CA06D82). */
export const newPhoneMessageKey = (random: () => number) => `3A${hex(18, random)}`

/** X-Webhook-Request-Id: uuid4 without dashes (WAHA's Plus sender). */
export const newRequestId = () => randomUUID().replaceAll('-', '')

const QR_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

function b64ish(count: number, random: () => number): string {
  let out = ''
  for (let i = 0; i < count; i++) out += QR_ALPHABET[Math.floor(random() * 64)]
  return out
}

/** The string WhatsApp Web encodes in its QR: `2@ref,noiseKey=,identityKey=,advSecret=`. */
export function newQrValue(random: () => number): string {
  return `2@${b64ish(36, random)},${b64ish(43, random)}=,${b64ish(43, random)}=,${b64ish(43, random)}=`
}

/** Pairing code as WhatsApp shows it: `ABCD-EFGH`. */
export function newPairingCode(random: () => number): string {
  const letters = 'ABCDEFGHJKLMNPQRSTVWXYZ123456789'
  let code = ''
  for (let i = 0; i < 8; i++) code += letters[Math.floor(random() * letters.length)]
  return `${code.slice(0, 4)}-${code.slice(4)}`
}

/** Stable number in [0, 1) for a string, for rules that must not change between runs. */
export function hash01(text: string): number {
  const digest = createHash('sha256').update(text).digest()
  return digest.readUInt32BE(0) / 2 ** 32
}

/** Stable decimal digits for a string (LIDs, default phone of a paired session). */
export function hashDigits(text: string, count: number): string {
  const digest = createHash('sha256').update(text).digest()
  let out = ''
  for (let i = 0; out.length < count; i++) out += (digest[i % digest.length]! % 10).toString()
  return out
}
