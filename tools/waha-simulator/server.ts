/**
 * A local WAHA (WhatsApp HTTP API) for development and tests: it speaks WAHA's HTTP API for
 * everything Disparo uses (../shared/waha/CONTRACT.md §11), calls the configured webhooks, and
 * adds a control API and a "phone" page under /_sim/ plus an OpenAI-compatible fake under /ai/v1.
 * It is never part of the Worker bundle. Usage: README.md in this folder.
 */
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { registerAiFake } from './ai-fake'
import { registerAuthRoutes } from './auth'
import { registerChatRoutes } from './chats'
import { registerContactRoutes } from './contacts'
import { registerControlRoutes } from './control'
import { registerFileRoutes } from './files'
import { registerPhonePage } from './phone-page'
import { registerReputationRoutes } from './reputation-routes'
import { registerSendingRoutes } from './sending'
import { registerSessionRoutes } from './sessions'
import type { SimulatorOptions } from './settings'
import { createSim } from './sim'
import type { Sim } from './sim-state'
import { engineError, routeNotFound, unauthorized } from './waha-errors'
import { environmentOf } from './webhooks'

export type { SimulatorOptions } from './settings'

interface RunningSimulator {
  url: string
  close(): Promise<void>
}

export interface Simulator {
  app: Hono
  state: Sim
  start(port?: number, hostname?: string): Promise<RunningSimulator>
  /** Stops every timer, hung request and webhook delivery (close() calls it). */
  dispose(): void
}

/** Paths WAHA serves without a key here (WAHA_API_KEY_EXCLUDE_PATH=health,ping), and the simulator's own. */
const isPublic = (path: string) =>
  path === '/' ||
  path === '/ping' ||
  path === '/health' ||
  path === '/_sim' ||
  path.startsWith('/_sim/') ||
  path.startsWith('/ai/')

export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const sim = createSim(options)
  const app = new Hono()

  app.use('*', async (c, next) => {
    if (sim.apiKey === null || isPublic(c.req.path)) return next()
    const key = c.req.header('x-api-key') ?? c.req.query('x-api-key')
    if (key !== sim.apiKey) return unauthorized()
    return next()
  })

  app.get('/ping', (c) => c.json({ message: 'pong' }))
  app.get('/health', (c) => c.json({ status: 'ok', info: {}, error: {}, details: {} }))
  app.get('/api/server/version', (c) => c.json(environmentOf(sim)))
  app.get('/api/version', (c) => c.json(environmentOf(sim)))
  app.get('/api/server/status', (c) =>
    c.json({ startTimestamp: sim.startedAt, uptime: sim.now() - sim.startedAt, worker: { id: 'waha-sim' } }),
  )

  registerSessionRoutes(app, sim)
  registerAuthRoutes(app, sim)
  registerSendingRoutes(app, sim)
  registerContactRoutes(app, sim)
  registerChatRoutes(app, sim)
  registerFileRoutes(app, sim)
  registerControlRoutes(app, sim)
  registerReputationRoutes(app, sim)
  registerPhonePage(app, sim)
  registerAiFake(app)

  app.notFound((c) => routeNotFound(c.req.method, c.req.path))
  app.onError((error, c) => {
    sim.log(`[waha-sim] ${c.req.method} ${c.req.path} failed: ${error.stack ?? error}`)
    return engineError({ message: error.message }, sim.now())
  })

  const dispose = () => sim.scheduler.dispose()

  function start(port = 0, hostname = '127.0.0.1'): Promise<RunningSimulator> {
    return new Promise((resolve, reject) => {
      const server = serve({ fetch: app.fetch, port, hostname }, (info: AddressInfo) => {
        resolve({
          url: `http://${hostname}:${info.port}`,
          close: () =>
            new Promise<void>((done) => {
              dispose()
              server.close(() => done())
              if ('closeAllConnections' in server) server.closeAllConnections()
            }),
        })
      })
      server.once('error', reject)
    })
  }

  return { app, state: sim, start, dispose }
}
