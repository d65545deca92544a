import { describe, expect, it } from 'vitest'
import { countingStream } from '../../../tests/integration/helpers/streams'
import { readBodyWithin } from './body'

describe('readBodyWithin', () => {
  it('should return the whole body within the limit, in order', async () => {
    const { stream } = countingStream(200_000, 64 * 1024)
    const bytes = await readBodyWithin(stream, 200_000)
    expect(bytes?.byteLength).toBe(200_000)
    const text = new TextEncoder().encode('{"event":"message"}')
    expect(await readBodyWithin(new Response(text).body, 1000)).toEqual(text)
    expect(await readBodyWithin(null, 10)).toEqual(new Uint8Array(0))
  })

  it('should stop reading a 64 MB body one chunk past the limit and cancel it', async () => {
    const { stream, pulled } = countingStream(64 * 1024 * 1024, 64 * 1024)
    expect(await readBodyWithin(stream, 1024 * 1024)).toBeNull()
    expect(pulled()).toBeLessThanOrEqual(1024 * 1024 + 64 * 1024)
    await expect(stream.getReader().read()).resolves.toMatchObject({ done: true })
  })

  it('should refuse a body one byte over the limit', async () => {
    expect(await readBodyWithin(countingStream(1001, 100).stream, 1000)).toBeNull()
    expect((await readBodyWithin(countingStream(1000, 100).stream, 1000))?.byteLength).toBe(1000)
  })
})
