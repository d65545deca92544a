// The messages the AI, WAHA and network modules actually produce come out in English.
import { describe, expect, it } from 'vitest'
import { classifyAiHttp, fromSafeFetch } from '../core/ai/errors'
import { type AiPlatform, resolveEndpoint } from '../core/ai/platforms'
import { checkOutboundUrl } from '../core/net/outbound-url'
import { classifyFetchFailure, type SafeFetchError, safeFetch } from '../core/net/safe-fetch'
import { badRequestError, reachOutLimitError, sessionNotWorking } from '../core/waha/error-builders'
import { classifyHttpFailure, fromSafeFetchError } from '../core/waha/errors'
import { translate } from './index'
import { expectEnglish } from './test-english'

const en = (text: string) => translate('en', text)

const json = (body: unknown) => JSON.stringify(body)

async function fetchErrors(): Promise<SafeFetchError[]> {
  const state = { timedOut: false, aborted: false, timeoutMs: 15_000 }
  const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })
  const errors: SafeFetchError[] = [
    classifyFetchFailure(new Error('x'), 'response', { ...state, timedOut: true }),
    classifyFetchFailure(new Error('x'), 'response', { ...state, aborted: true }),
    classifyFetchFailure(refused, 'response', state),
    classifyFetchFailure(new Error('socket hang up'), 'body', state),
  ]
  const answers = [
    new Response(null, { status: 302, headers: { location: 'https://waha.example.com/' } }),
    new Response(null, { status: 301 }),
    new Response('x'.repeat(10), { headers: { 'content-length': '4096' } }),
  ]
  for (const answer of answers) {
    const result = await safeFetch(
      'https://waha.example.com',
      {},
      { allowPrivate: false, maxBytes: 2048, fetch: async () => answer },
    )
    if (!result.ok) errors.push(result.error)
  }
  for (const url of ['nada', 'ftp://x.com', 'https://u:p@x.com', 'http://127.0.0.1', 'http://localhost']) {
    const check = checkOutboundUrl(url, { allowPrivate: false })
    if (!check.ok) errors.push({ kind: 'blocked_url', reason: check.reason, message: check.message })
  }
  return errors
}

describe('English for network messages', () => {
  it('should translate every outbound URL refusal and fetch failure', async () => {
    const errors = await fetchErrors()
    expect(errors).toHaveLength(12)
    for (const error of errors) expectEnglish(error.message)
  })

  it('should keep the interpolated parts', async () => {
    const [timeout, , , , redirect, bare, large] = await fetchErrors()
    expect(en(timeout!.message)).toBe(
      'The server did not respond within 15 s. Check that it is up and try again.',
    )
    expect(en(redirect!.message)).toBe(
      'The server asked for a redirect to https://waha.example.com/. Save the final address directly instead.',
    )
    expect(en(bare!.message)).toBe(
      'The server asked for a redirect. Save the final address directly instead.',
    )
    expect(en(large!.message)).toBe("The server's response went over the 2 KB limit.")
  })
})

describe('English for WAHA errors', () => {
  const cases: [number, string][] = [
    [401, json({ message: 'Unauthorized' })],
    [403, json({ message: 'Forbidden' })],
    [463, json({ message: 'reach out' })],
    [475, json({ data: { timeEnforcementEnds: 1_767_000_000 } })],
    [521, ''],
    [500, json({ exception: { message: 'rate-overlimit' } })],
    [500, json({ exception: { message: 'no LID for user' } })],
    [500, json({ message: 'boom' })],
    [502, ''],
    [429, json({ message: 'Too Many Requests' })],
    [413, '<html>413</html>'],
    [404, json({ message: 'Session not found' })],
    [404, '<html>not found</html>'],
    [422, json({ status: 'STOPPED', expected: ['SCAN_QR_CODE'] })],
    [422, json({ status: 'FAILED', expected: ['WORKING'] })],
    [422, json({ message: 'Session is only in WORKING status. The current status is STARTING' })],
    [422, json({ message: "Session 'default' already exists" })],
    [400, json({ message: ['text should not be empty'] })],
    [400, json({ message: 'Bad Request' })],
    [418, json({ message: 'teapot' })],
  ]

  it('should translate every classified HTTP failure, for sends and other calls', () => {
    for (const op of ['send', 'other'] as const) {
      for (const [status, body] of cases) expectEnglish(classifyHttpFailure(status, null, body, op).message)
    }
  })

  it('should translate every transport failure', async () => {
    for (const op of ['send', 'other'] as const) {
      for (const error of await fetchErrors()) expectEnglish(fromSafeFetchError(error, op).message)
    }
  })

  it('should translate statuses, problems and lock dates inside the messages', () => {
    expect(en(classifyHttpFailure(500, null, json({ message: 'boom' }), 'send').message)).toBe(
      'The WAHA server had an internal error (HTTP 500). The message may have been sent; to be safe, it will not be resent automatically.',
    )
    expect(en(sessionNotWorking('SCAN_QR_CODE', ['WORKING'], null).message)).toBe(
      'The WhatsApp session is not ready to send (it is currently waiting for the QR code to be scanned). Wait for it to connect or restart the session.',
    )
    expect(en(sessionNotWorking('NEW_STATUS', ['SCAN_QR_CODE'], null).message)).toContain(
      '(it is currently NEW_STATUS)',
    )
    expect(en(sessionNotWorking(null, ['WORKING'], null).message)).toContain('(it is currently unknown)')
    expect(en(badRequestError(['a mensagem está vazia', 'chatId is required'], 400, null).message)).toBe(
      'The WAHA server rejected the data sent: the message is empty; chatId is required. Check the fields and try again.',
    )
    const locked = en(reachOutLimitError(463, new Date(Date.UTC(2026, 0, 2, 15, 30)), 463, null).message)
    expect(locked).toMatch(
      /^WhatsApp has temporarily blocked .* until 02\/01\/2026,? 12:30 \(Brasília time\)\. Pause/,
    )
  })
})

describe('English for AI provider errors', () => {
  it('should translate HTTP and transport failures', async () => {
    for (const status of [401, 402, 404, 422, 429, 500]) expectEnglish(classifyAiHttp(status, '').message)
    expectEnglish(classifyAiHttp(404, json({ error: { message: 'The model x does not exist' } })).message)
    for (const error of await fetchErrors()) expectEnglish(fromSafeFetch(error).message)
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
