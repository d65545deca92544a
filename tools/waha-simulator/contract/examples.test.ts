// The examples here are byte-for-byte copies of the WAHA contract (../shared/waha beside the
// project), so the repository's tests run without it; where the contract folder is present (our
// machines and CI), every copy must still match it exactly.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const here = import.meta.dirname
const copies = path.join(here, 'examples')
const contract = path.resolve(here, '../../../../shared/waha')

describe('contract examples', () => {
  it('should hold every example the tests use', () => {
    const names = readdirSync(copies)
    expect(names.length).toBeGreaterThanOrEqual(49)
    for (const name of names)
      expect(() => JSON.parse(readFileSync(path.join(copies, name), 'utf8'))).not.toThrow()
  })

  it.runIf(existsSync(contract))('should be exact copies of ../shared/waha', () => {
    for (const name of readdirSync(copies)) {
      expect(
        readFileSync(path.join(copies, name)).equals(readFileSync(path.join(contract, name))),
        name,
      ).toBe(true)
    }
  })
})
