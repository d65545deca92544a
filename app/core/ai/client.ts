// OpenAI-compatible AI client: listModels (GET /models), chatCompletion (POST /chat/completions)
// and testProvider ("Testar" on the provider form). Calls go through safeFetch (outbound URL check,
// timeout, size cap, no redirects); failures come back as AiError values, never thrown.

import { text } from '../../i18n/text'
import { type SafeResponse, safeFetch } from '../net/safe-fetch'
import {
  type AiError,
  type AiResult,
  aiError,
  classifyAiHttp,
  fromSafeFetch,
  providerErrorInfo,
} from './errors'
import { type AiProviderConfig, resolveEndpoint } from './platforms'

/** A chat message. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant'
  content: string
}

/** Dependencies and limits of one call. */
export interface AiCallOptions {
  fetch?: typeof fetch
  timeoutMs?: number
  /** Allow private/loopback base URLs (Ollama on the same machine, local development). Default false. */
  allowPrivate?: boolean
  maxBytes?: number
  signal?: AbortSignal
  clock?: { now(): number }
}

/** Generation parameters plus call options. */
export interface ChatOptions extends AiCallOptions {
  maxTokens?: number
  temperature?: number
}

/** A finished completion. */
export interface ChatCompletion {
  text: string
  model: string | null
  finishReason: string | null
}

const DEFAULT_LIST_TIMEOUT_MS = 15_000
export const DEFAULT_CHAT_TIMEOUT_MS = 60_000

/** Sends one request to the provider; returns the 2xx response or a classified error. */
export async function providerRequest(
  config: AiProviderConfig,
  path: string,
  init: { method: 'GET' | 'POST'; body?: unknown; accept?: string },
  options: AiCallOptions,
  defaultTimeoutMs: number,
): Promise<AiResult<SafeResponse>> {
  const endpoint = resolveEndpoint(config)
  if (!endpoint.ok) return { ok: false, error: aiError('invalid_config', null, null, endpoint.text) }
  const headers: Record<string, string> = {
    ...endpoint.value.headers,
    Accept: init.accept ?? 'application/json',
  }
  if (init.body !== undefined) headers['Content-Type'] = 'application/json'
  const result = await safeFetch(
    `${endpoint.value.baseUrl}${path}`,
    {
      method: init.method,
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: options.signal,
    },
    {
      fetch: options.fetch,
      timeoutMs: options.timeoutMs ?? defaultTimeoutMs,
      maxBytes: options.maxBytes,
      allowPrivate: options.allowPrivate ?? false,
    },
  )
  if (!result.ok) return { ok: false, error: fromSafeFetch(result.error) }
  const { response } = result
  if (response.status < 200 || response.status > 299) {
    const text = await response.readText()
    return { ok: false, error: classifyAiHttp(response.status, text.ok ? text.value : '') }
  }
  return { ok: true, value: response }
}

/** Reads a 2xx body as JSON; an error object inside a 200 (OpenRouter does this) is classified too. */
export async function readProviderJson(response: SafeResponse): Promise<AiResult<Record<string, unknown>>> {
  const text = await response.readText()
  if (!text.ok) return { ok: false, error: fromSafeFetch(text.error) }
  let json: unknown
  try {
    json = JSON.parse(text.value)
  } catch {
    return { ok: false, error: aiError('bad_response', response.status, text.value.slice(0, 200)) }
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    return { ok: false, error: aiError('bad_response', response.status, text.value.slice(0, 200)) }
  }
  const record = json as Record<string, unknown>
  if (record.error) {
    const inner = record.error as { code?: unknown }
    const status = typeof inner.code === 'number' && inner.code >= 400 ? inner.code : 400
    const info = providerErrorInfo(record)
    return {
      ok: false,
      error: classifyAiHttp(status, JSON.stringify({ error: { message: info.text, code: info.code } })),
    }
  }
  return { ok: true, value: record }
}

/** GET /models: the model ids the provider offers (sorted, unique). */
export async function listModels(
  config: AiProviderConfig,
  options: AiCallOptions = {},
): Promise<AiResult<string[]>> {
  const response = await providerRequest(
    config,
    '/models',
    { method: 'GET' },
    options,
    DEFAULT_LIST_TIMEOUT_MS,
  )
  if (!response.ok) return response
  const json = await readProviderJson(response.value)
  if (!json.ok) return json
  const list = Array.isArray(json.value.data)
    ? json.value.data
    : Array.isArray(json.value.models)
      ? json.value.models
      : null
  if (!list) return { ok: false, error: aiError('bad_response', 200, 'no data[] in /models') }
  const ids = list
    .map((m) =>
      m && typeof m === 'object'
        ? ((m as { id?: unknown; name?: unknown }).id ?? (m as { name?: unknown }).name)
        : m,
    )
    .filter((id): id is string => typeof id === 'string' && id !== '')
  return { ok: true, value: [...new Set(ids)].sort() }
}

