// A CSV download: the headers every export sends (attachment with an ASCII file name, never cached,
// never sniffed as anything else).
export function csvResponse(fileName: string, body: ReadableStream<Uint8Array> | string): Response {
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${fileName.replace(/[^\w.-]+/g, '-')}"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
