// vitest globalSetup (runs in Node) for the workers project: a tiny webhook receiver on loopback for
// the outbound webhook tests (decision 033). Paths choose the answer: /ok/… 200, /fail/… 500,
// /redirect/… 302, /slow/… never answers; GET /_requests?prefix=/ok/abc returns what arrived (raw body
// and headers), so tests verify signatures on exactly the bytes received.
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    webhookReceiverUrl: string
  }
}

type Received = { path: string; headers: Record<string, unknown>; body: string }

export default async function setup(project: TestProject) {
  const received: Received[] = []
  const sockets = new Set<Socket>()
  const answer = (
    res: ServerResponse,
    status: number,
    body: string,
    headers: Record<string, string> = {},
  ) => {
    res.writeHead(status, { 'content-type': 'text/plain', ...headers })
    res.end(body)
  }
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://receiver')
      if (req.method === 'GET' && url.pathname === '/_requests') {
        const prefix = url.searchParams.get('prefix') ?? ''
        return answer(res, 200, JSON.stringify(received.filter((r) => r.path.startsWith(prefix))), {
          'content-type': 'application/json',
        })
      }
      received.push({
        path: url.pathname,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      })
      if (url.pathname.startsWith('/ok/')) return answer(res, 200, 'recebido')
      if (url.pathname.startsWith('/fail/')) return answer(res, 500, 'erro interno do receptor')
      if (url.pathname.startsWith('/redirect/'))
        return answer(res, 302, '', { location: 'https://example.com/x' })
      if (url.pathname.startsWith('/slow/')) return // never answers
      answer(res, 404, 'not found')
    })
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  project.provide('webhookReceiverUrl', `http://127.0.0.1:${(server.address() as AddressInfo).port}`)
  return async () => {
    for (const s of sockets) s.destroy()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
}
