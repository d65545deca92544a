import { RemixBrowser } from '@remix-run/react'
import { StrictMode, startTransition } from 'react'
import { hydrateRoot } from 'react-dom/client'

// A data request the router itself cancelled (a review fetcher or a revalidation still in flight when
// the person moves to another page) can surface as an unhandled "AbortError" with single fetch
// (react-router #14203, fix pending upstream in #14761). Nothing failed: the newer request wins. Only
// aborts are silenced; every other error still reaches the console and error boundaries.
window.addEventListener('unhandledrejection', (event) => {
  const reason = event.reason as { name?: unknown } | null | undefined
  if (reason && typeof reason === 'object' && reason.name === 'AbortError') event.preventDefault()
})

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RemixBrowser />
    </StrictMode>,
  )
})
