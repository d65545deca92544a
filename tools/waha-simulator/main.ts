/**
 * CLI: `npx tsx tools/waha-simulator/main.ts` (or `npm run simulator`). Listens on 127.0.0.1.
 * Env: WAHA_SIM_PORT (3100), WAHA_SIM_API_KEY (disparo-dev-key), WAHA_SIM_ENGINE (GOWS|NOWEB|WEBJS),
 * WAHA_SIM_FAST=1 (test timings), WHATSAPP_HOOK_URL / WHATSAPP_HOOK_EVENTS / WHATSAPP_HOOK_HMAC_KEY
 * (a global webhook, like WAHA's). Reputation model and audience (README "Reputation"):
 * WAHA_SIM_REPUTATION=1, WAHA_SIM_AUDIENCE=1, WAHA_SIM_SEED, WAHA_SIM_REPUTATION_START,
 * WAHA_SIM_REPUTATION_CONFIG (JSON, same shape as POST /_sim/reputation).
 */
import { type ReputationPatch, reputationPatchFromEnv } from './reputation-config'
import { createSimulator } from './server'
import { DEFAULT_API_KEY } from './settings'
import { ENGINES, type Engine, type WebhookConfig } from './types'

const env = process.env
const port = Number(env.WAHA_SIM_PORT ?? 3100)
const engine = (env.WAHA_SIM_ENGINE ?? 'GOWS').toUpperCase() as Engine
if (!ENGINES.includes(engine)) {
  console.error(`WAHA_SIM_ENGINE must be one of ${ENGINES.join(', ')}`)
  process.exit(2)
}
const globalWebhooks: WebhookConfig[] = env.WHATSAPP_HOOK_URL
  ? [
      {
        url: env.WHATSAPP_HOOK_URL,
        events: (env.WHATSAPP_HOOK_EVENTS ?? '*').split(',').map((event: string) => event.trim()),
        hmac: env.WHATSAPP_HOOK_HMAC_KEY ? { key: env.WHATSAPP_HOOK_HMAC_KEY } : null,
      },
    ]
  : []

const reputation = reputationPatchFromEnv(env)
if (reputation.error) {
  console.error(reputation.error)
  process.exit(2)
}

function create() {
  try {
    return createSimulator({
      apiKey: env.WAHA_SIM_API_KEY || DEFAULT_API_KEY,
      engine,
      fast: env.WAHA_SIM_FAST === '1',
      globalWebhooks,
      reputation: reputation.patch as ReputationPatch, // checked by createSimulator
      log: (line) => console.log(line),
    })
  } catch (error) {
    // A bad WAHA_SIM_REPUTATION* value: say which field, and stop.
    console.error(
      `${(error as Error).message} (variáveis WAHA_SIM_REPUTATION*, WAHA_SIM_AUDIENCE, WAHA_SIM_SEED)`,
    )
    process.exit(2)
    throw error // not reached: process.exit does not return
  }
}
const simulator = create()

const running = await simulator.start(port)
console.log(`Simulador WAHA em ${running.url} (motor ${engine}, X-Api-Key: ${simulator.state.apiKey})`)
console.log(`O celular: ${running.url}/_sim/  ·  IA falsa: ${running.url}/ai/v1 (chave sk-test-valid)`)
const { config } = simulator.state.reputation
if (config.enabled || config.audience.enabled)
  console.log(
    `Reputação dos números: ${config.enabled ? 'ligada' : 'desligada'} · público simulado: ${config.audience.enabled ? 'ligado' : 'desligado'} · semente ${config.seed}`,
  )

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void running.close().then(() => process.exit(0))
  })
}
