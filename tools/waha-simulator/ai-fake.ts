/**
 * OpenAI-compatible fake under /ai/v1 for AI-provider tests and the local demo:
 * GET /models, POST /chat/completions (JSON or `stream: true` SSE ending in `data: [DONE]`).
 * Deterministic: key sk-test-valid works, sk-test-noquota → 429 insufficient_quota,
 * sk-test-ratelimit → 429 rate_limit_exceeded, any other key → 401.
 *
 * Models, as real OpenAI-compatible servers treat them: only the ids GET /models lists (AI_MODELS)
 * answer chat completions, each answering as itself (`model`, `id` and `system_fingerprint` name the
 * model asked for). Any other id is refused the way OpenAI refuses it: 404 with
 * `{"error":{"message":"The model `x` does not exist or you do not have access to it.",
 * "type":"invalid_request_error","param":null,"code":"model_not_found"}}` (Groq, DeepSeek, Mistral
 * and OpenRouter answer 404/400 with the same `model_not_found`-style body; Ollama says
 * `model "x" not found, try pulling it first`). A missing or empty `model` is a 400
 * `missing_required_parameter`, as on OpenAI: no server picks a model for you.
 * The answer holds N marketing variants in pt-BR built from the user's brief (README "AI fake").
 */
import type { Context, Hono } from 'hono'

export const AI_KEYS = {
  valid: 'sk-test-valid',
  noQuota: 'sk-test-noquota',
  rateLimited: 'sk-test-ratelimit',
}
export const AI_MODELS = ['gpt-4o-mini', 'llama-3.1-8b-instant', 'deepseek-chat', 'mistral-small-latest']
export const VARIANT_SEPARATOR = '\n---\n'
const CREATED = 1_767_225_600

function aiError(
  c: Context,
  status: 400 | 401 | 404 | 429,
  message: string,
  type: string,
  code: string | null,
  param: string | null = null,
) {
  return c.json({ error: { message, type, param, code } }, status)
}

function mask(key: string) {
  return key.length <= 8
    ? `${key.slice(0, 2)}***`
    : `${key.slice(0, 3)}${'*'.repeat(Math.min(key.length - 7, 20))}${key.slice(-4)}`
}

