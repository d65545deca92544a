// The English UI shows English for what the AI module says, translated by code (decision 025): every
// failure kind, the HTTP and transport failures, the configuration refusals and the platforms' names,
// parameters included; the pt-BR `message` beside each text is rendered from the same catalogue.
import { describe, expect, it } from 'vitest'
import { type AiError, type AiErrorKind, aiError, classifyAiHttp, fromSafeFetch } from '../core/ai/errors'
import { AI_PLATFORMS, type AiPlatform, PLATFORMS, resolveEndpoint } from '../core/ai/platforms'
import { translate } from './index'
import { expectEnglishText } from './test-english'
import { type Text, text } from './text'

const en = (t: Text) => translate('en', t)

const KINDS: AiErrorKind[] = [
  'invalid_key',
  'no_credit',
  'rate_limited',
  'model_missing',
  'network',
  'timeout',
  'bad_response',
  'invalid_config',
]

/** Asserts the error's pt-BR message is its text's, and that the text reads as English. */
function expectEnglishError(error: AiError): string {
  expect(error.message).toBe(translate('pt-BR', error.text))
  return expectEnglishText(error.text)
}

describe('English for AI provider errors', () => {
  it('should translate every failure kind', () => {
    for (const kind of KINDS) expectEnglishError(aiError(kind))
    expect(aiError('invalid_key').message).toBe(
      'A chave de API foi recusada pelo provedor. Confira se ela foi copiada inteira e se ainda está ativa.',
    )
  })

  it('should translate HTTP and transport failures', () => {
    for (const status of [401, 402, 404, 422, 429, 500]) expectEnglishError(classifyAiHttp(status, ''))
    expectEnglishError(
      classifyAiHttp(404, JSON.stringify({ error: { message: 'The model x does not exist' } })),
    )
    expect(en(classifyAiHttp(404, '').text)).toBe(
      'The API address was not found (HTTP 404). Check the base URL; it usually ends in /v1.',
    )
    const redirect = fromSafeFetch({
      kind: 'redirect',
      status: 302,
      location: 'https://a.example/v1',
      text: text('net.aborted'),
      message: '',
    })
    expect(en(redirect.text)).toBe(
      'The provider asked for a redirect to https://a.example/v1. Use the final address directly as the base URL.',
    )
    expect(redirect.message).toBe(
      'O provedor pediu um redirecionamento para https://a.example/v1. Use diretamente o endereço final como URL base.',
    )
    expectEnglishError(
      fromSafeFetch({
        kind: 'redirect',
        status: 301,
        location: null,
        text: text('net.aborted'),
        message: '',
      }),
    )
    expectEnglishError(fromSafeFetch({ kind: 'aborted', text: text('net.aborted'), message: '' }))
  })

  it('should translate the configuration refusals, naming the platform in the reader words', () => {
    const configs: { platform: string; baseUrl?: string }[] = [
      { platform: 'nope' },
      { platform: 'openai-compatible' },
      { platform: 'mistral', baseUrl: 'https://api.mistral.ai/v1' },
      { platform: 'groq' },
    ]
    for (const config of configs) {
      const result = resolveEndpoint({ ...config, platform: config.platform as AiPlatform })
      expect(result.ok).toBe(false)
      if (!result.ok) expectEnglishText(result.text)
    }
    const groq = resolveEndpoint({ platform: 'groq' })
    expect(groq.ok ? '' : en(groq.text)).toBe('Enter the API key for Groq.')
    expect(groq.ok ? '' : translate('pt-BR', groq.text)).toBe('Informe a chave de API do Groq.')
  })

  it('should translate the model and use refusals with their values', () => {
    expect(en(text('ai.use.briefTooLong', { max: 2000 }))).toBe(
      'The brief can have at most 2,000 characters.',
    )
    expect(translate('pt-BR', text('ai.use.briefTooLong', { max: 2000 }))).toBe(
      'O briefing pode ter no máximo 2.000 caracteres.',
    )
    expect(en(text('ai.error.modelNotListed', { model: 'gpt-9', models: 'gpt-4o, gpt-4o-mini' }))).toBe(
      'The model "gpt-9" is not in this provider\'s list. Some available ones: gpt-4o, gpt-4o-mini.',
    )
    for (const code of [
      'ai.use.briefRequired',
      'ai.use.providerNotFound',
      'ai.use.noDefault',
      'ai.use.noVariants',
      'ai.error.modelRequired',
      'ai.error.modelRequiredShort',
      'ai.error.modelRequiredForTest',
    ] as const)
      expectEnglishText(text(code))
    expectEnglishText(text('ai.error.modelRequiredForTestSome', { models: 'llama3' }))
  })

  it('should name the platforms in the reader words, pt-BR as the default provider name', () => {
    for (const platform of AI_PLATFORMS) {
      expect(PLATFORMS[platform].displayName).toBe(translate('pt-BR', PLATFORMS[platform].name))
    }
    expect(en(PLATFORMS.ollama.name)).toBe('Ollama (self-hosted)')
    expect(en(PLATFORMS['openai-compatible'].name)).toBe('Other OpenAI-compatible')
    expect(PLATFORMS.ollama.displayName).toBe('Ollama (servidor próprio)')
  })
})
