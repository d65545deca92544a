// The webhook route's cheap refusals: a body is bounded while it streams in (413 without reading it
// whole), a malformed session id is refused before any byte is read, and only the exact HMAC route is
// exempt from the origin check (anything else under /webhooks answers a clean 403/404, never 500).
import { exports } from 'cloudflare:workers'
import { describe, expect, it, vi } from 'vitest'
import { MAX_WEBHOOK_BYTES } from '../../app/core/sessions/webhook-intake.server'
import { createSealedWahaSession } from '../builders'
import { appFetch, createTestTenant, ORIGIN } from './helpers/app'
import { countingStream } from './helpers/streams'
import { WAHA_SESSION } from './sessions-fake-waha'

const CHUNK = 64 * 1024

async function arrangeSession() {
  const t = await createTestTenant()
  return createSealedWahaSession(t.ctx, {
    tenantId: t.tenantId,
    sessionName: WAHA_SESSION,
    status: 'WORKING',
    phone: null,
  })
}

/** POSTs a streamed (chunked, no Content-Length) body like a misbehaving or hostile client. */
async function postStream(path: string, total: number) {
  const { stream, pulled } = countingStream(total, CHUNK)
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
  try {
    const res = await exports.default.fetch(
      new Request(`${ORIGIN}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: stream,
      }),
    )
    return {
      status: res.status,
      text: await res.text(),
      pulled: pulled(),
      warnings: warn.mock.calls.map((c) => String(c[0])),
    }
  } finally {
    warn.mockRestore()
  }
}

describe('webhook body limit', () => {
  it('should answer 413 to a 64 MB chunked body after reading at most the limit plus one chunk', async () => {
    const s = await arrangeSession()
    const res = await postStream(`/webhooks/waha/${s.id}`, 64 * 1024 * 1024)
    expect(res.status).toBe(413)
    expect(res.text).toBe('')
    expect(res.pulled).toBeLessThanOrEqual(MAX_WEBHOOK_BYTES + CHUNK)
    expect(JSON.parse(res.warnings[0] ?? '{}')).toMatchObject({
      msg: 'waha webhook refused',
      sessionId: s.id,
      status: 413,
    })
  })

  it('should read a body of exactly the limit and hand it to the signature check', async () => {
    const s = await arrangeSession()
    const res = await postStream(`/webhooks/waha/${s.id}`, MAX_WEBHOOK_BYTES)
    expect(res.status).toBe(401)
    expect(res.pulled).toBe(MAX_WEBHOOK_BYTES)
  })

  it('should refuse a malformed session id before reading the body', async () => {
    for (const id of ['nada', 'wses_0123', `wses_${'a'.repeat(400)}`]) {
      const res = await postStream(`/webhooks/waha/${id}`, 64 * 1024 * 1024)
      expect(res.status).toBe(404)
      expect(res.pulled).toBeLessThanOrEqual(CHUNK)
      expect(res.warnings).toEqual([])
    }
  })

  it('should refuse a declared Content-Length over the limit without reading', async () => {
    const s = await arrangeSession()
    const res = await exports.default.fetch(
      new Request(`${ORIGIN}/webhooks/waha/${s.id}`, {
        method: 'POST',
        headers: { 'content-length': String(MAX_WEBHOOK_BYTES + 1), 'content-type': 'application/json' },
        body: 'x'.repeat(MAX_WEBHOOK_BYTES + 1),
      }),
    )
    expect(res.status).toBe(413)
  })
})

describe('origin check around /webhooks', () => {
  it.each(['/webhooks/other', '/webhooks/waha', '/webhooks/waha/', '/webhooks/waha/a/b', '/webhooks/'])(
    'should answer a cross-origin POST to %s with a clean 403',
    async (path) => {
      const error = vi.spyOn(console, 'error')
      try {
        const res = await appFetch(path, { origin: 'https://evil.example', form: { a: '1' } })
        expect(res.status).toBe(403)
        expect(await res.text()).toContain('Pedido recusado')
        expect(error).not.toHaveBeenCalled()
      } finally {
        error.mockRestore()
      }
    },
  )

  it('should answer a same-origin POST to a page that does not exist with the 404 page', async () => {
    for (const path of ['/webhooks/other', '/nao-existe']) {
      const res = await appFetch(path, { form: { a: '1' } })
      expect(res.status).toBe(404)
      expect(await res.text()).toContain('Página não encontrada')
    }
  })
})
