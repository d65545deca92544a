// Parses the Worker's vars and secrets once per env object (an isolate keeps its env across requests).
// Missing secrets fail loudly, never silently.
import { z } from 'zod'

const EnvSchema = z.object({
  APP_ENV: z.enum(['development', 'test', 'production']).default('production'),
  ALLOW_PRIVATE_URLS: z.enum(['true', 'false']).default('false'),
  DEFAULT_WAHA_URL: z.string().default(''),
  SECRETS_KEY: z.string().min(40, 'SECRETS_KEY must be 32 random bytes in base64'),
  PASSWORD_PEPPER: z.string().min(16, 'PASSWORD_PEPPER must have at least 16 characters'),
  MEDIA_SIGNING_SECRET: z.string().min(16, 'MEDIA_SIGNING_SECRET must have at least 16 characters'),
  /** How long a send may wait for WAHA before it counts as ambiguous (ms). */
  WAHA_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(30_000),
  /** How long an outbound webhook endpoint may take to answer (ms, decision 033). */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(500).max(30_000).default(10_000),
  /** Finished campaigns older than this many days move their outbox to R2 (decision 042). */
  ARCHIVE_AFTER_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** D1 bindings new teams may be placed on, comma separated (decision 043); empty = the control DB. */
  TENANT_SHARDS: z
    .string()
    .default('')
    .refine((v) => v.split(',').every((n) => n.trim() === '' || /^[A-Z][A-Z0-9_]*$/.test(n.trim())), {
      message: 'TENANT_SHARDS must list D1 binding names (e.g. SHARD_1,SHARD_2)',
    }),
  /**
   * How long a team move waits after freezing before it copies (ms, decision 044): writers that found
   * the team's shard just before the freeze finish meanwhile.
   */
  MOVE_SETTLE_MS: z.coerce.number().int().min(0).max(600_000).default(70_000),
  /** The operator's bearer token for /ops/* (team moves, decision 044); unset = those routes do not exist. */
  OPS_TOKEN: z.string().min(32, 'OPS_TOKEN must have at least 32 characters').optional(),
})

export type AppConfig = {
  appEnv: 'development' | 'test' | 'production'
  allowPrivateUrls: boolean
  defaultWahaUrl: string
  secretsKey: string
  passwordPepper: string
  mediaSigningSecret: string
  wahaTimeoutMs: number
  webhookTimeoutMs: number
  archiveAfterDays: number
  /** The shard pool for new teams, never empty (decision 043). */
  tenantShards: readonly string[]
  /** Bearer token of the operator's /ops routes, or null when they are off. */
  opsToken: string | null
  /** A team move's wait between freezing and copying (decision 044). */
  moveSettleMs: number
}

/**
 * Parsed configurations by env object: the Worker's env is the same object for every request and
 * queue batch of an isolate, so its schema is checked once there, not on every webhook or send tick.
 * A different env object (a test's, a copy with one var changed) is parsed on its own. Frozen: one
 * caller cannot change another's configuration.
 */
const configs = new WeakMap<object, Readonly<AppConfig>>()

/** Reads configuration from the Worker env; throws with the names of what is missing. */
export function readConfig(env: Record<string, unknown>): AppConfig {
  const known = configs.get(env)
  if (known) return known
  const config = Object.freeze(parseConfig(env))
  configs.set(env, config)
  return config
}

function parseConfig(env: Record<string, unknown>): AppConfig {
  const parsed = EnvSchema.safeParse(env)
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    throw new Error(`Disparo is misconfigured (see .dev.vars.example): ${fields}`)
  }
  const e = parsed.data
  return {
    appEnv: e.APP_ENV,
    allowPrivateUrls: e.ALLOW_PRIVATE_URLS === 'true',
    defaultWahaUrl: e.DEFAULT_WAHA_URL,
    secretsKey: e.SECRETS_KEY,
    passwordPepper: e.PASSWORD_PEPPER,
    mediaSigningSecret: e.MEDIA_SIGNING_SECRET,
    wahaTimeoutMs: e.WAHA_TIMEOUT_MS,
    webhookTimeoutMs: e.WEBHOOK_TIMEOUT_MS,
    archiveAfterDays: e.ARCHIVE_AFTER_DAYS,
    tenantShards: Object.freeze(shardList(e.TENANT_SHARDS)),
    opsToken: e.OPS_TOKEN ?? null,
    moveSettleMs: e.MOVE_SETTLE_MS,
  }
}

function shardList(value: string): string[] {
  const names = [
    ...new Set(
      value
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean),
    ),
  ]
  return names.length > 0 ? names : ['DB']
}
