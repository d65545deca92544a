/**
 * sendImage's `file`: RemoteFile (WAHA downloads the URL server-side, so signed media URLs really
 * get fetched) or BinaryFile (plain base64). A failed download is a 500 like axios' in WAHA (#1099).
 */
import type { Sim } from './sim-state'
import type { MediaInfo } from './types'
import { badRequest, engineError } from './waha-errors'

export interface LoadedMedia {
  info: MediaInfo
  bytes: Uint8Array
}

const axiosError = (sim: Sim, message: string, code: string) =>
  engineError({ message, name: 'AxiosError', code }, sim.now())

export async function loadMedia(
  sim: Sim,
  file: unknown,
  forceFailure: boolean,
): Promise<LoadedMedia | Response> {
  if (!file || typeof file !== 'object') return badRequest(['file must be an object'])
  const { mimetype, url, data, filename } = file as Record<string, unknown>
  if (typeof mimetype !== 'string' || mimetype === '') return badRequest(['file.mimetype must be a string'])
  const name = typeof filename === 'string' ? filename : undefined
  if (typeof data === 'string') {
    const bytes = new Uint8Array(Buffer.from(data, 'base64'))
    return { info: { mimetype, filename: name, size: bytes.byteLength, source: 'base64' }, bytes }
  }
  if (typeof url !== 'string') return badRequest(['file.url or file.data must be a string'])
  let target: URL
  try {
    target = new URL(url)
  } catch {
    return axiosError(sim, 'Invalid URL', 'ERR_INVALID_URL')
  }
  if (forceFailure) return axiosError(sim, `getaddrinfo ENOTFOUND ${target.hostname}`, 'ENOTFOUND')
  try {
    const response = await fetch(target, {
      signal: sim.scheduler.signal(sim.settings.timings.mediaFetchTimeoutMs),
    })
    const bytes = new Uint8Array(await response.arrayBuffer())
    if (!response.ok) {
      const code = response.status >= 500 ? 'ERR_BAD_RESPONSE' : 'ERR_BAD_REQUEST'
      return axiosError(sim, `Request failed with status code ${response.status}`, code)
    }
    const contentType = response.headers.get('content-type') ?? undefined
    return {
      info: { mimetype, filename: name, size: bytes.byteLength, source: 'url', url, contentType },
      bytes,
    }
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : (error as Error)
    if (cause?.name === 'TimeoutError' || cause?.name === 'AbortError') {
      return axiosError(
        sim,
        `timeout of ${sim.settings.timings.mediaFetchTimeoutMs}ms exceeded`,
        'ECONNABORTED',
      )
    }
    const code = (cause as { code?: string })?.code ?? 'ERR_NETWORK'
    return axiosError(sim, cause?.message ?? 'Network Error', code)
  }
}
