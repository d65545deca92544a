// Test streams for body limits: bytes are produced only as the reader asks, and counted.

/** A stream of `total` bytes in `chunk`-byte pieces, made only as they are read; `pulled()` counts them. */
export function countingStream(total: number, chunk = 64 * 1024) {
  let sent = 0
  const piece = new Uint8Array(chunk).fill(0x7b)
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (sent >= total) return controller.close()
        const size = Math.min(chunk, total - sent)
        sent += size
        controller.enqueue(size === chunk ? piece.slice() : piece.slice(0, size))
      },
    },
    { highWaterMark: 0 },
  )
  return { stream, pulled: () => sent }
}
