// The address a login attempt is counted against (decision 012): the client's IP as Cloudflare reports
// it, with IPv6 reduced to its /64 (one subscriber usually holds a whole /64, so counting single IPv6
// addresses would give an attacker billions of fresh counters).

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/
const HEXTET = /^[0-9a-f]{1,4}$/

function ipv4(text: string): string | null {
  const m = IPV4.exec(text)
  if (!m) return null
  const parts = m.slice(1).map(Number)
  return parts.every((p) => p <= 255) ? parts.join('.') : null
}

/** The eight hextets of an IPv6 address (zone and embedded IPv4 handled), or null when it is not one. */
function ipv6Hextets(text: string): number[] | null {
  let v = text.split('%')[0] ?? ''
  const tail4 = /:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(v)
  if (tail4) {
    const four = ipv4(tail4[1] ?? '')
    if (!four) return null
    const [a, b, c, d] = four.split('.').map(Number) as [number, number, number, number]
    v = `${v.slice(0, tail4.index)}:${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`
  }
  const halves = v.split('::')
  if (halves.length > 2) return null
  const side = (s: string | undefined) => (s ? s.split(':') : [])
  const head = side(halves[0])
  const tail = side(halves[1])
  if (![...head, ...tail].every((h) => HEXTET.test(h))) return null
  const missing = 8 - head.length - tail.length
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null
  return [...head, ...Array<string>(halves.length === 1 ? 0 : missing).fill('0'), ...tail].map((h) =>
    Number.parseInt(h, 16),
  )
}

/**
 * Normalises a client IP for throttling: IPv4 as is, IPv4-mapped IPv6 as IPv4, other IPv6 as its /64
 * prefix ("2001:db8:1:2::/64"). Anything unreadable is kept (trimmed, lower-cased, at most 64 chars),
 * so it is still counted; null only when there is no address at all.
 */
export function loginAddress(ip: string | null | undefined): string | null {
  const text = ip?.trim().toLowerCase()
  if (!text) return null
  const four = ipv4(text)
  if (four) return four
  const hextets = ipv6Hextets(text)
  if (!hextets) return text.slice(0, 64)
  if (hextets.slice(0, 5).every((h) => h === 0) && hextets[5] === 0xffff) {
    const [hi = 0, lo = 0] = hextets.slice(6)
    return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.')
  }
  return `${hextets
    .slice(0, 4)
    .map((h) => h.toString(16))
    .join(':')}::/64`
}
