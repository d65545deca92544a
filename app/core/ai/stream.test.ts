import { afterEach, describe, expect, it } from 'vitest'
import { startServer, type TestServer } from '../../../tests/fixtures/test-servers'
import type { AiProviderConfig } from './platforms'
import { AiStreamError, sseEvents, streamChatCompletion } from './stream'

const servers: TestServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

const encoder = new TextEncoder()
const streamOf = (chunks: string[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk))
      controller.close()
    },
  })
const collect = async <T>(iterable: AsyncIterable<T>) => {
  const out: T[] = []
  for await (const item of iterable) out.push(item)
  return out
}
const delta = (content: string) =>
  `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content } }] })}\n\n`

/** Starts a provider whose /chat/completions writes the given chunks with small pauses. */
async function provider(
  chunks: string[],
  options: { status?: number; type?: string; destroy?: boolean } = {},
) {
  const server = await startServer((_req, res, socket) => {
    res.writeHead(options.status ?? 200, { 'content-type': options.type ?? 'text/event-stream' })
    let i = 0
    const next = () => {
      if (i < chunks.length) {
        res.write(chunks[i++])
        setTimeout(next, 2)
      } else if (options.destroy) socket.destroy()
      else res.end()
    }
    next()
  })
  servers.push(server)
  const config: AiProviderConfig = { platform: 'openai-compatible', baseUrl: server.url, model: 'm' }
  return { server, config }
}
const dev = { allowPrivate: true, timeoutMs: 2000 }

describe('sseEvents', () => {
  it('should join data lines and handle CRLF, CR, comments and chunk splits', async () => {
    const chunks = [
      ': keep-alive\r\n\r',
      '\ndata: a\r\n',
      'data: b\r\n\r\n',
      'data:c\r\r',
      'event: x\nda',
      'ta: d\n\n',
    ]
    expect(await collect(sseEvents(streamOf(chunks)))).toEqual(['a\nb', 'c', 'd'])
  })

  it('should flush a last event without a trailing blank line', async () => {
    expect(await collect(sseEvents(streamOf(['data: last'])))).toEqual(['last'])
  })

  it('should split multi-byte characters across chunks correctly', async () => {
    const bytes = encoder.encode('data: ação\n\n')
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 8))
        controller.enqueue(bytes.slice(8))
        controller.close()
      },
    })
    expect(await collect(sseEvents(body))).toEqual(['ação'])
  })
})

describe('streamChatCompletion', () => {
  it('should yield text deltas until [DONE], with events split across packets', async () => {
    const whole = `${delta('Olá')}${delta(', {{nome}}')}data: {"choices":[{"delta":{}}]}\n\n${delta('!')}data: [DONE]\n\n${delta('ignored')}`
    const { config, server } = await provider([whole.slice(0, 7), whole.slice(7, 40), whole.slice(40)])
    const result = await streamChatCompletion(config, [{ role: 'user', content: 'x' }], {
      ...dev,
      maxTokens: 10,
    })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect((await collect(result.value)).join('')).toBe('Olá, {{nome}}!')
    expect(JSON.parse(server.requests[0]?.body ?? '')).toMatchObject({ stream: true, max_tokens: 10 })
    expect(server.requests[0]?.headers.accept).toBe('text/event-stream')
  })

  it('should skip non-JSON data lines', async () => {
    const { config } = await provider([`data: not json\n\n${delta('ok')}data: [DONE]\n\n`])
    const result = await streamChatCompletion(config, [], dev)
    expect(result.ok && (await collect(result.value))).toEqual(['ok'])
  })

  it('should throw AiStreamError for an error event midway', async () => {
    const { config } = await provider([delta('a'), 'data: {"error":{"message":"Rate limit","code":429}}\n\n'])
    const result = await streamChatCompletion(config, [], dev)
    if (!result.ok) throw new Error('expected a stream')
    const error = await collect(result.value).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AiStreamError)
    expect((error as AiStreamError).error.kind).toBe('rate_limited')
  })

  it('should throw AiStreamError when the connection drops midway', async () => {
    const { config } = await provider([delta('a')], { destroy: true })
    const result = await streamChatCompletion(config, [], dev)
    if (!result.ok) throw new Error('expected a stream')
    const error = await collect(result.value).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AiStreamError)
    expect((error as AiStreamError).error.kind).toBe('network')
  })

  it('should return HTTP errors as a result before streaming', async () => {
    const { config } = await provider(['{"error":{"message":"bad key"}}'], {
      status: 401,
      type: 'application/json',
    })
    expect(await streamChatCompletion(config, [], dev)).toMatchObject({
      ok: false,
      error: { kind: 'invalid_key' },
    })
  })

  it('should accept a server that ignores stream and answers JSON', async () => {
    const { config } = await provider(['{"choices":[{"message":{"content":"tudo"}}]}'], {
      type: 'application/json',
    })
    const result = await streamChatCompletion(config, [], dev)
    expect(result.ok && (await collect(result.value))).toEqual(['tudo'])
  })

  it('should refuse a missing model', async () => {
    const result = await streamChatCompletion({ platform: 'ollama', model: ' ' }, [], dev)
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid_config' } })
  })
})
