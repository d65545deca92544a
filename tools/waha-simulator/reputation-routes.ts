/**
 * Control API of the reputation model (no API key, like every /_sim route):
 * - GET /_sim/reputation[?session=]: the config and, per session, its number's value, state,
 *   components (points per cause) and counts;
 * - POST /_sim/reputation: any part of the config (thresholds, weights, limits, seed, start value,
 *   recovery, audience...), and/or `{session | phone, value}` to set a number's value directly.
 *   Bad input → 400 with every problem listed; nothing is changed then.
 */
import type { Context, Hono } from 'hono'
import { fail, type Input, readInput, reply } from './control'
import { setReputation } from './reputation'
import { mergeReputationConfig } from './reputation-config'
import { numberOf, sessionReputation } from './reputation-store'
import type { Sim } from './sim-state'

/** Fields of the POST body that set a value instead of changing the config. */
const SET_FIELDS = ['session', 'phone', 'value'] as const

function overview(sim: Sim, only?: string) {
  const sessions = [...sim.sessions.values()].filter((s) => !only || s.name === only)
  return {
    enabled: sim.reputation.config.enabled,
    config: sim.reputation.config,
    sessions: sessions.map((session) => sessionReputation(sim, session)),
  }
}

/** The number a `{session | phone, value}` request names, or the message saying what to fix. */
function target(
  sim: Sim,
  input: Input,
): { number: string; value: number } | { error: string; status: 400 | 404 | 409 } {
  const { session: name, phone, value } = input
  if (name !== undefined && phone !== undefined)
    return { error: 'Informe session ou phone, não os dois.', status: 400 }
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 100)
    return { error: 'value: deve ser um número entre 0 e 100', status: 400 }
  if (typeof phone === 'string') {
    const digits = phone.replace(/\D/g, '')
    if (digits.length < 10 || digits.length > 15)
      return { error: 'phone: deve ter de 10 a 15 dígitos (com DDI), como 5511999990000', status: 400 }
    return { number: digits, value }
  }
  if (typeof name !== 'string' || name === '')
    return { error: 'Informe session (nome da sessão) ou phone junto com value.', status: 400 }
  const session = sim.sessions.get(name)
  if (!session) return { error: `Sessão '${name}' não existe.`, status: 404 }
  const number = numberOf(sim, session)
  if (!number)
    return { error: `A sessão '${name}' ainda não tem número: escaneie o QR primeiro.`, status: 409 }
  return { number, value }
}

export function registerReputationRoutes(app: Hono, sim: Sim) {
  app.get('/_sim/reputation', (c) => {
    const only = c.req.query('session')
    if (only && !sim.sessions.has(only)) return c.json({ error: `Sessão '${only}' não existe.` }, 404)
    return c.json(overview(sim, only))
  })

  app.post('/_sim/reputation', async (c: Context) => {
    const { input, form } = await readInput(c)
    if (input.__invalid) return fail(c, form, 'O corpo não é um JSON válido.')
    if (Array.isArray(input)) return fail(c, form, 'a configuração deve ser um objeto JSON')
    const configPart = Object.fromEntries(
      Object.entries(input).filter(([key]) => !(SET_FIELDS as readonly string[]).includes(key)),
    )
    const merged = mergeReputationConfig(sim.reputation.config, configPart)
    if (merged.errors) return fail(c, form, merged.errors.join('; '))
    const wantsSet = SET_FIELDS.some((key) => input[key] !== undefined)
    const set = wantsSet ? target(sim, input) : null
    if (set && 'error' in set) return fail(c, form, set.error, set.status)
    sim.reputation.config = merged.config
    if (set) setReputation(sim, set.number, set.value)
    return reply(c, form, overview(sim))
  })
}
