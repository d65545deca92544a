import { describe, expect, it } from 'vitest'
import { classifyIPv4, classifyIPv6, parseIPv4, parseIPv6 } from './ip-address'
import { checkOutboundUrl } from './outbound-url'

const prod = { allowPrivate: false }
const dev = { allowPrivate: true }

describe('parseIPv4', () => {
  it('should parse dotted, decimal, octal and hex forms', () => {
    expect(parseIPv4('127.0.0.1')).toBe(0x7f000001)
    expect(parseIPv4('2130706433')).toBe(0x7f000001)
    expect(parseIPv4('0177.0.0.1')).toBe(0x7f000001)
    expect(parseIPv4('0x7f.1')).toBe(0x7f000001)
    expect(parseIPv4('127.1')).toBe(0x7f000001)
    expect(parseIPv4('0x7f000001')).toBe(0x7f000001)
  })

  it('should reject names and out-of-range parts', () => {
    expect(parseIPv4('example.com')).toBeNull()
    expect(parseIPv4('256.0.0.1')).toBeNull()
    expect(parseIPv4('1.2.3.4.5')).toBeNull()
    expect(parseIPv4('1..2')).toBeNull()
    expect(parseIPv4('4294967296')).toBeNull()
    expect(parseIPv4('08.0.0.1')).toBeNull()
  })
})

describe('parseIPv6', () => {
  it('should expand :: and embedded IPv4', () => {
    expect(parseIPv6('[::1]')).toEqual([0, 0, 0, 0, 0, 0, 0, 1])
    expect(parseIPv6('::ffff:127.0.0.1')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x7f00, 1])
    expect(parseIPv6('2001:db8::8:800:200c:417a')).toEqual([0x2001, 0xdb8, 0, 0, 8, 0x800, 0x200c, 0x417a])
    expect(parseIPv6('fe80::1%eth0')).toEqual([0xfe80, 0, 0, 0, 0, 0, 0, 1])
    expect(parseIPv6('1:2:3:4:5:6:7:8')).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
  })

  it('should reject malformed literals', () => {
    expect(parseIPv6('1::2::3')).toBeNull()
    expect(parseIPv6('1:2:3')).toBeNull()
    expect(parseIPv6('12345::')).toBeNull()
    expect(parseIPv6('::ffff:300.0.0.1')).toBeNull()
    expect(parseIPv6('example.com')).toBeNull()
    expect(parseIPv6('1:2:3:4:5:6:7::8')).toBeNull()
  })
})

describe('classify', () => {
  it('should label special-use IPv4 ranges and pass public ones', () => {
    expect(classifyIPv4(parseIPv4('100.64.0.1')!)).toBe('cgnat')
    expect(classifyIPv4(parseIPv4('172.31.255.255')!)).toBe('private')
    expect(classifyIPv4(parseIPv4('172.32.0.1')!)).toBeNull()
    expect(classifyIPv4(parseIPv4('255.255.255.255')!)).toBe('reserved')
    expect(classifyIPv4(parseIPv4('8.8.8.8')!)).toBeNull()
  })

  it('should label special-use IPv6 ranges and pass public ones', () => {
    expect(classifyIPv6(parseIPv6('::')!)).toBe('unspecified')
    expect(classifyIPv6(parseIPv6('fd00::1')!)).toBe('unique-local')
    expect(classifyIPv6(parseIPv6('ff02::1')!)).toBe('multicast')
    expect(classifyIPv6(parseIPv6('64:ff9b::10.0.0.1')!)).toBe('private')
    expect(classifyIPv6(parseIPv6('2002:7f00:1::')!)).toBe('loopback')
    expect(classifyIPv6(parseIPv6('::ffff:8.8.8.8')!)).toBeNull()
    expect(classifyIPv6(parseIPv6('2606:4700:4700::1111')!)).toBeNull()
  })
})

describe('checkOutboundUrl', () => {
  it('should accept public http and https URLs and strip the fragment', () => {
    const result = checkOutboundUrl('  https://waha.exemplo.com.br:3000/api#frag ', prod)
    expect(result.ok).toBe(true)
    if (result.ok) expect(result.url.toString()).toBe('https://waha.exemplo.com.br:3000/api')
    expect(checkOutboundUrl('http://8.8.8.8/', prod).ok).toBe(true)
    expect(checkOutboundUrl('http://[2606:4700:4700::1111]/', prod).ok).toBe(true)
  })

  it.each([
    ['', 'invalid_url'],
    ['not a url', 'invalid_url'],
    ['waha.exemplo.com', 'invalid_url'],
    ['ftp://exemplo.com/', 'unsupported_protocol'],
    ['javascript:alert(1)', 'unsupported_protocol'],
    ['file:///etc/passwd', 'unsupported_protocol'],
    ['https://user:senha@exemplo.com/', 'credentials'],
    ['https://exemplo.com@evil.com/', 'credentials'],
    [`https://exemplo.com/${'a'.repeat(3000)}`, 'invalid_url'],
  ])('should refuse %s with %s', (raw, reason) => {
    const result = checkOutboundUrl(raw, dev)
    expect(result).toMatchObject({ ok: false, reason })
    if (!result.ok) expect(result.message.length).toBeGreaterThan(10)
  })

  it.each([
    'http://127.0.0.1:3000/',
    'http://2130706433/',
    'http://0177.0.0.1/',
    'http://0x7f.1/',
    'http://0x7f000001/',
    'http://10.1.2.3/',
    'http://192.168.0.10/',
    'http://172.16.5.4/',
    'http://169.254.169.254/latest/meta-data',
    'http://100.100.1.1/',
    'http://0.0.0.0/',
    'http://224.0.0.1/',
    'http://[::1]/',
    'http://[::]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:a9fe:a9fe]/',
    'http://[fe80::1]/',
    'http://[fc00::1]/',
    'http://[ff02::1]/',
  ])('should refuse the private address %s in production and allow it in development', (raw) => {
    expect(checkOutboundUrl(raw, prod)).toMatchObject({ ok: false, reason: 'private_address' })
    expect(checkOutboundUrl(raw, dev).ok).toBe(true)
  })

  it.each([
    'http://localhost:3000/',
    'http://LOCALHOST./',
    'http://waha.localhost/',
    'http://metadata.google.internal/',
    'http://impressora.local/',
    'http://waha:3000/',
  ])('should refuse the internal name %s in production and allow it in development', (raw) => {
    expect(checkOutboundUrl(raw, prod)).toMatchObject({ ok: false, reason: 'private_host' })
    expect(checkOutboundUrl(raw, dev).ok).toBe(true)
  })

  it('should not throw on non-string input', () => {
    expect(checkOutboundUrl(undefined as unknown as string, prod)).toMatchObject({ ok: false })
  })
})
