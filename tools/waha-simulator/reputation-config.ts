/**
 * Settings of the number-reputation model (reputation.ts) and of the simulated audience
 * (audience.ts): defaults, the zod schema that checks every change (control API, options, env),
 * and the merge. The numbers are an APPROXIMATION chosen to make the loop testable: WhatsApp
 * publishes no formula, so nothing here is ground truth. See README "Reputation".
 */
import { z } from 'zod'

const BAN_ACTIONS = ['logged-out', 'failed'] as const
type BanAction = (typeof BAN_ACTIONS)[number]

export interface ReputationConfig {
  /** Off by default: the simulator then behaves exactly as before. */
  enabled: boolean
  /** Seeds every random choice of the model and the audience (same seed + same sends = same outcomes). */
  seed: number
  /** Value (0–100) a number starts with; lower it to simulate a new, unwarmed number. */
  startValue: number
  thresholds: {
    /** Below this, sends to contacts the number never talked to answer 500 "error 463". */
    restrictNewContactsBelow: number
    /** Below this, messages are accepted but acks stay at SERVER (never DEVICE/READ). */
    stopDeliveryBelow: number
    /** Below this, the session goes FAILED (logged out by default) until restarted / re-paired. */
    failBelow: number
  }
  /** How WAHA reports the ban: FAILED with the pairing gone (`logged-out`) or plain FAILED. */
  banAs: BanAction
  /** After a ban, a restart / re-pair brings the number back at least at this value. */
  reinstateValue: number
  /** Points regained per hour of simulated clock, up to 100. */
  recoveryPerHour: number
  limits: {
    /** Sends in any 60 s above this cost `weights.speed` each. */
    perMinute: number
    /** A gap of this many minutes between sends counts as a rest. */
    restMinutes: number
    /** Sending longer than this without a rest costs `weights.noRest` per send. */
    streakMinutes: number
    /** A text already sent to this many other chats in the window costs `weights.identical`. */
    identicalChats: number
    identicalWindowMinutes: number
  }
  /** Points lost (or, for `reply`, gained) per event. */
  weights: {
    speed: number
    noRest: number
    firstContact: number
    identical: number
    badLink: number
    optOut: number
    reply: number
  }
  /** Hosts whose links count as bad (public URL shorteners); `http://` links always do. */
  badLinkHosts: string[]
  audience: AudienceConfig
}

interface AudienceConfig {
  /** Off by default; on, contacts answer by themselves (message webhooks after a delay). */
  enabled: boolean
  /** Chance of an answer to a personal text (has the contact's name, or no other chat got it). */
  replyPersonal: number
  /** Chance of an answer to any other text. */
  replyImpersonal: number
  /** Multiplies the answer chance of an identical mass text. */
  identicalReplyFactor: number
  /** Chance of "SAIR" for a careful text... */
  optOutBase: number
  /** ...plus this per careless trait of the send: fast, identical, impersonal. */
  optOutPerFlag: number
  replyDelayMs: { min: number; max: number }
}

export const DEFAULT_BAD_LINK_HOSTS = [
  'bit.ly',
  'tinyurl.com',
  'goo.gl',
  't.co',
  'ow.ly',
  'is.gd',
  'buff.ly',
  'cutt.ly',
  'rebrand.ly',
  'shorturl.at',
  'tiny.cc',
  'encurtador.com.br',
]

export function defaultReputationConfig(fast: boolean): ReputationConfig {
  return {
    enabled: false,
    seed: 1,
    startValue: 100,
    thresholds: { restrictNewContactsBelow: 60, stopDeliveryBelow: 40, failBelow: 20 },
    banAs: 'logged-out',
    reinstateValue: 50,
    recoveryPerHour: 5,
    limits: {
      perMinute: 2,
      restMinutes: 10,
      streakMinutes: 60,
      identicalChats: 3,
      identicalWindowMinutes: 60,
    },
    weights: {
      speed: 0.1,
      noRest: 0.05,
      firstContact: 0.1,
      identical: 0.1,
      badLink: 0.5,
      optOut: 3,
      reply: 1,
    },
    badLinkHosts: [...DEFAULT_BAD_LINK_HOSTS],
    audience: {
      enabled: false,
      replyPersonal: 0.3,
      replyImpersonal: 0.1,
      identicalReplyFactor: 0.5,
      optOutBase: 0.01,
      optOutPerFlag: 0.03,
      replyDelayMs: fast ? { min: 20, max: 80 } : { min: 20_000, max: 300_000 },
    },
  }
}

