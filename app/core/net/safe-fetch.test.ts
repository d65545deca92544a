import { afterEach, describe, expect, it } from 'vitest'
import {
  refusedUrl,
  startClosingServer,
  startHtmlServer,
  startServer,
  startSilentServer,
  type TestServer,
} from '../../../tests/fixtures/test-servers'
import { classifyFetchFailure, safeFetch } from './safe-fetch'

const servers: TestServer[] = []
const track = (server: TestServer) => {
  servers.push(server)
  return server
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

const dev = { allowPrivate: true, timeoutMs: 2000 }

describe('safeFetch', () => {
  it('should return the status, headers and body of a normal response', async () => {
    const server = track(
      await startServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end('{"ok":true}')
      }),
    )
    const result = await safeFetch(`${server.url}/x`, { method: 'GET' }, dev)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.response.status).toBe(200)
    expect(result.response.headers.get('content-type')).toBe('application/json')
    expect(await result.response.readText()).toEqual({ ok: true, value: '{"ok":true}' })
  })

  it('should refuse a private URL before any network access', async () => {
    let called = false
    const fetchSpy = (async () => {
      called = true
      return new Response('')
    }) as typeof fetch
    const result = await safeFetch('http://127.0.0.1:9/', {}, { allowPrivate: false, fetch: fetchSpy })
    expect(result).toMatchObject({ ok: false, error: { kind: 'blocked_url', reason: 'private_address' } })
    expect(called).toBe(false)
  })

  it('should keep refusing what the check refuses after the same server was allowed (the origin memo)', async () => {
    const seen: string[] = []
    const fetchSpy = (async (url: string) => {
      seen.push(url)
      return new Response('')
    }) as typeof fetch
    // allowed once with private targets on: the origin is remembered for allowPrivate only
    expect(
      (await safeFetch('http://127.0.0.1:9/a?x=1', {}, { allowPrivate: true, fetch: fetchSpy })).ok,
    ).toBe(true)
    expect(
      (await safeFetch('http://127.0.0.1:9/b?x=2', {}, { allowPrivate: true, fetch: fetchSpy })).ok,
    ).toBe(true)
    const refused = await safeFetch('http://127.0.0.1:9/b?x=2', {}, { allowPrivate: false, fetch: fetchSpy })
    expect(refused).toMatchObject({ ok: false, error: { reason: 'private_address' } })
    // credentials, another scheme or a look-alike host never share the remembered origin
    for (const [url, reason] of [
      ['http://127.0.0.1:9@evil.example/', 'credentials'],
      ['ftp://127.0.0.1:9/', 'unsupported_protocol'],
    ] as const) {
      const r = await safeFetch(url, {}, { allowPrivate: true, fetch: fetchSpy })
      expect(r).toMatchObject({ ok: false, error: { reason } })
    }
    // the fragment is still dropped
    await safeFetch('http://127.0.0.1:9/c#frag', {}, { allowPrivate: true, fetch: fetchSpy })
    expect(seen).toEqual(['http://127.0.0.1:9/a?x=1', 'http://127.0.0.1:9/b?x=2', 'http://127.0.0.1:9/c'])
  })

  it('should return a redirect as an error with its Location and never follow it', async () => {
    const server = track(
      await startServer((_req, res) => {
        res.writeHead(302, { location: 'http://169.254.169.254/' })
        res.end()
      }),
    )
    const result = await safeFetch(server.url, { method: 'POST', body: 'x' }, dev)
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'redirect', status: 302, location: 'http://169.254.169.254/' },
    })
    expect(server.requests).toHaveLength(1)
  })

  it('should refuse a body larger than maxBytes declared by content-length', async () => {
    const server = track(
      await startServer((_req, res) => {
        res.writeHead(200, { 'content-length': '5000' })
        res.end('a'.repeat(5000))
      }),
    )
    const result = await safeFetch(server.url, {}, { ...dev, maxBytes: 1000 })
    expect(result).toMatchObject({ ok: false, error: { kind: 'too_large', maxBytes: 1000 } })
  })

  it('should stop a streamed body at maxBytes', async () => {
    const server = track(
      await startServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' })
        const chunk = 'b'.repeat(1024)
        let sent = 0
        const timer = setInterval(() => {
          if (sent++ > 50 || res.destroyed) {
            clearInterval(timer)
            res.end()
            return
          }
          res.write(chunk)
        }, 1)
      }),
    )
    const result = await safeFetch(server.url, {}, { ...dev, maxBytes: 4096 })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const body = await result.response.readBytes()
    expect(body).toMatchObject({ ok: false, error: { kind: 'too_large' } })
  })

  it('should time out a server that never answers', async () => {
    const server = track(await startSilentServer())
    const result = await safeFetch(server.url, {}, { ...dev, timeoutMs: 150 })
    expect(result).toMatchObject({ ok: false, error: { kind: 'timeout', phase: 'response', timeoutMs: 150 } })
  })

  it('should time out while the body is still streaming', async () => {
    const server = track(
      await startServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.write('{"partial":')
      }),
    )
    const result = await safeFetch(server.url, {}, { ...dev, timeoutMs: 200 })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(await result.response.readText()).toMatchObject({
      ok: false,
      error: { kind: 'timeout', phase: 'body' },
    })
  })

  it('should report connection refused as connect_failed', async () => {
    const result = await safeFetch(await refusedUrl(), {}, dev)
    expect(result).toMatchObject({ ok: false, error: { kind: 'connect_failed', code: 'ECONNREFUSED' } })
  })

  it('should report a connection closed before the answer as connection_lost', async () => {
    const server = track(await startClosingServer())
    const result = await safeFetch(server.url, { method: 'POST', body: '{}' }, dev)
    expect(result).toMatchObject({ ok: false, error: { kind: 'connection_lost', phase: 'response' } })
  })

  it('should report a connection reset mid-body as connection_lost in the body phase', async () => {
    const server = track(
      await startServer((_req, res, socket) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' })
        res.write('{"id":')
        setTimeout(() => socket.destroy(), 20)
      }),
    )
    const result = await safeFetch(server.url, {}, dev)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(await result.response.readBytes()).toMatchObject({
      ok: false,
      error: { kind: 'connection_lost', phase: 'body' },
    })
  })

  it('should pass HTML bodies through untouched', async () => {
    const server = track(await startHtmlServer())
    const result = await safeFetch(server.url, {}, dev)
    expect(result.ok && result.response.headers.get('content-type')).toContain('text/html')
  })

  it('should honour an already-aborted caller signal', async () => {
    const controller = new AbortController()
    controller.abort()
    const result = await safeFetch('https://exemplo.com.br/', { signal: controller.signal }, dev)
    expect(result).toMatchObject({ ok: false, error: { kind: 'aborted' } })
  })

  it('should report a caller abort during the request as aborted', async () => {
    const server = track(await startSilentServer())
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 30)
    const result = await safeFetch(server.url, { signal: controller.signal }, dev)
    expect(result).toMatchObject({ ok: false, error: { kind: 'aborted' } })
  })

  it('should always send redirect: manual to the underlying fetch', async () => {
    let seen: RequestInit | undefined
    const fetchSpy = (async (_url: string, init?: RequestInit) => {
      seen = init
      return new Response(null, { status: 204 })
    }) as typeof fetch
    const result = await safeFetch(
      'https://exemplo.com.br/',
      { redirect: 'follow' },
      { ...dev, fetch: fetchSpy },
    )
    expect(seen?.redirect).toBe('manual')
    expect(result.ok && (await result.response.readBytes())).toEqual({ ok: true, value: new Uint8Array(0) })
  })
})

describe('classifyFetchFailure', () => {
  const state = { timedOut: false, aborted: false, timeoutMs: 1000 }

  it('should treat DNS and TLS failures as connect_failed', () => {
    const dns = new TypeError('fetch failed', { cause: { code: 'ENOTFOUND' } })
    expect(classifyFetchFailure(dns, 'response', state).kind).toBe('connect_failed')
    const tls = new TypeError('fetch failed', { cause: { code: 'CERT_HAS_EXPIRED' } })
    expect(classifyFetchFailure(tls, 'response', state).kind).toBe('connect_failed')
  })

  it('should treat unknown and reset errors as connection_lost', () => {
    expect(classifyFetchFailure(new Error('Network connection lost.'), 'response', state).kind).toBe(
      'connection_lost',
    )
    const reset = new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } })
    expect(classifyFetchFailure(reset, 'response', state).kind).toBe('connection_lost')
    expect(classifyFetchFailure('weird', 'body', state).kind).toBe('connection_lost')
  })
})
