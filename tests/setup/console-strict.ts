// Fails any test that logs an unexpected console.error (epic-stack habit): a swallowed error is a bug.
import { afterEach, beforeEach, vi } from 'vitest'

let errors: unknown[][] = []
let spy: { mockRestore(): void } | null = null

beforeEach(() => {
  errors = []
  spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    errors.push(args)
  })
})

afterEach(() => {
  spy?.mockRestore()
  if (errors.length > 0) {
    const first = errors[0]?.map((a) => (a instanceof Error ? a.stack : String(a))).join(' ')
    throw new Error(`console.error was called ${errors.length} time(s): ${first}`)
  }
})
