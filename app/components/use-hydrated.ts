// True once React runs in the browser (false while rendering on the server and on the first client
// render), for views that differ with and without JavaScript.
import { useEffect, useState } from 'react'

export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false)
  useEffect(() => setHydrated(true), [])
  return hydrated
}
