/**
 * Every timer, sleep and outbound request of the simulator goes through one Scheduler, so
 * `dispose()` stops all of them at once and tests never hang on a forgotten setTimeout.
 */

export interface Scheduler {
  /** Runs `fn` after `ms`; returns a cancel function. */
  after(ms: number, fn: () => void): () => void
  /** Resolves after `ms`, or at once when the scheduler is disposed. */
  sleep(ms: number): Promise<void>
  /** An AbortSignal that fires on dispose or after `timeoutMs`. */
  signal(timeoutMs: number): AbortSignal
  readonly disposed: boolean
  dispose(): void
}

export function createScheduler(onError: (error: unknown) => void): Scheduler {
  const timers = new Set<ReturnType<typeof setTimeout>>()
  const wakers = new Set<() => void>()
  const controller = new AbortController()
  let disposed = false

  function after(ms: number, fn: () => void): () => void {
    if (disposed) return () => {}
    const timer = setTimeout(
      () => {
        timers.delete(timer)
        try {
          fn()
        } catch (error) {
          onError(error)
        }
      },
      Math.max(0, ms),
    )
    timers.add(timer)
    return () => {
      clearTimeout(timer)
      timers.delete(timer)
    }
  }

  function sleep(ms: number): Promise<void> {
    if (disposed) return Promise.resolve()
    return new Promise((resolve) => {
      const wake = () => {
        cancel()
        wakers.delete(wake)
        resolve()
      }
      const cancel = after(ms, wake)
      wakers.add(wake)
    })
  }

  return {
    after,
    sleep,
    signal: (timeoutMs) => AbortSignal.any([controller.signal, AbortSignal.timeout(timeoutMs)]),
    get disposed() {
      return disposed
    },
    dispose() {
      disposed = true
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
      for (const wake of [...wakers]) wake()
      controller.abort()
    },
  }
}
