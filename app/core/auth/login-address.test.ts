import { describe, expect, it } from 'vitest'
import { loginAddress } from './login-address'

describe('loginAddress', () => {
  it.each([
    ['203.0.113.9', '203.0.113.9'],
    [' 203.0.113.9 ', '203.0.113.9'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:DB8:1:2::abcd', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['2001:0db8:0000:0002:ffff:ffff:ffff:ffff', '2001:db8:0:2::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::ffff:198.51.100.7', '198.51.100.7'],
    ['::1', '0:0:0:0::/64'],
  ])('should count %s as %s', (ip, expected) => {
    expect(loginAddress(ip)).toBe(expected)
  })

  it('should give two addresses of the same /64 the same counter and another /64 its own', () => {
    expect(loginAddress('2001:db8:aa:bb::1')).toBe(loginAddress('2001:db8:aa:bb:ffff::2'))
    expect(loginAddress('2001:db8:aa:bb::1')).not.toBe(loginAddress('2001:db8:aa:bc::1'))
  })

  it('should keep unreadable values (still counted) and give null only when there is none', () => {
    expect(loginAddress('999.1.1.1')).toBe('999.1.1.1')
    expect(loginAddress('1:2:3')).toBe('1:2:3')
    expect(loginAddress('x'.repeat(200))).toHaveLength(64)
    expect(loginAddress('')).toBeNull()
    expect(loginAddress(null)).toBeNull()
  })
})
