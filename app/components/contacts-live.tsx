// Keeps a page fresh while an import runs: with JS it revalidates the loader every 1.5 s; without JS
// a <meta refresh> inside <noscript> reloads the page every 3 s (ignored when scripts run).
import { useRevalidator } from '@remix-run/react'
import { useEffect } from 'react'

export function LiveRefresh({
  active,
  seconds = 3,
  everyMs = 1500,
}: {
  active: boolean
  seconds?: number
  /** How often JS revalidates. */
  everyMs?: number
}) {
  const revalidator = useRevalidator()
  useEffect(() => {
    if (!active) return
    const timer = setInterval(() => {
      if (revalidator.state === 'idle' && document.visibilityState === 'visible') revalidator.revalidate()
    }, everyMs)
    return () => clearInterval(timer)
  }, [active, revalidator, everyMs])
  if (!active) return null
  return (
    <noscript>
      <meta httpEquiv="refresh" content={String(seconds)} />
    </noscript>
  )
}
