import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core'
import { describe, expect, it } from 'vitest'
import {
  accessPaths,
  compileSegment,
  type LiveReferences,
  segmentStatements,
  teamShareStatement,
} from './compile'
import { parseDefinition, type SegmentDefinition } from './definition'
import { CAPITAL_DDD, regionDdds } from './region'

const dialect = new SQLiteSyncDialect()
const NOW = Date.parse('2026-12-06T12:00:00Z')
const scope = { tenantId: 't-1' }
const none: LiveReferences = { lists: [], tags: [] }

function compiled(def: SegmentDefinition, live: LiveReferences = none) {
  return dialect.sqlToQuery(compileSegment(def, scope, live, NOW))
}

describe('compileSegment', () => {
  it('should scope an empty definition to the tenant only', () => {
    const q = compiled({})
    expect(q.sql).toBe('"people"."tenant_id" = ?')
    expect(q.params).toEqual(['t-1'])
  })

  it('should bind every user value as a parameter, never in the SQL text', () => {
    const evil = `x' OR 1=1; DROP TABLE people; --`
    const q = compiled(
      {
        lists: [evil],
        tags: { mode: 'all', ids: [3, 4] },
        field: { key: 'cidade', op: 'contains', value: evil },
        engagement: { receivedDays: 30, neverReplied: true, campaignId: evil },
      },
      { lists: [evil], tags: [3, 4] },
    )
    expect(q.sql).not.toContain('DROP')
    expect(q.sql).not.toContain('cidade')
    expect(q.params).toContain(evil)
    expect(q.params).toContain('$."cidade"')
    expect(q.params).toContain(NOW - 30 * 86_400_000)
    // "all": the count of the person's tags among the living ones equals how many are living
    expect(q.sql).toContain('count(*)')
    expect(q.params).toContain(2)
  })

  it('should match nobody when every list or tag named (any/all) is gone, and exclude none for "none"', () => {
    expect(compiled({ lists: ['gone'] }).sql).toBe('("people"."tenant_id" = ? and 0)')
    expect(compiled({ tags: { mode: 'any', ids: [9] } }).sql).toContain('and 0')
    expect(compiled({ tags: { mode: 'all', ids: [9] } }).sql).toContain('and 0')
    expect(compiled({ tags: { mode: 'none', ids: [9] } }).sql).toBe('"people"."tenant_id" = ?')
  })

  it('should turn days into São Paulo day bounds (inclusive end)', () => {
    const q = compiled({ createdFrom: '2026-01-01', createdTo: '2026-01-31' })
    expect(q.params).toEqual(['t-1', Date.parse('2026-01-01T03:00:00Z'), Date.parse('2026-02-01T03:00:00Z')])
  })
})

describe('regionDdds', () => {
  it('should pick a state, its capital or its countryside', () => {
    expect(regionDdds(['RJ'], 'any')).toEqual(['21', '22', '24'])
    expect(regionDdds(['RJ', 'SC'], 'capital')).toEqual(['21', '48'])
    expect(regionDdds(['SP'], 'interior')).toEqual(['12', '13', '14', '15', '16', '17', '18', '19'])
    expect(regionDdds(['DF'], 'interior')).toEqual([])
    expect(Object.keys(CAPITAL_DDD)).toHaveLength(27)
  })
})

describe('parseDefinition', () => {
  it.each([
    [{ createdFrom: '2026-13-45' }, 'segments.error.date'],
    [{ createdFrom: 'ontem' }, 'segments.error.date'],
    [{ createdFrom: '2026-02-01', createdTo: '2026-01-01' }, 'segments.error.dateOrder'],
    [{ region: { ufs: ['XX'] } }, 'segments.error.uf'],
    [{ region: { ufs: [] } }, 'segments.error.ufEmpty'],
    [{ tags: { mode: 'some', ids: [1] } }, 'segments.error.tagMode'],
    [{ tags: { mode: 'any', ids: [] } }, 'segments.error.tagsEmpty'],
    [{ field: { key: 'Cidade"]', op: 'equals', value: 'x' } }, 'segments.error.fieldKey'],
    [{ field: { key: 'cidade', op: 'equals', value: '  ' } }, 'segments.error.fieldValue'],
    [{ field: { key: 'cidade', op: 'like', value: 'x' } }, 'segments.error.fieldOp'],
    [{ engagement: { receivedDays: 0 } }, 'segments.error.days'],
    [{ engagement: { receivedDays: 1.5 } }, 'segments.error.days'],
    [{ engagement: { campaignId: 'c1' } }, 'segments.error.engagementEmpty'],
    ['not an object', 'segments.error.invalid'],
  ])('should refuse %j with %s', (raw, code) => {
    expect(parseDefinition(raw)).toEqual({ ok: false, code })
  })

  it('should accept an empty field value for "empty" and default capital to any', () => {
    const r = parseDefinition({ field: { key: 'cidade', op: 'empty' }, region: { ufs: ['SP'] } })
    expect(r).toEqual({
      ok: true,
      definition: {
        field: { key: 'cidade', op: 'empty', value: '' },
        region: { ufs: ['SP'], capital: 'any' },
      },
    })
  })
})

describe('accessPaths', () => {
  it.each([
    // [definition, team people counted (capped), highest id, expected]
    [{}, 10, 1000, { count: 'index', page: 'index' }],
    [{ consent: true }, 30, 1000, { count: 'index', page: 'index' }], // 30 × 32 < 1000: a small team
    [{ consent: true }, 32, 1000, { count: 'table', page: 'table' }],
    [{ region: { ufs: ['SP'], capital: 'any' } }, 500, 1000, { count: 'index', page: 'table' }],
    [{ field: { key: 'c', op: 'contains', value: 'x' } }, 500, 1000, { count: 'table', page: 'table' }],
    [{ createdTo: '2026-01-01' }, 500, 1000, { count: 'table', page: 'table' }],
    [{ consent: true }, 0, 0, { count: 'index', page: 'index' }], // nobody at all
  ] as const)('should choose for %j with %i of %i', (def, n, top, expected) => {
    expect(accessPaths(def as SegmentDefinition, { n, top })).toEqual(expected)
  })

  it('should read the table without its indexes only on the table path', () => {
    const where = compileSegment({}, scope, none, NOW)
    const table = segmentStatements(where, { count: 'table', page: 'table' })
    const index = segmentStatements(where, { count: 'index', page: 'index' })
    expect(dialect.sqlToQuery(table.count).sql).toContain('"people" NOT INDEXED')
    expect(dialect.sqlToQuery(table.page).sql).toMatch(/NOT INDEXED .* ORDER BY "people"\."id" LIMIT \?$/)
    expect(dialect.sqlToQuery(index.count).sql).not.toContain('NOT INDEXED')
    expect(dialect.sqlToQuery(teamShareStatement('t-1')).sql).toContain(
      'LIMIT (SELECT coalesce(max("people"."id"), 0) FROM "people") / 32 + 1',
    )
  })
})