/** Extracts the text of a message content (string, or an array of text parts). */
function contentText(content: unknown): string | null {
  if (typeof content === 'string') return content
  if (Array.isArray(content)) {
    const parts = content
      .map((p) => (p && typeof p === 'object' ? (p as { text?: unknown }).text : p))
      .filter((t): t is string => typeof t === 'string')
    return parts.length > 0 ? parts.join('') : null
  }
  return null
}

/** Builds the chat completions request body. */
export function chatBody(
  config: AiProviderConfig,
  messages: ChatMessage[],
  options: ChatOptions,
  stream: boolean,
) {
  return {
    model: config.model ?? '',
    messages,
    ...(options.maxTokens !== undefined ? { max_tokens: options.maxTokens } : {}),
    ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
    stream,
  }
}

/** Parses a non-streaming completion body. */
export function completionFromJson(json: Record<string, unknown>): AiResult<ChatCompletion> {
  const choice = Array.isArray(json.choices)
    ? (json.choices[0] as Record<string, unknown> | undefined)
    : undefined
  const message = choice?.message as { content?: unknown } | undefined
  const text = contentText(message?.content)
  if (text === null)
    return { ok: false, error: aiError('bad_response', 200, 'no choices[0].message.content') }
  return {
    ok: true,
    value: {
      text,
      model: typeof json.model === 'string' ? json.model : null,
      finishReason: typeof choice?.finish_reason === 'string' ? choice.finish_reason : null,
    },
  }
}

const missingModel = (): AiError => aiError('invalid_config', null, null, text('ai.error.modelRequired'))

/** POST /chat/completions (non-streaming). */
export async function chatCompletion(
  config: AiProviderConfig,
  messages: ChatMessage[],
  options: ChatOptions = {},
): Promise<AiResult<ChatCompletion>> {
  if (!config.model?.trim()) return { ok: false, error: missingModel() }
  const body = chatBody(config, messages, options, false)
  const response = await providerRequest(
    config,
    '/chat/completions',
    { method: 'POST', body },
    options,
    DEFAULT_CHAT_TIMEOUT_MS,
  )
  if (!response.ok) return response
  const json = await readProviderJson(response.value)
  return json.ok ? completionFromJson(json.value) : json
}

/** True when `model` is in the list (Ollama: `llama3.2` matches `llama3.2:latest`). */
export function hasModel(models: string[], model: string): boolean {
  return (
    models.includes(model) ||
    models.includes(`${model}:latest`) ||
    models.some((m) => m === model.replace(/:latest$/, ''))
  )
}

/** Result of testProvider. */
export interface ProviderTest {
  models: string[]
  model: string
  latencyMs: number
}

/** The test's refusal when no model is chosen (with a few the provider offers, when it listed them). */
function modelRequiredForTest(models: string[]): AiError {
  const some = models.slice(0, 5).join(', ')
  return aiError(
    'invalid_config',
    null,
    null,
    some
      ? text('ai.error.modelRequiredForTestSome', { models: some })
      : text('ai.error.modelRequiredForTest'),
  )
}

/**
 * "Testar": lists the models, checks the chosen model is among them, then makes a tiny completion on
 * that model, so a bad key is caught even where /models is public (OpenRouter) and a model the
 * provider refuses fails here rather than in "Gerar sugestões". No model chosen: the test fails (the
 * same call would fail when generating). Providers without /models skip the list.
 */
export async function testProvider(
  config: AiProviderConfig,
  options: AiCallOptions = {},
): Promise<AiResult<ProviderTest>> {
  const now = () => options.clock?.now() ?? Date.now()
  const started = now()
  const listed = await listModels(config, options)
  const listMissing = !listed.ok && listed.error.kind === 'bad_response' && listed.error.httpStatus === 404
  if (!listed.ok && !listMissing) return listed
  const models = listed.ok ? listed.value : []
  const model = config.model?.trim() || null
  if (!model) return { ok: false, error: modelRequiredForTest(models) }
  if (models.length > 0 && !hasModel(models, model)) {
    const suggestions = models.slice(0, 5).join(', ')
    return {
      ok: false,
      error: aiError(
        'model_missing',
        null,
        model,
        text('ai.error.modelNotListed', { model, models: suggestions }),
      ),
    }
  }
  const ping = await chatCompletion(config, [{ role: 'user', content: 'Responda apenas: ok' }], {
    ...options,
    maxTokens: 5,
    temperature: 0,
  })
  if (!ping.ok) return ping
  return { ok: true, value: { models, model, latencyMs: Math.max(0, now() - started) } }
}
