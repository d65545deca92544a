// The cross-tenant isolation helper (docs/design.md §4): for every route that takes an id, a resource made by
// tenant A must answer 404 to tenant B — on GET and on every state-changing POST — and stay unchanged. Page
// routes are tried with B's admin cookie, /api/v1 routes with a token of B holding every scope. Each
// issue adds its routes to tests/integration/cross-tenant-routes.ts.
import { API_SCOPES } from '../../../app/core/api/scopes'
import { apiFetch, createTestToken } from './api'
import { appFetch, type TestTenant } from './app'

export type CrossTenantProbe = {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  path: string
  form?: Record<string, string>
  /** An /api/v1 request (path without the prefix), sent with the intruder's token holding every scope. */
  api?: { json?: unknown }
  /** Throws if the owner's resource changed after the foreign request. */
  verifyUnchanged?: () => Promise<void>
}

export type CrossTenantCase = {
  name: string
  /** Creates the resource in the owner's tenant and returns the requests another tenant will try. */
  arrange: (owner: TestTenant) => Promise<CrossTenantProbe[]>
}

export type CrossTenantFinding = {
  case: string
  method: string
  path: string
  status: number
  problem: string
}

/** Runs every probe as the intruder's admin; returns what leaked (empty = isolated). */
export async function findCrossTenantLeaks(
  cases: CrossTenantCase[],
  owner: TestTenant,
  intruder: TestTenant,
): Promise<CrossTenantFinding[]> {
  const findings: CrossTenantFinding[] = []
  let token: string | null = null
  for (const c of cases) {
    const probes = await c.arrange(owner)
    for (const probe of probes) {
      if (probe.api) token ??= await createTestToken(intruder, [...API_SCOPES])
      const res = probe.api
        ? await apiFetch(probe.path, { method: probe.method, token, json: probe.api.json })
        : await appFetch(probe.path, {
            method: probe.method,
            form: probe.form,
            cookie: intruder.users.admin.cookie,
          })
      await res.arrayBuffer()
      if (res.status !== 404) {
        findings.push({
          case: c.name,
          method: probe.method,
          path: probe.path,
          status: res.status,
          problem: 'expected 404',
        })
        continue
      }
      try {
        await probe.verifyUnchanged?.()
      } catch (error) {
        findings.push({
          case: c.name,
          method: probe.method,
          path: probe.path,
          status: res.status,
          problem: String(error),
        })
      }
    }
  }
  return findings
}