const between = (min: number, max: number) => {
  const message = `deve ser um número entre ${min} e ${max}`
  return z.number({ error: message }).min(min, message).max(max, message)
}
const probability = () => between(0, 1)
const bool = () => z.boolean({ error: 'deve ser true ou false' })

/** A partial change: every field optional, unknown fields refused (a typo must not pass silently). */
const patchSchema = z.strictObject({
  enabled: bool().optional(),
  seed: z.number({ error: 'deve ser um inteiro' }).int('deve ser um inteiro').optional(),
  startValue: between(0, 100).optional(),
  thresholds: z
    .strictObject({
      restrictNewContactsBelow: between(0, 100).optional(),
      stopDeliveryBelow: between(0, 100).optional(),
      failBelow: between(0, 100).optional(),
    })
    .optional(),
  banAs: z.enum(BAN_ACTIONS, { error: `deve ser um de: ${BAN_ACTIONS.join(', ')}` }).optional(),
  reinstateValue: between(0, 100).optional(),
  recoveryPerHour: between(0, 100).optional(),
  limits: z
    .strictObject({
      perMinute: between(0, 10_000).optional(),
      restMinutes: between(0, 24 * 60).optional(),
      streakMinutes: between(0, 7 * 24 * 60).optional(),
      identicalChats: between(0, 10_000).optional(),
      identicalWindowMinutes: between(0, 7 * 24 * 60).optional(),
    })
    .optional(),
  weights: z
    .strictObject({
      speed: between(0, 100).optional(),
      noRest: between(0, 100).optional(),
      firstContact: between(0, 100).optional(),
      identical: between(0, 100).optional(),
      badLink: between(0, 100).optional(),
      optOut: between(0, 100).optional(),
      reply: between(0, 100).optional(),
    })
    .optional(),
  badLinkHosts: z
    .array(z.string().regex(/^[a-z0-9.-]+$/i, 'deve ser um nome de host, como bit.ly'), {
      error: 'deve ser uma lista de hosts',
    })
    .optional(),
  audience: z
    .strictObject({
      enabled: bool().optional(),
      replyPersonal: probability().optional(),
      replyImpersonal: probability().optional(),
      identicalReplyFactor: probability().optional(),
      optOutBase: probability().optional(),
      optOutPerFlag: probability().optional(),
      replyDelayMs: z
        .strictObject({ min: between(0, 86_400_000).optional(), max: between(0, 86_400_000).optional() })
        .optional(),
    })
    .optional(),
})

export type ReputationPatch = z.infer<typeof patchSchema>

/** The checks that involve more than one field, on the merged result. */
function crossCheck(config: ReputationConfig): string[] {
  const errors: string[] = []
  const { restrictNewContactsBelow, stopDeliveryBelow, failBelow } = config.thresholds
  if (!(restrictNewContactsBelow >= stopDeliveryBelow && stopDeliveryBelow >= failBelow)) {
    errors.push(
      `thresholds: restrictNewContactsBelow (${restrictNewContactsBelow}) ≥ stopDeliveryBelow (${stopDeliveryBelow}) ≥ failBelow (${failBelow}) é obrigatório`,
    )
  }
  if (config.reinstateValue <= failBelow)
    errors.push(
      `reinstateValue (${config.reinstateValue}) deve ser maior que thresholds.failBelow (${failBelow})`,
    )
  const a = config.audience
  if (a.replyDelayMs.min > a.replyDelayMs.max)
    errors.push(
      `audience.replyDelayMs: min (${a.replyDelayMs.min}) não pode ser maior que max (${a.replyDelayMs.max})`,
    )
  const worst = Math.max(a.replyPersonal, a.replyImpersonal) + a.optOutBase + 3 * a.optOutPerFlag
  if (worst > 1)
    errors.push(
      `audience: a maior chance de resposta + optOutBase + 3 × optOutPerFlag passa de 1 (${worst.toFixed(3)}); diminua algum deles`,
    )
  return errors
}

