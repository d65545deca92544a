import { describe, expect, it } from 'vitest'
import { safeRedirectTarget } from './redirects'

const here = 'https://disparo.test/login?redirectTo=x'

describe('safeRedirectTarget', () => {
  it.each([
    ['/campanhas', '/campanhas'],
    ['/campanhas/cmp_1?aba=relatorio#envios', '/campanhas/cmp_1?aba=relatorio#envios'],
    ['https://disparo.test/equipe', '/equipe'],
    ['/a/../equipe', '/equipe'],
    ['/busca?q=São Paulo', '/busca?q=S%C3%A3o%20Paulo'],
    // Same scheme without slashes is relative to our own origin in every browser.
    ['https:evil.example', '/evil.example'],
  ])('should keep the same-origin path %s', (to, expected) => {
    expect(safeRedirectTarget(to, here)).toBe(expected)
  })

  it.each([
    ['//evil.example'],
    ['/\\evil.example'],
    ['\\\\evil.example'],
    ['/\t/evil.example'],
    ['/\n/evil.example'],
    ['/\r\n/evil.example'],
    ['/campanhas\r\nSet-Cookie: x=1'],
    ['https://evil.example/'],
    ['http://disparo.test/'],
    ['https://disparo.test.evil.example/'],
    ['javascript:alert(1)'],
    ['data:text/html,<script>alert(1)</script>'],
    ['//disparo.test@evil.example'],
    ['https://disparo.test:8443/'],
    [''],
    [null],
    [undefined],
    [42],
    [`/${'a'.repeat(2001)}`],
  ])('should send unsafe target %# to the home page', (to) => {
    expect(safeRedirectTarget(to, here)).toBe('/')
  })

  it('should use the fallback given', () => {
    expect(safeRedirectTarget('//evil.example', here, '/login')).toBe('/login')
  })
})
