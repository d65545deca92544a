import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AI_MODELS, buildVariants, VARIANT_SEPARATOR } from './ai-fake'
import { type JsonResponse, startTestSim, type TestSim } from './test-support'

let t: TestSim
beforeAll(async () => {
  t = await startTestSim()
})
afterAll(() => t.close())

const BRIEF = 'Promoção de inverno: 30% de desconto em casacos até domingo'
function complete(body: object, key = 'sk-test-valid'): Promise<JsonResponse> {
  return fetch(`${t.url}/ai/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: BRIEF }], ...body }),
  })
}

describe('OpenAI-compatible fake', () => {
  it('should list models for a valid key', async () => {
    const response: JsonResponse = await fetch(`${t.url}/ai/v1/models`, {
      headers: { authorization: 'Bearer sk-test-valid' },
    })
    const body = await response.json()
    expect(body.object).toBe('list')
    expect(body.data[0]).toMatchObject({ id: 'gpt-4o-mini', object: 'model' })
  })

  it('should answer three deterministic pt-BR variants built from the brief', async () => {
    const response = await complete({})
    expect(response.status).toBe(200)
    const body = await response.json()
    expect(body).toMatchObject({
      object: 'chat.completion',
      model: 'gpt-4o-mini',
      choices: [{ index: 0, finish_reason: 'stop' }],
    })
    const variants = body.choices[0].message.content.split(VARIANT_SEPARATOR)
    expect(variants).toHaveLength(3)
    for (const variant of variants) expect(variant.toLowerCase()).toContain('30% de desconto em casacos')
    expect((await (await complete({})).json()).choices[0].message.content).toBe(
      body.choices[0].message.content,
    )
    expect(body.usage.total_tokens).toBe(body.usage.prompt_tokens + body.usage.completion_tokens)
  })

  it('should answer each listed model as itself', async () => {
    for (const model of AI_MODELS) {
      const response = await complete({ model })
      expect(response.status).toBe(200)
      const body = await response.json()
      expect(body.model).toBe(model)
      expect(body.system_fingerprint).toBe(`fp_disparo_sim_${model}`)
      const stream = await (await complete({ model, stream: true })).text()
      expect(JSON.parse(stream.split('\n\n')[0]!.replace(/^data: /, '')).model).toBe(model)
    }
  })

  it('should refuse a model it does not list, or none, the way OpenAI does', async () => {
    for (const model of ['gpt-9-turbo', 'missing-model', 'GPT-4O-MINI', 'deepseek-chat ']) {
      const response = await complete({ model })
      expect(response.status).toBe(404)
      expect((await response.json()).error).toEqual({
        message: `The model \`${model}\` does not exist or you do not have access to it.`,
        type: 'invalid_request_error',
        param: null,
        code: 'model_not_found',
      })
    }
    for (const model of ['', undefined, 42]) {
      const response = await complete({ model })
      expect(response.status).toBe(400)
      expect((await response.json()).error).toMatchObject({
        code: 'missing_required_parameter',
        param: 'model',
      })
    }
  })

  it('should honour a requested number of variants and JSON mode', async () => {
    const body = await (
      await complete({
        messages: [
          { role: 'system', content: 'Gere 5 variações curtas.' },
          { role: 'user', content: BRIEF },
        ],
        response_format: { type: 'json_object' },
      })
    ).json()
    expect(JSON.parse(body.choices[0].message.content).variants).toHaveLength(5)
  })

  it('should stream SSE chunks that add up to the same content and end with [DONE]', async () => {
    const plain = (await (await complete({})).json()).choices[0].message.content
    const response = await complete({ stream: true, stream_options: { include_usage: true } })
    expect(response.headers.get('content-type')).toContain('text/event-stream')
    const events = (await response.text()).split('\n\n').filter(Boolean)
    expect(events.at(-1)).toBe('data: [DONE]')
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e.replace(/^data: /, '')))
    expect(chunks[0].choices[0].delta.role).toBe('assistant')
    expect(
      chunks
        .map((c: { choices: { delta: { content?: string } }[] }) => c.choices[0]?.delta.content ?? '')
        .join(''),
    ).toBe(plain)
    expect(chunks.at(-2).choices[0].finish_reason).toBe('stop')
    expect(chunks.at(-1).usage.total_tokens).toBeGreaterThan(0)
  })

  it('should answer OpenAI error shapes', async () => {
    const wrong = await complete({}, 'sk-wrong-key-1234')
    expect(wrong.status).toBe(401)
    expect((await wrong.json()).error).toMatchObject({
      message: expect.stringMatching(/^Incorrect API key provided: sk-\**1234\./),
      type: 'invalid_request_error',
      code: 'invalid_api_key',
    })
    const missing = await fetch(`${t.url}/ai/v1/models`)
    expect(missing.status).toBe(401)
    const quota = await complete({}, 'sk-test-noquota')
    expect(quota.status).toBe(429)
    expect((await quota.json()).error).toMatchObject({
      type: 'insufficient_quota',
      code: 'insufficient_quota',
    })
    const limited = await complete({}, 'sk-test-ratelimit')
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('20')
    expect((await limited.json()).error.code).toBe('rate_limit_exceeded')
    const model = await complete({ model: 'missing-model' })
    expect(model.status).toBe(404)
    expect((await model.json()).error).toMatchObject({
      code: 'model_not_found',
      type: 'invalid_request_error',
    })
    const noMessages = await complete({ messages: [] })
    expect(noMessages.status).toBe(400)
    expect((await noMessages.json()).error.param).toBe('messages')
  })
})

describe('buildVariants', () => {
  it('should build the variants from the quoted brief only, not from the whole prompt', () => {
    const variants = buildVariants([
      { role: 'system', content: 'Você escreve mensagens de WhatsApp.' },
      {
        role: 'user',
        content:
          'Briefing da campanha:\n"""\nPão de queijo com 20% de desconto hoje\n"""\n\nQuantidade de variações: 2',
      },
    ])
    expect(variants).toHaveLength(2)
    for (const v of variants) {
      expect(v.toLowerCase()).toContain('pão de queijo com 20% de desconto hoje')
      expect(v).not.toContain('Briefing')
    }
  })
})
