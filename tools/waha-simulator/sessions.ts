/**
 * /api/sessions*: create, list, get, update (PUT), delete, start, stop, restart, logout, me
 * (CONTRACT §3). POST → 201, others 200; unknown session → 404 "Session not found".
 */
import type { Context, Hono } from 'hono'
import { type JsonObject, readJsonBody } from './http-helpers'
import { createSession, logoutSession, restartSession, startSession, stopSession } from './lifecycle'
import { reputationTimelock } from './reputation'
import { engineOf, type Sim } from './sim-state'
import { RETRY_POLICIES, type SessionConfig, type SimSession } from './types'
import { badRequest, sessionNotFound, unprocessable } from './waha-errors'

const exposedMe = (session: SimSession) => (session.status === 'WORKING' ? session.paired : null)

function sessionDTO(sim: Sim, session: SimSession) {
  return {
    name: session.name,
    status: session.status,
    config: session.config,
    me: exposedMe(session),
    engine: { engine: engineOf(sim, session) },
  }
}

function sessionInfo(sim: Sim, session: SimSession) {
  return {
    name: session.name,
    status: session.status,
    config: session.config,
    me: exposedMe(session),
    presence: session.status === 'WORKING' ? 'offline' : null,
    timestamps: { activity: session.activityAt },
    engine: { engine: engineOf(sim, session) },
  }
}

/** class-validator checks WAHA makes on SessionConfig (the ones a client can get wrong). */
function validateConfig(config: unknown): string[] {
  if (config === undefined || config === null) return []
  if (typeof config !== 'object' || Array.isArray(config)) return ['config must be an object']
  const { webhooks } = config as JsonObject
  if (webhooks === undefined) return []
  if (!Array.isArray(webhooks)) return ['config.webhooks must be an array']
  const errors: string[] = []
  webhooks.forEach((hook: JsonObject, i) => {
    const at = `config.webhooks.${i}`
    let valid = false
    try {
      valid = typeof hook?.url === 'string' && /^https?:$/.test(new URL(hook.url).protocol)
    } catch {}
    if (!valid) errors.push(`${at}.url must be a URL address`)
    if (!Array.isArray(hook?.events)) errors.push(`${at}.events must be an array`)
    const retries = hook?.retries as JsonObject | undefined
    if (retries?.policy !== undefined && !(RETRY_POLICIES as readonly unknown[]).includes(retries.policy)) {
      errors.push(`${at}.retries.policy must be one of the following values: ${RETRY_POLICIES.join(', ')}`)
    }
  })
  return errors
}

export function registerSessionRoutes(app: Hono, sim: Sim) {
  const find = (c: Context) => sim.sessions.get(c.req.param('session') ?? '')

  app.post('/api/sessions', async (c) => {
    const body = await readJsonBody(c)
    if (body instanceof Response) return body
    const errors = validateConfig(body.config)
    if (body.name !== undefined && typeof body.name !== 'string') errors.unshift('name must be a string')
    if (errors.length > 0) return badRequest(errors)
    const name =
      (body.name as string | undefined) || `session_${Math.floor(sim.random() * 16 ** 8).toString(16)}`
    if (sim.sessions.has(name))
      return unprocessable(`Session '${name}' already exists. Use PUT to update it.`)
    const session = createSession(sim, name, body.config as SessionConfig | undefined, body.apps)
    if (body.start !== false) startSession(sim, session)
    return c.json(sessionDTO(sim, session), 201)
  })

  app.get('/api/sessions', (c) => {
    const all = c.req.query('all') === 'true'
    const list = [...sim.sessions.values()].filter((s) => all || s.status !== 'STOPPED')
    return c.json(list.map((s) => sessionInfo(sim, s)))
  })

  app.get('/api/sessions/:session', (c) => {
    const session = find(c)
    return session ? c.json(sessionInfo(sim, session)) : sessionNotFound()
  })

  app.put('/api/sessions/:session', async (c) => {
    const session = find(c)
    if (!session) return sessionNotFound()
    const body = await readJsonBody(c)
    if (body instanceof Response) return body
    const errors = validateConfig(body.config)
    if (errors.length > 0) return badRequest(errors)
    session.config = body.config as SessionConfig | undefined
    if (body.apps !== undefined) session.apps = body.apps
    if (session.status !== 'STOPPED') restartSession(sim, session)
    return c.json(sessionDTO(sim, session))
  })

  // Stop + logout + delete; idempotent, empty 200 body.
  app.delete('/api/sessions/:session', (c) => {
    const session = find(c)
    if (session) {
      stopSession(sim, session)
      sim.sessions.delete(session.name)
    }
    return c.body(null, 200)
  })

  const action = (path: string, run: (session: SimSession) => void) =>
    app.post(`/api/sessions/:session/${path}`, (c) => {
      const session = find(c)
      if (!session) return sessionNotFound()
      run(session)
      return c.json(sessionDTO(sim, session), 201)
    })
  action('start', (s) => startSession(sim, s))
  action('stop', (s) => stopSession(sim, s))
  action('restart', (s) => restartSession(sim, s))
  action('logout', (s) => logoutSession(sim, s))

  app.get('/api/sessions/:session/me', (c) => {
    const session = find(c)
    if (!session) return sessionNotFound()
    const me = exposedMe(session)
    if (!me) return c.json(null)
    // A lock set through the control API wins; else the reputation model's restriction, if any.
    const lock = session.reachoutTimelock ?? reputationTimelock(sim, session)
    if (!lock) return c.json(me)
    const isActive = lock.isActive && lock.timeEnforcementEnds * 1000 > sim.now()
    return c.json({ ...me, reachoutTimelock: { ...lock, isActive } })
  })
}
