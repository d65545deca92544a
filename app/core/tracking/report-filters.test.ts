import { describe, expect, it } from 'vitest'
import { likePattern } from '../db/like'
import { filterQuery, isFiltered, parseRowFilters, phoneDigits } from './report-filters'

describe('filters', () => {
  it('should read valid filters and ignore malformed ones', () => {
    expect(parseRowFilters(new URLSearchParams('status=read&sessao=wses_1&q=%20Ana%20&depois=50'))).toEqual({
      status: 'read',
      activity: null,
      sessionId: 'wses_1',
      q: 'Ana',
      after: 50,
      before: null,
    })
    expect(
      parseRowFilters(
        new URLSearchParams(`status=hacked&sessao=a'b&depois=-1&antes=1e9&q=${'x'.repeat(300)}`),
      ),
    ).toEqual({ status: null, activity: null, sessionId: null, q: 'x'.repeat(40), after: null, before: null })
  })

  it('should read what the person did and keep it in the page links', () => {
    expect(parseRowFilters(new URLSearchParams('acao=clicou')).activity).toBe('clicked')
    expect(parseRowFilters(new URLSearchParams('acao=respondeu')).activity).toBe('replied')
    expect(parseRowFilters(new URLSearchParams('acao=saiu')).activity).toBe('optedOut')
    for (const bad of ['toString', '__proto__', 'clicked', 'x'])
      expect(parseRowFilters(new URLSearchParams(`acao=${bad}`)).activity).toBeNull()
    const f = parseRowFilters(new URLSearchParams('acao=saiu&status=sent'))
    expect(filterQuery(f, { after: 3 })).toBe('?status=sent&acao=saiu&depois=3')
    expect(isFiltered(f)).toBe(true)
    expect(isFiltered(parseRowFilters(new URLSearchParams('depois=9')))).toBe(false)
  })

  it('should build links that keep the filters', () => {
    const f = parseRowFilters(new URLSearchParams('status=failed&q=José'))
    expect(filterQuery(f, { after: 9 })).toBe('?status=failed&q=Jos%C3%A9&depois=9')
    expect(filterQuery(parseRowFilters(new URLSearchParams()))).toBe('')
  })

  it('should escape LIKE wildcards and recognise phone searches', () => {
    expect(likePattern('50%_off\\')).toBe('%50\\%\\_off\\\\%')
    expect(new TextEncoder().encode(likePattern('ção'.repeat(40))).length).toBeLessThanOrEqual(50)
    expect(likePattern('%'.repeat(40))).toBe(`%${'\\%'.repeat(24)}%`)
    expect(phoneDigits('(11) 98765-4321')).toBe('11987654321')
    expect(phoneDigits('Ana 11')).toBeNull()
    expect(phoneDigits('12')).toBeNull()
  })
})
