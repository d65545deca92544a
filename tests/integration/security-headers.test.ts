// Hardening headers (decision 012): a nonce-based Content-Security-Policy on every page, a locked-down
// one elsewhere, no-store on signed-in pages and their data, HSTS in production, and the usual extras.

import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import worker from '../../workers/app'
import { createCampaign } from '../builders'
import { appFetch, createTestTenant, ORIGIN } from './helpers/app'

function directives(csp: string | null): Map<string, string> {
  return new Map(
    (csp ?? '')
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.split(/\s+/)[0] ?? '', d.slice(d.indexOf(' ') + 1)] as const),
  )
}

describe('Content-Security-Policy', () => {
  it('should give every page a fresh nonce that every inline script carries, and nothing else runs', async () => {
    const t = await createTestTenant()
    for (const [path, cookie] of [
      ['/login', undefined],
      ['/equipe', t.users.admin.cookie],
      ['/campanhas/nova', t.users.admin.cookie],
      ['/nao-existe', t.users.admin.cookie],
    ] as const) {
      const res = await appFetch(path, { cookie })
      const html = await res.text()
      const csp = directives(res.headers.get('Content-Security-Policy'))
      const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp.get('script-src') ?? '')?.[1]
      expect(nonce, path).toBeTruthy()
      expect(csp.get('script-src')).toBe(`'self' 'nonce-${nonce}'`)
      expect(csp.get('default-src')).toBe("'self'")
      expect(csp.get('style-src')).toBe("'self'")
      expect(csp.get('object-src')).toBe("'none'")
      expect(csp.get('base-uri')).toBe("'none'")
      expect(csp.get('frame-ancestors')).toBe("'none'")
      expect(csp.get('form-action')).toBe("'self'")
      const scripts = html.match(/<script\b[^>]*>/g) ?? []
      expect(scripts.length, path).toBeGreaterThan(0)
      for (const tag of scripts) {
        if (/\bsrc=/.test(tag)) continue
        expect(tag, `${path}: ${tag}`).toContain(`nonce="${nonce}"`)
      }
      // No inline <style> elements: style-src does not allow them.
      expect(html).not.toMatch(/<style\b/)
    }
    const first = (await appFetch('/login')).headers.get('Content-Security-Policy')
    const second = (await appFetch('/login')).headers.get('Content-Security-Policy')
    expect(first).not.toBe(second)
  })

  it('should lock down everything that is not a page', async () => {
    const refused = await appFetch('/equipe', { origin: 'https://evil.example', form: { intent: 'x' } })
    const health = await appFetch('/healthz')
    for (const res of [refused, health]) {
      const csp = directives(res.headers.get('Content-Security-Policy'))
      expect(csp.get('default-src')).toBe("'none'")
      expect(csp.get('frame-ancestors')).toBe("'none'")
    }
  })
})

describe('caching', () => {
  it('should keep signed-in pages and their data requests out of every cache', async () => {
    const t = await createTestTenant()
    const page = await appFetch('/equipe', { cookie: t.users.admin.cookie })
    expect(page.headers.get('Cache-Control')).toBe('no-store')
    const data = await appFetch('/equipe.data', { cookie: t.users.admin.cookie })
    expect(data.status).toBe(200)
    expect(data.headers.get('Cache-Control')).toBe('no-store')
    const home = await appFetch('/_root.data', { cookie: t.users.admin.cookie })
    expect(home.headers.get('Cache-Control')).toBe('no-store')
  })

  it('should keep the Cache-Control a download sets itself', async () => {
    const t = await createTestTenant()
    const campaign = await createCampaign(t.ctx.db, { tenantId: t.tenantId })
    const csv = await appFetch(`/campanhas/${campaign.id}/exportar`, { cookie: t.users.admin.cookie })
    expect(csv.status).toBe(200)
    expect(csv.headers.get('Cache-Control')).toBe('private, no-store')
  })
})

describe('other hardening headers', () => {
  it('should send nosniff, a same-origin referrer policy and refuse framing on pages and machine routes', async () => {
    for (const res of [await appFetch('/login'), await appFetch('/healthz'), await appFetch('/l/nada')]) {
      expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff')
      expect(res.headers.get('Referrer-Policy')).toBe('same-origin')
      expect(res.headers.get('X-Frame-Options')).toBe('DENY')
    }
  })

  it('should send HSTS in production only', async () => {
    expect((await appFetch('/login')).headers.get('Strict-Transport-Security')).toBeNull()
    const ctx = createExecutionContext()
    const res = await worker.fetch(
      new Request(`${ORIGIN}/login`),
      { ...env, APP_ENV: 'production' } as unknown as Env,
      ctx,
    )
    await res.text()
    await waitOnExecutionContext(ctx)
    expect(res.headers.get('Strict-Transport-Security')).toBe('max-age=31536000; includeSubDomains')
  })
})
