import { describe, expect, it } from 'vitest'
import { BRAZILIAN_DDDS } from './brazil'
import { DDD_TO_UF, dddOf, ufOfDdd } from './ddd'

describe('DDD → UF', () => {
  it('covers exactly the DDDs in use, each in one state', () => {
    expect([...DDD_TO_UF.keys()].sort((a, b) => a - b)).toEqual([...BRAZILIAN_DDDS])
    expect(new Set(DDD_TO_UF.values()).size).toBe(27)
  })

  it.each([
    [11, 'SP'],
    [19, 'SP'],
    [21, 'RJ'],
    [24, 'RJ'],
    [31, 'MG'],
    [38, 'MG'],
    [47, 'SC'],
    [55, 'RS'],
    [61, 'DF'],
    [64, 'GO'],
    [63, 'TO'],
    [71, 'BA'],
    [77, 'BA'],
    [81, 'PE'],
    [87, 'PE'],
    [85, 'CE'],
    [92, 'AM'],
    [97, 'AM'],
    [99, 'MA'],
  ])('DDD %i is in %s', (ddd, uf) => {
    expect(ufOfDdd(ddd)).toBe(uf)
  })

  it('reads the DDD of Brazilian E.164 numbers only', () => {
    expect(dddOf('+5511987654321')).toBe(11)
    expect(dddOf('+554133334444')).toBe(41)
    expect(dddOf('+5520987654321')).toBeNull() // 20 is not in use
    expect(dddOf('+351912345678')).toBeNull()
    expect(dddOf('5511987654321')).toBeNull()
    expect(dddOf(null)).toBeNull()
    expect(ufOfDdd(null)).toBeNull()
    expect(ufOfDdd(10)).toBeNull()
  })
})
