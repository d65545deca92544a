/**
 * Simulator options and their defaults. Defaults are realistic (seconds, like a real phone and a
 * real WAHA); `fast: true` is the preset for tests (milliseconds, every phone acks).
 */
import type { ReputationPatch } from './reputation-config'
import type { Engine, WebhookConfig } from './types'

export interface SimTimings {
  /** STARTING → SCAN_QR_CODE (or → WORKING when already paired). */
  startDelayMs: number
  /** "Escanear"/pairing code confirmed → WORKING. */
  pairDelayMs: number
  /** A new QR value (and a repeated SCAN_QR_CODE event) this often. */
  qrRotateMs: number
  /** WAHA's waitUntilStatus: how long a send/QR request waits for the right status before 422. */
  statusWaitMs: number
  /** Send → `message.any` (own message, SERVER). */
  messageAnyDelayMs: number
  /** Send → ack 1 SERVER webhook (NOWEB, WEBJS; GOWS sends none). */
  serverAckMs: number
  /** Send → ack 2 DEVICE. */
  deviceAckMs: number
  /** Send → ack 3 READ. */
  readAckMs: number
  /** Default hang of a `timeout` failure before the late answer. */
  hangMs: number
  /** Per webhook attempt. */
  webhookTimeoutMs: number
  /** Multiplies `retries.delaySeconds` (tests shrink WAHA's 2 s retries). */
  webhookRetryScale: number
  /** Random 0..N ms before each delivery, so events do not arrive in a fixed order. */
  webhookJitterMs: number
  mediaFetchTimeoutMs: number
}

export interface SimSettings {
  engine: Engine
  timings: SimTimings
  /** Share of contacts whose phone never acks (hash of the chat id, so stable per contact). */
  neverDeliveredFraction: number
  /** Share of contacts that get DEVICE but never READ (read receipts off). */
  neverReadFraction: number
}

export interface SimulatorOptions {
  /** Value of X-Api-Key. `null` disables the check. Default `disparo-dev-key`. */
  apiKey?: string | null
  engine?: Engine
  /** Test preset: short timings, no jitter, every phone acks. Explicit values still win. */
  fast?: boolean
  timings?: Partial<SimTimings>
  neverDeliveredFraction?: number
  neverReadFraction?: number
  /** Like WAHA's WHATSAPP_HOOK_URL: webhooks for every session, not shown in session.config. */
  globalWebhooks?: WebhookConfig[]
  /**
   * The number-reputation model and the simulated audience (README "Reputation"), both off by
   * default. Any part of the config, the same shape as POST /_sim/reputation.
   */
  reputation?: ReputationPatch
  /** Reported in /api/server/version and webhook envelopes. */
  version?: string
  /** Where diagnostics go (default: nowhere). Never console.error: tests treat it as a failure. */
  log?: (line: string) => void
  now?: () => number
  random?: () => number
}

export const DEFAULT_API_KEY = 'disparo-dev-key'
export const WAHA_VERSION = '2026.7.1'

const REALISTIC: SimTimings = {
  startDelayMs: 1500,
  pairDelayMs: 1000,
  qrRotateMs: 20_000,
  statusWaitMs: 5000,
  messageAnyDelayMs: 150,
  serverAckMs: 400,
  deviceAckMs: 2500,
  readAckMs: 8000,
  hangMs: 60_000,
  webhookTimeoutMs: 10_000,
  webhookRetryScale: 1,
  webhookJitterMs: 250,
  mediaFetchTimeoutMs: 15_000,
}

const FAST: SimTimings = {
  startDelayMs: 20,
  pairDelayMs: 20,
  qrRotateMs: 60_000,
  statusWaitMs: 200,
  messageAnyDelayMs: 5,
  serverAckMs: 15,
  deviceAckMs: 30,
  readAckMs: 50,
  hangMs: 1000,
  webhookTimeoutMs: 2000,
  webhookRetryScale: 0.01,
  webhookJitterMs: 0,
  mediaFetchTimeoutMs: 2000,
}

export function resolveSettings(options: SimulatorOptions): SimSettings {
  const fast = options.fast === true
  return {
    engine: options.engine ?? 'GOWS',
    timings: { ...(fast ? FAST : REALISTIC), ...options.timings },
    neverDeliveredFraction: options.neverDeliveredFraction ?? (fast ? 0 : 0.05),
    neverReadFraction: options.neverReadFraction ?? (fast ? 0 : 0.25),
  }
}
