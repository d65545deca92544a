import type { ServerResponse } from 'node:http'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  type RecordedRequest,
  refusedUrl,
  startClosingServer,
  startHtmlServer,
  startServer,
  startSilentServer,
  type TestServer,
} from '../../../tests/fixtures/test-servers'
import { chatCompletion, hasModel, listModels, testProvider } from './client'
import { type AiProviderConfig, PLATFORMS, resolveEndpoint } from './platforms'

type Handler = (req: RecordedRequest, res: ServerResponse) => void
const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}
const MODELS = {
  object: 'list',
  data: [{ id: 'llama-3.3-70b-versatile' }, { id: 'gemma2-9b-it' }, { id: 'gemma2-9b-it' }],
}
const COMPLETION = {
  model: 'llama-3.3-70b-versatile',
  choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
}

let provider: TestServer
let routes: Record<string, Handler>
const extra: TestServer[] = []
beforeEach(async () => {
  routes = {
    'GET /v1/models': (_req, res) => json(res, 200, MODELS),
    'POST /v1/chat/completions': (_req, res) => json(res, 200, COMPLETION),
  }
  provider = await startServer((req, res) => {
    const handler = routes[`${req.method} ${req.path}`]
    if (handler) handler(req, res)
    else json(res, 404, { error: { message: 'Not found' } })
  })
})
afterEach(async () => {
  await Promise.all([provider.close(), ...extra.splice(0).map((s) => s.close())])
})

const config = (overrides: Partial<AiProviderConfig> = {}): AiProviderConfig => ({
  platform: 'groq',
  baseUrl: `${provider.url}/v1`,
  apiKey: 'gsk_test',
  model: 'llama-3.3-70b-versatile',
  ...overrides,
})
const dev = { allowPrivate: true, timeoutMs: 2000 }
const on = async (server: Promise<TestServer>) => {
  const s = await server
  extra.push(s)
  return s.url
}

describe('platforms', () => {
  it('should carry the documented default base URLs', () => {
    expect(PLATFORMS.groq.defaultBaseUrl).toBe('https://api.groq.com/openai/v1')
    expect(PLATFORMS.openrouter.defaultBaseUrl).toBe('https://openrouter.ai/api/v1')
    expect(PLATFORMS.deepseek.defaultBaseUrl).toBe('https://api.deepseek.com/v1')
    expect(PLATFORMS.mistral.defaultBaseUrl).toBe('https://api.mistral.ai/v1')
    expect(PLATFORMS.qwen.defaultBaseUrl).toBe('https://dashscope-intl.aliyuncs.com/compatible-mode/v1')
    expect(PLATFORMS.ollama).toMatchObject({
      defaultBaseUrl: 'http://localhost:11434/v1',
      keyRequired: false,
    })
  })

  it('should resolve defaults, trailing slashes and the Ollama /v1 suffix', () => {
    expect(resolveEndpoint({ platform: 'deepseek', apiKey: 'k' })).toMatchObject({
      ok: true,
      value: { baseUrl: 'https://api.deepseek.com/v1', headers: { Authorization: 'Bearer k' } },
    })
    expect(resolveEndpoint({ platform: 'ollama', baseUrl: 'http://gpu.lan:11434/' })).toMatchObject({
      ok: true,
      value: { baseUrl: 'http://gpu.lan:11434/v1', headers: {} },
    })
    expect(resolveEndpoint({ platform: 'openrouter', apiKey: 'k' })).toMatchObject({
      value: { headers: { 'X-Title': 'Disparo' } },
    })
  })

  it('should refuse a missing key or base URL with a message', () => {
    expect(resolveEndpoint({ platform: 'mistral', apiKey: ' ' })).toMatchObject({ ok: false })
    expect(resolveEndpoint({ platform: 'openai-compatible' })).toMatchObject({ ok: false })
    expect(resolveEndpoint({ platform: 'nope' as 'groq' })).toMatchObject({ ok: false })
  })
})