/** null when the key may use chat completions; else the OpenAI error response. */
function checkKey(c: Context, forCompletion: boolean): Response | null {
  const header = c.req.header('authorization') ?? ''
  const key = header.match(/^Bearer\s+(.+)$/i)?.[1]?.trim()
  if (!key) {
    return aiError(
      c,
      401,
      "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
      'invalid_request_error',
      null,
    )
  }
  if (!Object.values(AI_KEYS).includes(key)) {
    return aiError(
      c,
      401,
      `Incorrect API key provided: ${mask(key)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
      'invalid_request_error',
      'invalid_api_key',
    )
  }
  if (!forCompletion) return null
  if (key === AI_KEYS.noQuota) {
    return aiError(
      c,
      429,
      'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.',
      'insufficient_quota',
      'insufficient_quota',
    )
  }
  if (key === AI_KEYS.rateLimited) {
    c.header('retry-after', '20')
    return aiError(
      c,
      429,
      'Rate limit reached for requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.',
      'requests',
      'rate_limit_exceeded',
    )
  }
  return null
}

type ChatMessage = { role?: string; content?: unknown }

const textOf = (content: unknown): string =>
  typeof content === 'string'
    ? content
    : Array.isArray(content)
      ? content
          .map((part) => (part && typeof part === 'object' && 'text' in part ? String(part.text) : ''))
          .join(' ')
      : ''

/** Deterministic pt-BR variants from the brief (the last user message). */
export function buildVariants(messages: ChatMessage[]): string[] {
  const all = messages.map((m) => textOf(m.content)).join(' ')
  const words = '(?:variações|variaçoes|variacoes|variantes|versões|versoes|variants|versions)'
  const asked = Number(
    all.match(new RegExp(`(\\d+)\\s*${words}`, 'i'))?.[1] ??
      all.match(new RegExp(`${words}[^\\d]{0,15}(\\d+)`, 'i'))?.[1],
  )
  const count = Number.isInteger(asked) && asked >= 1 && asked <= 5 ? asked : 3
  const lastUser = textOf([...messages].reverse().find((m) => m.role === 'user')?.content)
  // A prompt that quotes the brief between triple quotes (as Disparo's does): use only the brief.
  const brief = (lastUser.match(/"""\s*([\s\S]*?)\s*"""/)?.[1] ?? lastUser)
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 180)
    .replace(/[.!?;:,\s]+$/, '')
  const topic = brief === '' ? 'temos novidades especiais para você' : brief
  const lower = topic.charAt(0).toLowerCase() + topic.slice(1)
  const templates = [
    `Olá! ${topic.charAt(0).toUpperCase() + topic.slice(1)}. Aproveite enquanto durar! Responda SAIR para não receber mais mensagens.`,
    `Oi, tudo bem? Passando para contar: ${lower}. Qualquer dúvida, é só responder esta mensagem. Para sair da lista, responda SAIR.`,
    `Novidade para você: ${lower}! Fale com a gente por aqui. Não quer mais receber? Responda SAIR.`,
    `Bom dia! ${topic.charAt(0).toUpperCase() + topic.slice(1)}. Garanta já o seu. Se preferir não receber mais, responda SAIR.`,
    `Você é nosso cliente especial: ${lower}. Responda QUERO para saber mais ou SAIR para não receber mais mensagens.`,
  ]
  return templates.slice(0, count)
}

const tokens = (text: string) => Math.max(1, Math.ceil(text.length / 4))

export function registerAiFake(app: Hono) {
  app.get('/ai/v1/models', (c) => {
    const denied = checkKey(c, false)
    if (denied) return denied
    return c.json({
      object: 'list',
      data: AI_MODELS.map((id) => ({ id, object: 'model', created: CREATED, owned_by: 'disparo-sim' })),
    })
  })

  app.post('/ai/v1/chat/completions', async (c) => {
    const denied = checkKey(c, true)
    if (denied) return denied
    let body: Record<string, unknown>
    try {
      body = await c.req.json()
    } catch {
      return aiError(
        c,
        400,
        'We could not parse the JSON body of your request.',
        'invalid_request_error',
        null,
      )
    }
    const model = body.model
    if (typeof model !== 'string' || model === '') {
      return aiError(
        c,
        400,
        "Missing required parameter: 'model'.",
        'invalid_request_error',
        'missing_required_parameter',
        'model',
      )
    }
    if (!Array.isArray(body.messages) || body.messages.length === 0) {
      return aiError(
        c,
        400,
        "Missing required parameter: 'messages'.",
        'invalid_request_error',
        'missing_required_parameter',
        'messages',
      )
    }
    if (!AI_MODELS.includes(model)) {
      return aiError(
        c,
        404,
        `The model \`${model}\` does not exist or you do not have access to it.`,
        'invalid_request_error',
        'model_not_found',
      )
    }
    const variants = buildVariants(body.messages as ChatMessage[])
    const format = (body.response_format as { type?: string } | undefined)?.type
    const content =
      format === 'json_object' || format === 'json_schema'
        ? JSON.stringify({ variants })
        : variants.join(VARIANT_SEPARATOR)
    const id = `chatcmpl-sim-${model.replace(/[^a-z0-9]+/gi, '')}-${variants.join('').length.toString(36)}`
    const promptTokens = tokens(JSON.stringify(body.messages))
    const usage = {
      prompt_tokens: promptTokens,
      completion_tokens: tokens(content),
      total_tokens: promptTokens + tokens(content),
    }
    if (body.stream !== true) {
      return c.json({
        id,
        object: 'chat.completion',
        created: CREATED,
        model,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content, refusal: null },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        usage,
        system_fingerprint: `fp_disparo_sim_${model}`,
      })
    }
    const chunk = (delta: object, finish: string | null) =>
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: CREATED, model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] })}\n\n`
    const events = [chunk({ role: 'assistant', content: '' }, null)]
    for (let i = 0; i < content.length; i += 24)
      events.push(chunk({ content: content.slice(i, i + 24) }, null))
    events.push(chunk({}, 'stop'))
    if ((body.stream_options as { include_usage?: boolean } | undefined)?.include_usage) {
      events.push(
        `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: CREATED, model, choices: [], usage })}\n\n`,
      )
    }
    events.push('data: [DONE]\n\n')
    return c.body(events.join(''), 200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
    })
  })
}
