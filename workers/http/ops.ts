// The operator's routes (decision 044), off unless the OPS_TOKEN secret is set; a bearer token, never a
// cookie. `npm run team:move` drives them:
//   POST /ops/team-moves            {"team": "<id or exact name>", "target": "SHARD_2"}  -> the move
//   POST /ops/team-moves/:id/advance  a slice of work (≤ 10 s) -> where it stands
//   GET  /ops/team-moves/:id          where it stands
//   GET  /ops/team-moves?team=<ref>   the team's latest move (to resume one already open)
import { Hono } from 'hono'
import { createAppContext } from '../../app/core/context.server'
import { hmacSha256Base64url, timingSafeEqual } from '../../app/core/crypto/hmac'
import { advanceMove, latestMove, moveStatus, requestMove } from '../../app/core/tenants/move/move.server'
import { resolveTeam } from '../../app/core/tenants/move/operator.server'

export const ops = new Hono<{ Bindings: Env }>()

const ADVANCE_BUDGET_MS = 10_000

/** Compares MACs of both under the token itself: equal length, constant time. */
async function sameToken(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([
    hmacSha256Base64url(expected, given),
    hmacSha256Base64url(expected, expected),
  ])
  return timingSafeEqual(a, b)
}

ops.use('*', async (c, next) => {
  const expected = createAppContext(c.env).config.opsToken
  if (!expected) return c.notFound()
  const given = /^Bearer (.+)$/.exec(c.req.header('Authorization') ?? '')?.[1] ?? ''
  if (!(await sameToken(given, expected))) return c.json({ error: 'unauthorized' }, 401)
  await next()
})

ops.post('/team-moves', async (c) => {
  const body = (await c.req.json().catch(() => null)) as { team?: unknown; target?: unknown } | null
  if (typeof body?.team !== 'string' || typeof body.target !== 'string')
    return c.json({ error: 'badRequest', detail: 'body: {"team": "...", "target": "SHARD_n"}' }, 400)
  const ctx = createAppContext(c.env)
  const team = await resolveTeam(ctx, body.team)
  if (!team.ok) return c.json({ error: team.code, detail: team.detail }, 404)
  const r = await requestMove(ctx, team.id, body.target)
  if (!r.ok) return c.json({ error: r.code, detail: r.detail }, r.code === 'alreadyMoving' ? 409 : 400)
  return c.json({ ...r, team: team.id, name: team.name }, 201)
})

ops.get('/team-moves', async (c) => {
  const ctx = createAppContext(c.env)
  const team = await resolveTeam(ctx, c.req.query('team') ?? '')
  if (!team.ok) return c.json({ error: team.code, detail: team.detail }, 404)
  const move = await latestMove(ctx, team.id)
  return move ? c.json(await moveStatus(ctx, move.id)) : c.json({ error: 'notFound' }, 404)
})

ops.post('/team-moves/:id/advance', async (c) => {
  const ctx = createAppContext(c.env)
  return c.json(await advanceMove(ctx, c.req.param('id'), { budgetMs: ADVANCE_BUDGET_MS }))
})

ops.get('/team-moves/:id', async (c) => {
  const status = await moveStatus(createAppContext(c.env), c.req.param('id'))
  return status ? c.json(status) : c.json({ error: 'notFound' }, 404)
})
