// The messages the AI, WAHA and network modules actually produce come out in English.
import { describe, expect, it } from 'vitest'
import { classifyAiHttp } from '../core/ai/errors'
import { type AiPlatform, resolveEndpoint } from '../core/ai/platforms'
import { translate } from './index'
import { expectEnglish } from './test-english'

const en = (text: string) => translate('en', text)

describe('English for AI provider errors', () => {
  it('should translate HTTP and transport failures', async () => {
    for (const status of [401, 402, 404, 422, 429, 500]) expectEnglish(classifyAiHttp(status, '').message)
    expectEnglish(
      classifyAiHttp(404, JSON.stringify({ error: { message: 'The model x does not exist' } })).message,
    )
  })

  it('should translate the configuration and use messages', () => {
    const configs: { platform: string; baseUrl?: string }[] = [
      { platform: 'nope' },
      { platform: 'openai-compatible' },
      { platform: 'mistral', baseUrl: 'https://api.mistral.ai/v1' },
      { platform: 'groq' },
    ]
    for (const config of configs) {
      const result = resolveEndpoint({ ...config, platform: config.platform as AiPlatform })
      expect(result.ok).toBe(false)
      if (!result.ok) expectEnglish(result.message)
    }
    expect(en('Informe a chave de API do Groq.')).toBe('Enter the API key for Groq.')
    expect(en('O briefing pode ter no máximo 2000 caracteres.')).toBe(
      'The brief can have at most 2000 characters.',
    )
    expect(
      en('O modelo "gpt-9" não está na lista deste provedor. Alguns disponíveis: gpt-4o, gpt-4o-mini.'),
    ).toBe('The model "gpt-9" is not in this provider\'s list. Some available ones: gpt-4o, gpt-4o-mini.')
    expect(
      en(
        'O provedor pediu um redirecionamento para https://a.example/v1. Use diretamente o endereço final como URL base.',
      ),
    ).toBe(
      'The provider asked for a redirect to https://a.example/v1. Use the final address directly as the base URL.',
    )
  })
})
