// The audience's form fields <-> stored shape (decision 039) and a segment definition in words.
import { describe, expect, it } from 'vitest'
import { audienceFieldProblems, audienceFields, audienceOf, hasAudience } from './spec'
import { describeDefinition } from './used.server'

describe('audienceOf', () => {
  it('should keep one list and nothing else as the plain single-list campaign (null)', () => {
    expect(audienceOf({ listId: 'lst_a' })).toBeNull()
    expect(audienceOf({ listId: 'lst_a', audienceLists: ['lst_a', ''] })).toBeNull()
    expect(audienceOf({})).toBeNull()
  })

  it('should gather lists (deduplicated), segments and exclusions', () => {
    expect(
      audienceOf({
        listId: 'lst_a',
        audienceLists: ['lst_b', 'lst_a'],
        audienceSegments: ['3', 'x', '3', '-1'],
        excludeLists: ['lst_c'],
        excludeSegments: ['4'],
        excludeMessagedDays: 7,
      }),
    ).toEqual({
      lists: ['lst_a', 'lst_b'],
      segments: [3],
      exclude: { lists: ['lst_c'], segments: [4], messagedWithinDays: 7 },
    })
    expect(audienceOf({ audienceSegments: ['5'] })).toEqual({
      lists: [],
      segments: [5],
      exclude: { lists: [], segments: [], messagedWithinDays: null },
    })
  })

  it('should give the form back the stored audience, the first list in the select', () => {
    const a = audienceOf({ listId: 'lst_a', audienceLists: ['lst_b'], excludeMessagedDays: 30 })
    expect(audienceFields('lst_a', a)).toEqual({
      listId: 'lst_a',
      audienceLists: ['lst_b'],
      audienceSegments: [],
      excludeLists: [],
      excludeSegments: [],
      excludeMessagedDays: 30,
    })
    expect(audienceFields('lst_a', null)).toMatchObject({ listId: 'lst_a', audienceLists: [] })
  })

  it('should refuse days outside 1..365 and too many lists or segments', () => {
    expect(audienceFieldProblems({ excludeMessagedDays: 0 })).toEqual([
      { field: 'excludeMessagedDays', message: 'audience.errors.days' },
    ])
    expect(audienceFieldProblems({ excludeMessagedDays: 366 })).toHaveLength(1)
    expect(audienceFieldProblems({ excludeMessagedDays: 1.5 })).toHaveLength(1)
    expect(audienceFieldProblems({ excludeMessagedDays: 365 })).toEqual([])
    const many = Array.from({ length: 11 }, (_, i) => String(i + 1))
    expect(audienceFieldProblems({ audienceSegments: many })).toEqual([
      { field: 'audienceSegments', message: 'audience.errors.tooMany' },
    ])
  })

  it('should need a list or a segment', () => {
    expect(hasAudience({})).toBe(false)
    expect(hasAudience({ audienceSegments: ['2'] })).toBe(true)
    expect(hasAudience({ audienceLists: ['lst_b'] })).toBe(true)
  })
})

describe('describeDefinition', () => {
  it('should say each condition with names, and when one was deleted', () => {
    const names = {
      lists: new Map([['lst_a', 'Clientes']]),
      tags: new Map([[1, 'VIP']]),
      campaigns: new Map<string, string>(),
    }
    expect(
      describeDefinition(
        {
          lists: ['lst_a', 'lst_x'],
          tags: { mode: 'none', ids: [1] },
          region: { ufs: ['SP'], capital: 'capital' },
          engagement: { receivedDays: 30, campaignId: 'cmp_gone' },
        },
        names,
        '(apagada)',
      ),
    ).toEqual([
      { key: 'audience.def.lists', params: { names: 'Clientes, (apagada)' } },
      { key: 'audience.def.tags.none', params: { names: 'VIP' } },
      { key: 'audience.def.region', params: { ufs: 'SP' } },
      { key: 'audience.def.capital', params: {} },
      { key: 'audience.def.received', params: { days: 30 } },
      { key: 'audience.def.campaign', params: { name: '(apagada)' } },
    ])
    expect(describeDefinition({}, names, '-')).toEqual([{ key: 'audience.def.everyone', params: {} }])
  })
})
