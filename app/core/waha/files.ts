// Files WAHA downloaded from WhatsApp (what a contact sent): WAHA serves them under /api/files/ behind
// the API key, and names them in the `message` event's `media.url` (WAMedia). We always ask the
// session's own server, whatever host the URL names (WAHA_BASE_URL may be a public or internal name):
// the API key never leaves for another host, and a forged URL cannot make the Worker fetch elsewhere.
import { safeFetch } from '../net/safe-fetch'
import type { WahaClientOptions } from './http'

/** `/api/files/<session>/<file>` out of WAHA's URL (a proxy prefix is dropped); null when it is not one. */
export function wahaFilePath(url: string): string | null {
  let path: string
  try {
    path = new URL(url).pathname
  } catch {
    return null
  }
  const at = path.indexOf('/api/files/')
  if (at < 0) return null
  const rest = path.slice(at)
  if (rest.split('/').some((part) => part === '..' || part === '.')) return null
  return rest.length > '/api/files/'.length ? rest : null
}

export type WahaFile =
  | { ok: true; bytes: Uint8Array; contentType: string | null }
  | { ok: false; reason: 'too_large' | 'unavailable' }

/** Downloads one file of at most `maxBytes` from the session's server (its base URL keeps a proxy prefix). */
export async function downloadWahaFile(
  options: Pick<WahaClientOptions, 'baseUrl' | 'apiKey' | 'allowPrivate' | 'fetch' | 'timeoutMs'>,
  path: string,
  maxBytes: number,
): Promise<WahaFile> {
  const url = `${options.baseUrl.trim().replace(/\/+$/, '')}${path}`
  const result = await safeFetch(
    url,
    { method: 'GET', headers: { 'X-Api-Key': options.apiKey, Accept: '*/*' } },
    {
      fetch: options.fetch,
      timeoutMs: options.timeoutMs ?? 30_000,
      maxBytes,
      allowPrivate: options.allowPrivate ?? false,
    },
  )
  if (!result.ok)
    return { ok: false, reason: result.error.kind === 'too_large' ? 'too_large' : 'unavailable' }
  const { response } = result
  const body = await response.readBytes()
  if (!body.ok) return { ok: false, reason: body.error.kind === 'too_large' ? 'too_large' : 'unavailable' }
  if (response.status !== 200 || body.value.length === 0) return { ok: false, reason: 'unavailable' }
  return { ok: true, bytes: body.value, contentType: response.headers.get('content-type') }
}
