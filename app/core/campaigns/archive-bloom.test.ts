import { describe, expect, it } from 'vitest'
import { PhoneBloom } from './archive-bloom'

const phone = (i: number) => `+55119${String(10_000_000 + i).padStart(8, '0')}`

describe('PhoneBloom', () => {
  it('should find every phone added, survive base64, and rarely claim one never added', () => {
    const bloom = PhoneBloom.sized(5000)
    for (let i = 0; i < 5000; i++) bloom.add(phone(i))
    const back = PhoneBloom.fromBase64(bloom.toBase64())
    for (let i = 0; i < 5000; i++) expect(back.mayHave(phone(i))).toBe(true)
    let false_ = 0
    for (let i = 5000; i < 25_000; i++) if (back.mayHave(phone(i))) false_++
    expect(false_ / 20_000).toBeLessThan(0.02)
    expect(bloom.toBase64().length).toBeLessThan(5000 * 2)
  })

  it('should claim nothing when empty', () => {
    const empty = PhoneBloom.fromBase64(PhoneBloom.sized(0).toBase64())
    expect(empty.mayHave(phone(1))).toBe(false)
  })
})
