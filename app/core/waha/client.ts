// The WAHA client: one object per WAHA server (base URL + API key), typed over the endpoints Disparo
// uses. Every call returns WahaResult (never throws for expected failures); errors.ts holds the
// failure rule table the send engine relies on ("never send twice").

import { messageCalls } from './client-messages'
import { sessionCalls } from './client-sessions'
import type { WahaClientOptions } from './http'

export { reachOutLockFromMe } from './client-sessions'

export type { WahaClientOptions } from './http'

/** Creates a WAHA client for one server (fetch, timeout and allowPrivate injectable for tests). */
export function createWahaClient(options: WahaClientOptions) {
  return { ...sessionCalls(options), ...messageCalls(options) }
}

/** A WAHA client instance. */
export type WahaClient = ReturnType<typeof createWahaClient>
