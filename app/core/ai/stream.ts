// Streaming chat completions over Server-Sent Events: `data: {...}` lines, `data: [DONE]`, comment
// lines, CRLF/CR/LF line ends and events split across network chunks. The request/HTTP errors come
// back as an AiResult; a failure after the stream started is thrown as AiStreamError (with .error).

import { text } from '../../i18n/text'
import { SafeFetchFailure } from '../net/safe-fetch'
import {
  type ChatMessage,
  type ChatOptions,
  chatBody,
  completionFromJson,
  DEFAULT_CHAT_TIMEOUT_MS,
  providerRequest,
  readProviderJson,
} from './client'
import {
  type AiError,
  type AiResult,
  aiError,
  classifyAiHttp,
  fromSafeFetch,
  providerErrorInfo,
} from './errors'
import type { AiProviderConfig } from './platforms'

/** Thrown while iterating a stream that failed midway. */
export class AiStreamError extends Error {
  constructor(readonly error: AiError) {
    super(error.message)
    this.name = 'AiStreamError'
  }
}

/** Yields the data of each SSE event (multi-line data joined with \n) from a byte stream. */
export async function* sseEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  let data: string[] = []
  const takeLine = (final: boolean): string | null => {
    const match = /\r\n|\r|\n/.exec(buffer)
    if (!match) return null
    // A lone \r at the end may be the first half of \r\n: wait for the next chunk.
    if (match[0] === '\r' && match.index === buffer.length - 1 && !final) return null
    const line = buffer.slice(0, match.index)
    buffer = buffer.slice(match.index + match[0].length)
    return line
  }
  try {
    for (;;) {
      const { done, value } = await reader.read()
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true })
      if (done && buffer !== '' && !/[\r\n]$/.test(buffer)) buffer += '\n'
      for (let line = takeLine(done); line !== null; line = takeLine(done)) {
        if (line === '') {
          if (data.length > 0) yield data.join('\n')
          data = []
          continue
        }
        if (line.startsWith(':')) continue
        const colon = line.indexOf(':')
        const field = colon < 0 ? line : line.slice(0, colon)
        if (field === 'data') data.push(colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, ''))
      }
      if (done) {
        if (data.length > 0) yield data.join('\n')
        return
      }
    }
  } finally {
    reader.releaseLock()
  }
}

async function* deltas(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  try {
    for await (const data of sseEvents(body)) {
      if (data.trim() === '[DONE]') return
      let json: unknown
      try {
        json = JSON.parse(data)
      } catch {
        continue // keep-alives and vendor noise
      }
      const record = (json ?? {}) as Record<string, unknown>
      if (record.error) {
        const info = providerErrorInfo(record)
        const code = (record.error as { code?: unknown }).code
        const status = typeof code === 'number' && code >= 400 ? code : 500
        throw new AiStreamError(
          classifyAiHttp(status, JSON.stringify({ error: { message: info.text, code: info.code } })),
        )
      }
      const choice = Array.isArray(record.choices)
        ? (record.choices[0] as Record<string, unknown> | undefined)
        : undefined
      const delta = choice?.delta as { content?: unknown } | undefined
      if (typeof delta?.content === 'string' && delta.content !== '') yield delta.content
    }
  } catch (error) {
    if (error instanceof AiStreamError) throw error
    if (error instanceof SafeFetchFailure) throw new AiStreamError(fromSafeFetch(error.error))
    throw new AiStreamError(aiError('network', null, String(error)))
  }
}

async function* once(text: string): AsyncGenerator<string> {
  if (text !== '') yield text
}

/**
 * POST /chat/completions with `stream: true`; resolves to an async iterable of text deltas. A server
 * that ignores `stream` and answers JSON is handled too (one delta with the whole text).
 */
export async function streamChatCompletion(
  config: AiProviderConfig,
  messages: ChatMessage[],
  options: ChatOptions = {},
): Promise<AiResult<AsyncIterable<string>>> {
  if (!config.model?.trim()) {
    return { ok: false, error: aiError('invalid_config', null, null, text('ai.error.modelRequiredShort')) }
  }
  const response = await providerRequest(
    config,
    '/chat/completions',
    { method: 'POST', body: chatBody(config, messages, options, true), accept: 'text/event-stream' },
    options,
    DEFAULT_CHAT_TIMEOUT_MS,
  )
  if (!response.ok) return response
  const contentType = response.value.headers.get('content-type') ?? ''
  if (/application\/json/i.test(contentType)) {
    const json = await readProviderJson(response.value)
    if (!json.ok) return json
    const completion = completionFromJson(json.value)
    return completion.ok ? { ok: true, value: once(completion.value.text) } : completion
  }
  if (!response.value.body)
    return { ok: false, error: aiError('bad_response', response.value.status, 'empty stream') }
  return { ok: true, value: deltas(response.value.body) }
}
