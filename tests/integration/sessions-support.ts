// Shared setup of the sessions integration tests: a saved session with a fresh live state and the
// fake WAHA installed (restored after each test), and the stored row of a session.
import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { afterEach } from 'vitest'
import { wahaSessions } from '../../db/schema'
import { createSealedWahaSession } from '../builders'
import { createTestTenant, type TestTenant } from './helpers/app'
import { type FakeWaha, installFakeWaha, WAHA_KEY, WAHA_SESSION, WAHA_URL } from './sessions-fake-waha'

/** A tenant with one saved session in `status`, the fake WAHA installed (restore it after the test). */
async function arrangeSavedSession(status = 'WORKING') {
  const t = await createTestTenant()
  const s = await createSealedWahaSession(t.ctx, {
    tenantId: t.tenantId,
    serverUrl: WAHA_URL,
    sessionName: WAHA_SESSION,
    apiKey: WAHA_KEY,
    status,
  })
  // The live state is fresh, so page views do not poll WAHA unless the session is connecting.
  await env.SENDER_SESSION.getByName(s.id).setState({ status }, Date.now())
  const waha = installFakeWaha()
  return { t, s, waha, path: `/integracoes/sessoes/${s.id}` }
}

export const rowOf = (t: TestTenant, id: string) =>
  t.ctx.db.select().from(wahaSessions).where(eq(wahaSessions.id, id)).get()

/**
 * For a test file (call at its top level): `arrange(status)` is arrangeSavedSession, `waha` the fake
 * it installed, `replace(install)` swaps in another fake; whatever is installed is restored after each test.
 */
export function savedSessionPerTest() {
  let current: FakeWaha | null = null
  afterEach(() => {
    current?.restore()
    current = null
  })
  return {
    get waha() {
      return current
    },
    async arrange(status = 'WORKING') {
      const arranged = await arrangeSavedSession(status)
      current = arranged.waha
      return arranged
    },
    /** Restores the installed fake, then installs the next one (spies must not stack). */
    replace(install: () => FakeWaha): FakeWaha {
      current?.restore()
      current = install()
      return current
    },
  }
}
