// AI platforms Disparo can use for "Usar IA": all speak the OpenAI-compatible chat completions API.
// The table gives the display name, default base URL, whether an API key is required and a model
// suggestion; `resolveEndpoint` turns a stored provider config into the URL and headers to call.
import { ptText } from '../../i18n'
import { type Text, text } from '../../i18n/text'

/** Supported AI platforms (docs/design.md §2, ai_providers.platform). */
export const AI_PLATFORMS = [
  'groq',
  'openrouter',
  'deepseek',
  'mistral',
  'qwen',
  'ollama',
  'openai-compatible',
] as const

/** One AI platform id. */
export type AiPlatform = (typeof AI_PLATFORMS)[number]

/** What the UI needs to know about a platform. */
export interface PlatformInfo {
  /** The platform's name in the reader's words (`ai.platformName.*`). */
  name: Text
  /** The name in pt-BR: what a provider saved without a name of its own is called. */
  displayName: string
  /** Empty for openai-compatible: the user must give one. */
  defaultBaseUrl: string
  keyRequired: boolean
  defaultModel: string
}

/** A platform's name by code, and in pt-BR. */
function named(platform: AiPlatform): Pick<PlatformInfo, 'name' | 'displayName'> {
  const name = text(`ai.platformName.${platform}`)
  return { name, displayName: ptText(name) }
}

/** The platform table. */
export const PLATFORMS: Record<AiPlatform, PlatformInfo> = {
  groq: {
    ...named('groq'),
    defaultBaseUrl: 'https://api.groq.com/openai/v1',
    keyRequired: true,
    defaultModel: 'llama-3.3-70b-versatile',
  },
  openrouter: {
    ...named('openrouter'),
    defaultBaseUrl: 'https://openrouter.ai/api/v1',
    keyRequired: true,
    defaultModel: 'meta-llama/llama-3.3-70b-instruct',
  },
  deepseek: {
    ...named('deepseek'),
    defaultBaseUrl: 'https://api.deepseek.com/v1',
    keyRequired: true,
    defaultModel: 'deepseek-chat',
  },
  mistral: {
    ...named('mistral'),
    defaultBaseUrl: 'https://api.mistral.ai/v1',
    keyRequired: true,
    defaultModel: 'mistral-small-latest',
  },
  qwen: {
    ...named('qwen'),
    defaultBaseUrl: 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1',
    keyRequired: true,
    defaultModel: 'qwen-plus',
  },
  ollama: {
    ...named('ollama'),
    defaultBaseUrl: 'http://localhost:11434/v1',
    keyRequired: false,
    defaultModel: 'llama3.2',
  },
  'openai-compatible': {
    ...named('openai-compatible'),
    defaultBaseUrl: '',
    keyRequired: false,
    defaultModel: '',
  },
}

/** True when the value is a supported platform id. */
export function isAiPlatform(value: unknown): value is AiPlatform {
  return typeof value === 'string' && (AI_PLATFORMS as readonly string[]).includes(value)
}

/** A stored provider configuration (the key already decrypted). */
/** What pages may see of a saved provider: never the key, only its masked tail. */
export interface ProviderView {
  id: string
  platform: AiPlatform
  name: string
  baseUrl: string
  model: string | null
  hasKey: boolean
  keyMask: string | null
  status: 'untested' | 'active' | 'error'
  lastTestedAt: number | null
  /** Why the last test failed (a stored text; rows from before codes: their pt-BR sentence). */
  lastError: Text | null
  isDefault: boolean
}

export interface AiProviderConfig {
  platform: AiPlatform
  baseUrl?: string | null
  apiKey?: string | null
  model?: string | null
}

/** Where and how to call a provider. */
export interface AiEndpoint {
  baseUrl: string
  headers: Record<string, string>
}

/** Resolves base URL and headers; says what is missing (a text) when the config is incomplete. */
export function resolveEndpoint(
  config: AiProviderConfig,
): { ok: true; value: AiEndpoint } | { ok: false; text: Text } {
  const info = PLATFORMS[config.platform]
  if (!info) return { ok: false, text: text('ai.error.platformUnknown') }
  let baseUrl = (config.baseUrl ?? '').trim() || info.defaultBaseUrl
  if (baseUrl === '') return { ok: false, text: text('ai.error.baseUrlRequired') }
  baseUrl = baseUrl.replace(/\/+$/, '')
  // Ollama's OpenAI-compatible API lives under /v1; people often paste the bare server address.
  if (config.platform === 'ollama' && !/\/v1$/.test(baseUrl)) baseUrl = `${baseUrl}/v1`
  const apiKey = (config.apiKey ?? '').trim()
  if (info.keyRequired && apiKey === '') {
    return { ok: false, text: text('ai.error.keyRequiredFor', { platform: info.name }) }
  }
  const headers: Record<string, string> = {}
  if (apiKey !== '') headers.Authorization = `Bearer ${apiKey}`
  if (config.platform === 'openrouter') headers['X-Title'] = 'Disparo'
  return { ok: true, value: { baseUrl, headers } }
}