describe('listModels', () => {
  it('should list unique sorted ids with the bearer key', async () => {
    expect(await listModels(config(), dev)).toEqual({
      ok: true,
      value: ['gemma2-9b-it', 'llama-3.3-70b-versatile'],
    })
    expect(provider.requests[0]?.headers.authorization).toBe('Bearer gsk_test')
  })

  it.each([
    [401, { error: { message: 'Invalid API Key', code: 'invalid_api_key' } }, 'invalid_key'],
    [403, { error: 'forbidden' }, 'invalid_key'],
    [402, { error: { message: 'Insufficient Balance' } }, 'no_credit'],
    [429, { error: { message: 'You exceeded your current quota', code: 'insufficient_quota' } }, 'no_credit'],
    [429, { error: { message: 'Rate limit reached for requests' } }, 'rate_limited'],
    [500, { error: { message: 'internal' } }, 'bad_response'],
    [404, { error: { message: 'no route' } }, 'bad_response'],
  ])('should classify HTTP %i as %s', async (status, body, kind) => {
    routes['GET /v1/models'] = (_req, res) => json(res, status, body)
    const result = await listModels(config(), dev)
    expect(result).toMatchObject({ ok: false, error: { kind, httpStatus: status } })
    if (!result.ok) expect(result.error.message.length).toBeGreaterThan(20)
  })

  it('should classify transport failures', async () => {
    const silent = await on(startSilentServer())
    expect(await listModels(config({ baseUrl: silent }), { ...dev, timeoutMs: 150 })).toMatchObject({
      ok: false,
      error: { kind: 'timeout' },
    })
    expect(await listModels(config({ baseUrl: await refusedUrl() }), dev)).toMatchObject({
      ok: false,
      error: { kind: 'network' },
    })
    const closing = await on(startClosingServer())
    expect(await listModels(config({ baseUrl: closing }), dev)).toMatchObject({
      ok: false,
      error: { kind: 'network' },
    })
  })

  it('should classify an HTML page and a body without data[] as bad_response', async () => {
    const html = await on(startHtmlServer())
    expect(await listModels(config({ baseUrl: html }), dev)).toMatchObject({
      ok: false,
      error: { kind: 'bad_response' },
    })
    routes['GET /v1/models'] = (_req, res) => json(res, 200, { hello: 1 })
    expect(await listModels(config(), dev)).toMatchObject({ ok: false, error: { kind: 'bad_response' } })
  })

  it('should refuse a private base URL unless allowed, and report redirects', async () => {
    expect(await listModels(config(), { timeoutMs: 500 })).toMatchObject({
      ok: false,
      error: { kind: 'invalid_config' },
    })
    expect(provider.requests).toHaveLength(0)
    routes['GET /v1/models'] = (_req, res) => {
      res.writeHead(307, { location: 'https://elsewhere.example/v1/models' })
      res.end()
    }
    const result = await listModels(config(), dev)
    expect(result).toMatchObject({ ok: false, error: { kind: 'bad_response', httpStatus: 307 } })
  })
})

describe('chatCompletion', () => {
  it('should send model, messages and parameters and return the text', async () => {
    const messages = [{ role: 'user' as const, content: 'oi' }]
    const result = await chatCompletion(config(), messages, { ...dev, maxTokens: 50, temperature: 0.7 })
    expect(result).toEqual({
      ok: true,
      value: { text: 'ok', model: 'llama-3.3-70b-versatile', finishReason: 'stop' },
    })
    expect(JSON.parse(provider.requests[0]?.body ?? '')).toEqual({
      model: 'llama-3.3-70b-versatile',
      messages,
      max_tokens: 50,
      temperature: 0.7,
      stream: false,
    })
  })

  it('should join content parts and refuse a missing model', async () => {
    routes['POST /v1/chat/completions'] = (_req, res) =>
      json(res, 200, {
        choices: [
          {
            message: {
              content: [
                { type: 'text', text: 'a' },
                { type: 'text', text: 'b' },
              ],
            },
          },
        ],
      })
    expect(await chatCompletion(config(), [], dev)).toMatchObject({ ok: true, value: { text: 'ab' } })
    expect(await chatCompletion(config({ model: '' }), [], dev)).toMatchObject({
      ok: false,
      error: { kind: 'invalid_config' },
    })
  })

  it('should classify model_not_found and an error inside a 200', async () => {
    routes['POST /v1/chat/completions'] = (_req, res) =>
      json(res, 404, { error: { message: 'The model `x` does not exist', code: 'model_not_found' } })
    expect(await chatCompletion(config(), [], dev)).toMatchObject({
      ok: false,
      error: { kind: 'model_missing' },
    })
    routes['POST /v1/chat/completions'] = (_req, res) =>
      json(res, 200, { error: { message: 'Insufficient credits', code: 402 } })
    expect(await chatCompletion(config(), [], dev)).toMatchObject({ ok: false, error: { kind: 'no_credit' } })
    routes['POST /v1/chat/completions'] = (_req, res) => json(res, 400, { message: 'Invalid model: foo' })
    expect(await chatCompletion(config(), [], dev)).toMatchObject({
      ok: false,
      error: { kind: 'model_missing' },
    })
    routes['POST /v1/chat/completions'] = (_req, res) => json(res, 200, { choices: [] })
    expect(await chatCompletion(config(), [], dev)).toMatchObject({
      ok: false,
      error: { kind: 'bad_response' },
    })
  })
})

