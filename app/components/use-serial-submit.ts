import type { SubmitOptions, useFetcher } from '@remix-run/react'
import { useEffect, useRef } from 'react'

type Fetcher = Pick<ReturnType<typeof useFetcher>, 'state' | 'submit'>

/**
 * Live previews submit on every change. A fetcher's new submit aborts the one in flight, and the
 * browser reports that abort ("BodyStreamBuffer was aborted") as an error while the old answer's body
 * is still streaming. So this never has two in flight: a change made while one runs waits, only the
 * latest waiting one is kept, and it goes out as soon as the running one settles.
 */
export function useSerialSubmit(fetcher: Fetcher) {
  const inFlight = useRef(false)
  const seenBusy = useRef(false)
  const waiting = useRef<{ body: FormData; options: SubmitOptions } | null>(null)
  if (fetcher.state !== 'idle') seenBusy.current = true
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the fetcher's state moves the queue
  useEffect(() => {
    if (fetcher.state !== 'idle' || !inFlight.current || !seenBusy.current) return
    inFlight.current = false
    seenBusy.current = false
    const next = waiting.current
    waiting.current = null
    if (next) send(next.body, next.options)
  }, [fetcher.state])
  function send(body: FormData, options: SubmitOptions) {
    if (inFlight.current) {
      waiting.current = { body, options }
      return
    }
    inFlight.current = true
    seenBusy.current = false
    fetcher.submit(body, options)
  }
  return send
}
