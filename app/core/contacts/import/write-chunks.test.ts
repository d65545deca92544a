// A step's rows travel as JSON arrays under D1's string limit (write.server.ts): one stringify per
// array, sliced by an estimate, and halved when the estimate was short. Every row arrives once, in
// order, and no array is over the limit unless it holds a single row.
import { describe, expect, it } from 'vitest'
import { chunkJson } from './write.server'

const LIMIT = 900_000
const parseAll = (chunks: string[]) => chunks.flatMap((c) => JSON.parse(c) as unknown[])

describe('chunkJson', () => {
  it('should keep 10,000 contact rows in order, in arrays under the limit', () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => [
      `Pessoa ${i} da Silva`,
      `+55119${String(80000000 + i)}`,
      'mobile',
      i % 2 ? `p${i}@exemplo.com.br` : null,
      null,
      { cidade: 'São Paulo', nascimento: '01/02/1990' },
      i + 2,
    ])
    let estimated = 0
    const chunks = chunkJson(rows, (r: unknown[]) => {
      estimated++
      return JSON.stringify(r).length
    })
    // ~1.1 MB of JSON: two arrays, stringified once each; the size is estimated from a sample
    expect(chunks.length).toBe(2)
    expect(estimated).toBeLessThanOrEqual(257)
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(LIMIT)
    expect(parseAll(chunks)).toEqual(rows)
  })

  it('should halve arrays when the sampled rows were smaller than the rest', () => {
    // 10,000 rows are sampled every 39th: those are tiny, the others ~2 MB of JSON in all
    const rows = Array.from({ length: 10_000 }, (_, i) => [i, i % 39 === 0 ? 'y' : 'x'.repeat(200)])
    const chunks = chunkJson(rows, (r: (string | number)[]) => JSON.stringify(r).length)
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(LIMIT)
    expect(chunks.length).toBeGreaterThanOrEqual(3)
    expect(parseAll(chunks)).toEqual(rows)
  })

  it('should halve arrays the estimate got wrong, down to single rows', () => {
    // quotes and backslashes double in JSON: an estimate by length is short by half
    const big = '"\\'.repeat(100_000)
    const rows = Array.from({ length: 7 }, (_, i): [number, string] => [i, big])
    const chunks = chunkJson(rows, (r: [number, string]) => r[1].length)
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(LIMIT)
    expect(chunks.length).toBeGreaterThan(1)
    expect(parseAll(chunks)).toEqual(rows)
  })

  it('should send a single row over the limit alone, and nothing for no rows', () => {
    const huge = ['x'.repeat(LIMIT + 10)]
    const chunks = chunkJson([['a'], huge, ['b']], (r: string[]) => r[0]!.length)
    expect(parseAll(chunks)).toEqual([['a'], huge, ['b']])
    expect(chunks.filter((c) => c.length > LIMIT)).toEqual([JSON.stringify([huge])])
    expect(chunkJson([], () => 0)).toEqual([])
  })
})
