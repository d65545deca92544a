// IP literal parsing and classification for outbound URL checks (docs/design.md §4).
// Pure functions, no DNS: a hostname is only "an IP" when it is written as one. The WHATWG URL parser
// already rewrites legacy IPv4 forms (2130706433, 0177.0.0.1, 0x7f.1) to dotted quads, but the
// parser below accepts them too so the check never depends on who normalised the host first.

/** Parses an IPv4 literal in any inet_aton form (decimal, octal, hex, 1 to 4 parts) to a 32-bit number. */
export function parseIPv4(host: string): number | null {
  const parts = host.split('.')
  if (parts.length > 4 || parts.some((p) => p === '')) return null
  const nums: number[] = []
  for (const part of parts) {
    let value: number
    if (/^0x[0-9a-f]*$/i.test(part)) value = part.length === 2 ? 0 : Number.parseInt(part.slice(2), 16)
    else if (/^0[0-7]+$/.test(part)) value = Number.parseInt(part.slice(1), 8)
    else if (/^(0|[1-9][0-9]*)$/.test(part)) value = Number(part)
    else return null
    if (!Number.isFinite(value)) return null
    nums.push(value)
  }
  const last = nums.pop() ?? 0
  if (nums.some((n) => n > 255)) return null
  if (last >= 256 ** (4 - nums.length)) return null
  let result = last
  nums.forEach((n, i) => {
    result += n * 256 ** (3 - i)
  })
  return result
}

/** Parses an IPv6 literal (with or without brackets, optional embedded IPv4 tail) to eight 16-bit groups. */
export function parseIPv6(input: string): number[] | null {
  let host = input.startsWith('[') && input.endsWith(']') ? input.slice(1, -1) : input
  if (host.includes('%')) host = host.slice(0, host.indexOf('%'))
  if (!/^[0-9a-f:.]+$/i.test(host) || !host.includes(':')) return null
  const lastColon = host.lastIndexOf(':')
  const maybeV4 = host.slice(lastColon + 1)
  if (maybeV4.includes('.')) {
    // Rewrite an embedded IPv4 tail (::ffff:1.2.3.4) as two hex groups.
    if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(maybeV4)) return null
    const [a = 0, b = 0, c = 0, d = 0] = maybeV4.split('.').map(Number)
    if ([a, b, c, d].some((o) => o > 255)) return null
    host = `${host.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`
  }
  const halves = host.split('::')
  if (halves.length > 2) return null
  const toGroups = (s: string): number[] | null => {
    if (s === '') return []
    const groups = s.split(':')
    if (groups.some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return null
    return groups.map((g) => Number.parseInt(g, 16))
  }
  const head = toGroups(halves[0] ?? '')
  const rest = halves.length === 2 ? toGroups(halves[1] ?? '') : []
  if (!head || !rest) return null
  const explicit = head.length + rest.length
  if (halves.length === 1) {
    if (explicit !== 8) return null
    return head
  }
  if (explicit > 7) return null
  return [...head, ...new Array<number>(8 - explicit).fill(0), ...rest]
}

type V4Range = readonly [base: number, prefix: number, label: string]

const ip4 = (a: number, b: number, c: number, d: number) => ((a << 24) >>> 0) + (b << 16) + (c << 8) + d

/** IPv4 ranges that must never be reached from user-given URLs in production. */
const PRIVATE_V4: readonly V4Range[] = [
  [ip4(0, 0, 0, 0), 8, 'unspecified'],
  [ip4(10, 0, 0, 0), 8, 'private'],
  [ip4(100, 64, 0, 0), 10, 'cgnat'],
  [ip4(127, 0, 0, 0), 8, 'loopback'],
  [ip4(169, 254, 0, 0), 16, 'link-local'],
  [ip4(172, 16, 0, 0), 12, 'private'],
  [ip4(192, 0, 0, 0), 24, 'reserved'],
  [ip4(192, 0, 2, 0), 24, 'documentation'],
  [ip4(192, 88, 99, 0), 24, 'reserved'],
  [ip4(192, 168, 0, 0), 16, 'private'],
  [ip4(198, 18, 0, 0), 15, 'benchmark'],
  [ip4(198, 51, 100, 0), 24, 'documentation'],
  [ip4(203, 0, 113, 0), 24, 'documentation'],
  [ip4(224, 0, 0, 0), 4, 'multicast'],
  [ip4(240, 0, 0, 0), 4, 'reserved'],
]

/** Returns the special-use label of an IPv4 address (as a 32-bit number), or null when it is public. */
export function classifyIPv4(addr: number): string | null {
  for (const [base, prefix, label] of PRIVATE_V4) {
    const mask = prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0
    if ((addr & mask) >>> 0 === base) return label
  }
  return null
}

/** Returns the special-use label of an IPv6 address (eight groups), or null when it is public. */
export function classifyIPv6(g: number[]): string | null {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g
  const v4 = ((g6 << 16) >>> 0) + g7
  const zeroTo = (n: number) => g.slice(0, n).every((x) => x === 0)
  if (zeroTo(8)) return 'unspecified'
  if (zeroTo(7) && g7 === 1) return 'loopback'
  if (zeroTo(5) && g5 === 0xffff) return classifyIPv4(v4) // IPv4-mapped ::ffff:a.b.c.d
  if (zeroTo(4) && g4 === 0xffff && g5 === 0) return classifyIPv4(v4) // IPv4-translated ::ffff:0:a.b.c.d
  if (zeroTo(6)) return classifyIPv4(v4) ?? 'ipv4-compatible' // deprecated ::a.b.c.d
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return classifyIPv4(v4)
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 1) return 'nat64-local'
  if (g0 === 0x2002) return classifyIPv4(((g1 << 16) >>> 0) + g2) // 6to4
  if (g0 === 0x0100 && g1 === 0 && g2 === 0 && g3 === 0) return 'discard'
  if (g0 === 0x2001 && g1 === 0x0db8) return 'documentation'
  if ((g0 & 0xfe00) === 0xfc00) return 'unique-local'
  if ((g0 & 0xffc0) === 0xfe80) return 'link-local'
  if ((g0 & 0xffc0) === 0xfec0) return 'site-local'
  if ((g0 & 0xff00) === 0xff00) return 'multicast'
  return null
}