describe('testProvider', () => {
  it('should list models and ping the chosen one', async () => {
    let t = 0
    const result = await testProvider(config(), { ...dev, clock: { now: () => (t += 25) } })
    expect(result).toEqual({
      ok: true,
      value: {
        models: ['gemma2-9b-it', 'llama-3.3-70b-versatile'],
        model: 'llama-3.3-70b-versatile',
        latencyMs: 25,
      },
    })
    expect(JSON.parse(provider.requests[1]?.body ?? '')).toMatchObject({ max_tokens: 5 })
  })

  it('should report a model that is not in the list with suggestions', async () => {
    const result = await testProvider(config({ model: 'gpt-9' }), dev)
    expect(result).toMatchObject({ ok: false, error: { kind: 'model_missing' } })
    if (!result.ok) expect(result.error.message).toContain('gemma2-9b-it')
    expect(provider.requests).toHaveLength(1)
  })

  it('should catch a bad key on the ping when /models is public', async () => {
    routes['POST /v1/chat/completions'] = (_req, res) =>
      json(res, 401, { error: { message: 'No auth credentials' } })
    expect(await testProvider(config(), dev)).toMatchObject({ ok: false, error: { kind: 'invalid_key' } })
  })

  it('should skip a missing /models endpoint and still ping', async () => {
    delete routes['GET /v1/models']
    expect(await testProvider(config(), dev)).toMatchObject({ ok: true, value: { models: [] } })
    expect(provider.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /v1/models',
      'POST /v1/chat/completions',
    ])
  })

  it('should fail without a model, naming a few the provider offers, and never ping', async () => {
    for (const model of [null, '', '   ']) {
      const result = await testProvider(config({ model }), dev)
      expect(result).toEqual({
        ok: false,
        error: expect.objectContaining({
          kind: 'invalid_config',
          message:
            'Escolha o modelo a usar antes de testar. Alguns disponíveis: gemma2-9b-it, llama-3.3-70b-versatile.',
        }),
      })
    }
    delete routes['GET /v1/models']
    expect(await testProvider(config({ model: null }), dev)).toMatchObject({
      ok: false,
      error: { kind: 'invalid_config', message: expect.stringContaining('antes de testar (por exemplo') },
    })
    expect(provider.requests.filter((r) => r.path === '/v1/chat/completions')).toEqual([])
  })

  it('should ping the chosen model and fail when the provider refuses it', async () => {
    routes['POST /v1/chat/completions'] = (req, res) =>
      JSON.parse(req.body).model === 'gemma2-9b-it'
        ? json(res, 404, {
            error: { message: 'The model `gemma2-9b-it` does not exist', code: 'model_not_found' },
          })
        : json(res, 200, COMPLETION)
    expect(await testProvider(config({ model: 'gemma2-9b-it' }), dev)).toMatchObject({
      ok: false,
      error: { kind: 'model_missing' },
    })
    expect(JSON.parse(provider.requests.at(-1)?.body ?? '')).toMatchObject({
      model: 'gemma2-9b-it',
      max_tokens: 5,
    })
    expect(await testProvider(config(), dev)).toMatchObject({ ok: true })
  })

  it('should match Ollama model tags', async () => {
    routes['GET /v1/models'] = (_req, res) => json(res, 200, { data: [{ id: 'llama3.2:latest' }] })
    const ollama = { platform: 'ollama' as const, baseUrl: provider.url, model: 'llama3.2' }
    expect(await testProvider(ollama, dev)).toMatchObject({ ok: true })
    expect(provider.requests[0]?.headers.authorization).toBeUndefined()
    expect(hasModel(['a:latest'], 'a')).toBe(true)
    expect(hasModel(['a'], 'a:latest')).toBe(true)
    expect(hasModel(['a'], 'b')).toBe(false)
  })
})