function issueText(issue: z.core.$ZodIssue): string {
  const at = issue.path.join('.')
  if (issue.code === 'unrecognized_keys')
    return issue.keys.map((key) => `campo desconhecido: ${at ? `${at}.` : ''}${key}`).join('; ')
  return at ? `${at}: ${issue.message}` : issue.message
}

/** Applies a change to a copy of `current`; on bad input returns the messages and changes nothing. */
export function mergeReputationConfig(
  current: ReputationConfig,
  input: unknown,
): { config: ReputationConfig; errors?: undefined } | { errors: string[]; config?: undefined } {
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    return { errors: ['a configuração deve ser um objeto JSON'] }
  const parsed = patchSchema.safeParse(input)
  if (!parsed.success) return { errors: parsed.error.issues.map(issueText) }
  const p = parsed.data
  const config: ReputationConfig = {
    ...current,
    ...pick(p, ['enabled', 'seed', 'startValue', 'banAs', 'reinstateValue', 'recoveryPerHour']),
    thresholds: { ...current.thresholds, ...p.thresholds },
    limits: { ...current.limits, ...p.limits },
    weights: { ...current.weights, ...p.weights },
    badLinkHosts: p.badLinkHosts ? p.badLinkHosts.map((host) => host.toLowerCase()) : current.badLinkHosts,
    audience: {
      ...current.audience,
      ...pick(p.audience ?? {}, [
        'enabled',
        'replyPersonal',
        'replyImpersonal',
        'identicalReplyFactor',
        'optOutBase',
        'optOutPerFlag',
      ]),
      replyDelayMs: { ...current.audience.replyDelayMs, ...p.audience?.replyDelayMs },
    },
  }
  const errors = crossCheck(config)
  return errors.length > 0 ? { errors } : { config }
}

/** The defined fields of `source` among `keys` (so `undefined` never overwrites a value). */
function pick<T extends object, K extends keyof T>(source: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {}
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key]
  return out
}

/**
 * The change the environment asks for (`npm run simulator`, `npm start`, benches):
 * WAHA_SIM_REPUTATION=1, WAHA_SIM_AUDIENCE=1, WAHA_SIM_SEED, WAHA_SIM_REPUTATION_START and
 * WAHA_SIM_REPUTATION_CONFIG (JSON, the same shape as POST /_sim/reputation; the others win).
 */
export function reputationPatchFromEnv(
  env: Record<string, string | undefined>,
): { patch: Record<string, unknown>; error?: undefined } | { error: string; patch?: undefined } {
  let patch: Record<string, unknown> = {}
  if (env.WAHA_SIM_REPUTATION_CONFIG) {
    try {
      patch = JSON.parse(env.WAHA_SIM_REPUTATION_CONFIG)
    } catch (error) {
      return { error: `WAHA_SIM_REPUTATION_CONFIG não é JSON: ${(error as Error).message}` }
    }
    if (!patch || typeof patch !== 'object' || Array.isArray(patch))
      return { error: 'WAHA_SIM_REPUTATION_CONFIG deve ser um objeto JSON' }
  }
  const flag = (name: string) => {
    const value = env[name]
    if (value === undefined || value === '') return undefined
    if (value === '1' || value === 'true') return true
    if (value === '0' || value === 'false') return false
    return value // refused by the schema with the variable's field name
  }
  const number = (name: string) => {
    const value = env[name]
    return value === undefined || value === ''
      ? undefined
      : Number.isNaN(Number(value))
        ? value
        : Number(value)
  }
  const enabled = flag('WAHA_SIM_REPUTATION')
  if (enabled !== undefined) patch.enabled = enabled
  const seed = number('WAHA_SIM_SEED')
  if (seed !== undefined) patch.seed = seed
  const start = number('WAHA_SIM_REPUTATION_START')
  if (start !== undefined) patch.startValue = start
  const audience = flag('WAHA_SIM_AUDIENCE')
  if (audience !== undefined)
    patch.audience = { ...(patch.audience as Record<string, unknown> | undefined), enabled: audience }
  return { patch }
}
