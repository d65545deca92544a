import { describe, expect, it } from 'vitest'
import { findLinks, isSafeRedirectTarget, rewriteLinks } from './links'

const track = (_url: string, i: number) => `https://d.io/l/t${i}`

describe('rewriteLinks', () => {
  it.each([
    ['Veja https://loja.com.br/promo.', 'Veja https://d.io/l/t0.', ['https://loja.com.br/promo']],
    ['(https://a.com/x)', '(https://d.io/l/t0)', ['https://a.com/x']],
    [
      'https://en.wikipedia.org/wiki/Foo_(bar)!',
      'https://d.io/l/t0!',
      ['https://en.wikipedia.org/wiki/Foo_(bar)'],
    ],
    [
      'a http://a.com, b https://b.com?x=1&y=2; c',
      'a https://d.io/l/t0, b https://d.io/l/t1; c',
      ['http://a.com', 'https://b.com?x=1&y=2'],
    ],
    ['*https://a.com*', '*https://d.io/l/t0*', ['https://a.com']],
    ['"https://a.com/q?a=b"', '"https://d.io/l/t0"', ['https://a.com/q?a=b']],
    ['HTTPS://A.COM/X', 'https://d.io/l/t0', ['HTTPS://A.COM/X']],
    [
      'dup https://a.com https://a.com',
      'dup https://d.io/l/t0 https://d.io/l/t1',
      ['https://a.com', 'https://a.com'],
    ],
    ['linha\nhttps://a.com/p#frag\nfim', 'linha\nhttps://d.io/l/t0\nfim', ['https://a.com/p#frag']],
    ['https://a.com:8080/x...', 'https://d.io/l/t0...', ['https://a.com:8080/x']],
  ])('should rewrite %j', (text, out, urls) => {
    const result = rewriteLinks(text, track)
    expect(result.text).toBe(out)
    expect(result.links).toEqual(urls.map((url, index) => ({ index, url })))
  })

  it.each([
    'foohttps://a.com',
    'ftp://a.com',
    'javascript:alert(1)',
    'www.a.com sem esquema',
    'https://',
    'https:// espaço',
    'email@https://a.com',
    'sem links',
    '',
  ])('should leave %j alone', (text) => {
    const result = rewriteLinks(text, track)
    expect(result).toEqual({ text, links: [] })
  })

  it('should pass the original URL and index to makeUrl', () => {
    const calls: Array<[string, number]> = []
    rewriteLinks('x https://a.com y https://b.com/ z', (u, i) => {
      calls.push([u, i])
      return '#'
    })
    expect(calls).toEqual([
      ['https://a.com', 0],
      ['https://b.com/', 1],
    ])
  })

  it('should report positions', () => {
    expect(findLinks('ab https://a.com.')).toEqual([{ index: 0, url: 'https://a.com', start: 3, end: 16 }])
  })
})

describe('isSafeRedirectTarget', () => {
  it.each([
    ['https://loja.com.br/promo?x=1', true],
    ['http://a.com', true],
    ['HTTPS://A.COM/', true],
    ['https://a.com/caminho%20com%20espaço', true],
    ['javascript:alert(1)', false],
    ['data:text/html,<script>', false],
    ['ftp://a.com', false],
    ['//evil.com', false],
    ['/relative', false],
    ['https://user:pass@a.com', false],
    ['https://a.com@evil.com', false],
    ['https:evil.com', false],
    ['https:\\\\evil.com', false],
    ['https://a.com/\nx', false],
    [' https://a.com', false],
    ['https://a.com/\u0000', false],
    ['', false],
    ['not a url', false],
    [`https://a.com/${'x'.repeat(5000)}`, false],
  ])('should judge %j safe: %s', (url, safe) => {
    expect(isSafeRedirectTarget(url)).toBe(safe)
  })

  it('should reject non-strings', () => {
    expect(isSafeRedirectTarget(undefined as unknown as string)).toBe(false)
  })
})
