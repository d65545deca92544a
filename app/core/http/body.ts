// Reading request bodies with a size limit that holds while the bytes stream in: a body past the limit
// is never read whole (a chunked upload has no Content-Length to check first).

/**
 * Reads `body` chunk by chunk and returns its bytes, or null as soon as it passes `limit` bytes (the
 * stream is then cancelled, so the sender's remaining bytes are never read). A missing body is empty.
 */
export async function readBodyWithin(
  body: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<Uint8Array | null> {
  if (!body) return new Uint8Array(0)
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.byteLength
      if (size > limit) {
        await reader.cancel('body too large').catch(() => {})
        return null
      }
      chunks.push(value)
    }
  } finally {
    reader.releaseLock()
  }
  if (chunks.length === 1) return chunks[0] ?? new Uint8Array(0)
  const out = new Uint8Array(size)
  let at = 0
  for (const chunk of chunks) {
    out.set(chunk, at)
    at += chunk.byteLength
  }
  return out
}
