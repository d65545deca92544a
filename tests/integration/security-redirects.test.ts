// No open redirect: every redirectTo / returnTo goes through safeRedirectTarget (app/core/http/redirects.ts).
import { describe, expect, it } from 'vitest'
import { TEST_PASSWORD } from '../builders'
import { appFetch, createTestTenant } from './helpers/app'

const UNSAFE = [
  '/\t/evil.example',
  '/\n/evil.example',
  '/campanhas\r\nSet-Cookie: x=1',
  '//evil.example',
  'https://evil.example/',
]

describe('redirect targets', () => {
  it.each(UNSAFE)('should send a sign-in with redirectTo %j to the home page', async (redirectTo) => {
    const t = await createTestTenant()
    const res = await appFetch('/login', {
      form: { email: t.users.viewer.email, password: TEST_PASSWORD, redirectTo },
    })
    expect(res.status).toBe(303)
    expect(res.headers.get('Location')).toBe('/')
  })

  it('should send a sign-in to the same-origin page it was given', async () => {
    const t = await createTestTenant()
    const res = await appFetch('/login', {
      form: { email: t.users.viewer.email, password: TEST_PASSWORD, redirectTo: '/campanhas?aba=todas' },
    })
    expect(res.headers.get('Location')).toBe('/campanhas?aba=todas')
  })

  it('should not carry an unsafe redirectTo into the login form, nor follow it when already signed in', async () => {
    const t = await createTestTenant()
    const form = await appFetch(`/login?redirectTo=${encodeURIComponent('/\t/evil.example')}`)
    expect(form.status).toBe(200)
    const html = await form.text()
    const hidden = html.match(/<input[^>]*name="redirectTo"[^>]*>/g)
    expect(hidden).toHaveLength(1)
    expect(hidden?.[0]).toContain('value="/"')
    const signedIn = await appFetch(`/login?redirectTo=${encodeURIComponent('/\r\n/evil.example')}`, {
      cookie: t.users.viewer.cookie,
    })
    expect(signedIn.status).toBe(302)
    expect(signedIn.headers.get('Location')).toBe('/')
  })

  it.each(UNSAFE)('should send a preferences change with returnTo %j to the home page', async (returnTo) => {
    const res = await appFetch('/preferencias', { form: { lang: 'en', returnTo } })
    expect(res.status).toBe(303)
    expect(res.headers.get('Location')).toBe('/')
    expect(res.headers.getSetCookie().join('\n')).toContain('disparo_lang=en')
  })
})
