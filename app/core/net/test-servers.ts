// TEST-ONLY helpers (imported by *.test.ts files, never by Worker code): local node:http servers on
// 127.0.0.1:0 for network tests: a replaying server, one that never answers, one that answers HTML,
// one that closes the connection, and a URL where nothing listens (connection refused).

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/** A request as seen by a test handler, with its body read. */
export interface RecordedRequest {
  method: string
  path: string
  headers: IncomingMessage['headers']
  body: string
}

/** A running local server. */
export interface TestServer {
  url: string
  requests: RecordedRequest[]
  close(): Promise<void>
}

type Handler = (req: RecordedRequest, res: ServerResponse, socket: Socket) => void

/** Starts a server on 127.0.0.1 with a random port; every request is recorded before the handler runs. */
export async function startServer(handler: Handler): Promise<TestServer> {
  const sockets = new Set<Socket>()
  const requests: RecordedRequest[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      }
      requests.push(recorded)
      handler(recorded, res, req.socket)
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}

/** A server that accepts requests and never answers. */
export const startSilentServer = () => startServer(() => undefined)

/** A server that answers every request with an HTML page (a proxy or login page instead of the API). */
export const startHtmlServer = (status = 200) =>
  startServer((_req, res) => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' })
    res.end('<!doctype html><html><body><h1>Bem-vindo</h1></body></html>')
  })

/** A server that closes the connection as soon as a request arrives, without answering. */
export const startClosingServer = () => startServer((_req, _res, socket) => socket.destroy())

/** A URL on 127.0.0.1 where nothing listens (connection refused). */
export async function refusedUrl(): Promise<string> {
  const server = await startServer(() => undefined)
  await server.close()
  return server.url
}
