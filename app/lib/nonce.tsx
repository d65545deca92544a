// The CSP nonce of the page being rendered (app/entry.server.tsx makes it), for the inline scripts the
// root renders. In the browser there is none: the scripts already ran and React does not re-render them.
import { createContext, useContext } from 'react'

const NonceContext = createContext<string | undefined>(undefined)

export const NonceProvider = NonceContext.Provider

export function useNonce(): string | undefined {
  return useContext(NonceContext)
}
