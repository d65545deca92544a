// WAHA server and session management calls: version/"Testar conexão", session CRUD and lifecycle,
// `me`, QR code (PNG, base64 JSON, raw) and pairing code (CONTRACT §2, §3, §4).

import type { z } from 'zod'
import { text } from '../../i18n/text'
import { reachOutLimitError, unexpectedResponseError, type WahaError, type WahaResult } from './errors'
import { callWaha, isHtml, readJson, type WahaClientOptions } from './http'
import {
  type WahaMe,
  WahaMeSchema,
  WahaPairingCodeSchema,
  WahaQrBase64Schema,
  WahaQrRawSchema,
  type WahaServerVersion,
  type WahaSessionConfig,
  type WahaSessionInfo,
  WahaSessionInfoSchema,
  WahaVersionSchema,
} from './types'

const NOT_WAHA = text('waha.notWaha')

/** Parses a JSON 2xx body with a schema; a mismatch is an unexpected_response. */
export async function getJson<S extends z.ZodType>(
  options: WahaClientOptions,
  call: Parameters<typeof callWaha>[1],
  schema: S,
): Promise<WahaResult<z.output<S>>> {
  const raw = await callWaha(options, call)
  if (!raw.ok) return raw
  if (isHtml(raw.value.contentType)) {
    return {
      ok: false,
      error: unexpectedResponseError(raw.value.status, raw.value.contentType, null, NOT_WAHA),
    }
  }
  const json = readJson(raw.value, call.op ?? 'other')
  if (!json.ok) return json
  const parsed = schema.safeParse(json.value)
  if (!parsed.success) {
    return {
      ok: false,
      error: unexpectedResponseError(
        raw.value.status,
        raw.value.contentType,
        parsed.error.message.slice(0, 300),
      ),
    }
  }
  return { ok: true, value: parsed.data }
}

const seg = (value: string) => encodeURIComponent(value)

/** Returns the reach_out_limit error when `me.reachoutTimelock` is active now, else null. */
export function reachOutLockFromMe(me: WahaMe | null, now: number = Date.now()): WahaError | null {
  const lock = me?.reachoutTimelock
  if (lock?.isActive !== true) return null
  const ends = lock.timeEnforcementEnds
  const until = typeof ends === 'number' && ends > 0 ? new Date(ends < 1e12 ? ends * 1000 : ends) : null
  if (until && until.getTime() <= now) return null
  return reachOutLimitError(null, until, null, lock.enforcementType)
}

/** Server, session and pairing calls bound to one WAHA server. */
export function sessionCalls(options: WahaClientOptions) {
  const versionCall = async (): Promise<WahaResult<WahaServerVersion>> => {
    const first = await getJson(options, { method: 'GET', path: '/api/server/version' }, WahaVersionSchema)
    if (first.ok || first.error.kind !== 'not_found') return first
    return getJson(options, { method: 'GET', path: '/api/version' }, WahaVersionSchema)
  }
  const lifecycle = (name: string, action: 'start' | 'stop' | 'restart' | 'logout') =>
    getJson(options, { method: 'POST', path: `/api/sessions/${seg(name)}/${action}` }, WahaSessionInfoSchema)

  return {
    /** GET /api/server/version (falls back to /api/version on old servers). */
    version: versionCall,

    /** "Testar conexão": checks the address, the API key and that it is WAHA; reports version and latency. */
    async testConnection(): Promise<WahaResult<WahaServerVersion & { latencyMs: number }>> {
      const now = () => options.clock?.now() ?? Date.now()
      const started = now()
      const version = await versionCall()
      if (!version.ok) return version
      // /api/server/version may be exempt from auth (WAHA_API_KEY_EXCLUDE_PATH); listing sessions is not.
      const sessions = await callWaha(options, {
        method: 'GET',
        path: '/api/sessions',
        query: { all: 'true' },
      })
      if (!sessions.ok) return sessions
      return { ok: true, value: { ...version.value, latencyMs: Math.max(0, now() - started) } }
    },

    /** POST /api/sessions with `start` sent explicitly (defaults differ between versions). */
    createSession(input: { name: string; config: WahaSessionConfig; start?: boolean }) {
      return getJson(
        options,
        {
          method: 'POST',
          path: '/api/sessions',
          body: { name: input.name, start: input.start ?? true, config: input.config },
        },
        WahaSessionInfoSchema,
      )
    },

    /** GET /api/sessions?all=true (STOPPED sessions included). */
    listSessions(): Promise<WahaResult<WahaSessionInfo[]>> {
      return getJson(
        options,
        { method: 'GET', path: '/api/sessions', query: { all: 'true' } },
        WahaSessionInfoSchema.array(),
      )
    },

    /** GET /api/sessions/{name}. */
    getSession(name: string) {
      return getJson(options, { method: 'GET', path: `/api/sessions/${seg(name)}` }, WahaSessionInfoSchema)
    },

    /**
     * Session truth: GET /api/sessions/{name}, with null when WAHA does not know the session (deleted
     * there, or a server restarted without its session store). A 404 counts as "unknown session" only
     * when the server then answers its version, so a wrong address answering 404 to everything stays
     * an error.
     */
    async findSession(name: string): Promise<WahaResult<WahaSessionInfo | null>> {
      const got = await getJson(
        options,
        { method: 'GET', path: `/api/sessions/${seg(name)}` },
        WahaSessionInfoSchema,
      )
      if (got.ok || got.error.kind !== 'not_found') return got
      const version = await versionCall()
      return version.ok ? { ok: true, value: null } : got
    },

    /** PUT /api/sessions/{name} with the full config (WAHA restarts a running session). */
    updateSession(name: string, config: WahaSessionConfig) {
      return getJson(
        options,
        { method: 'PUT', path: `/api/sessions/${seg(name)}`, body: { config } },
        WahaSessionInfoSchema,
      )
    },

    /** DELETE /api/sessions/{name} (stop + logout + delete; idempotent, empty body). */
    async deleteSession(name: string): Promise<WahaResult<null>> {
      const raw = await callWaha(options, { method: 'DELETE', path: `/api/sessions/${seg(name)}` })
      return raw.ok ? { ok: true, value: null } : raw
    },

    /** POST /api/sessions/{name}/start. */
    startSession: (name: string) => lifecycle(name, 'start'),
    /** POST /api/sessions/{name}/stop (keeps the pairing). */
    stopSession: (name: string) => lifecycle(name, 'stop'),
    /** POST /api/sessions/{name}/restart. */
    restartSession: (name: string) => lifecycle(name, 'restart'),
    /** POST /api/sessions/{name}/logout (unpairs the phone, keeps the config). */
    logoutSession: (name: string) => lifecycle(name, 'logout'),

    /** GET /api/sessions/{name}/me: the paired account, or null when not paired. */
    me(name: string): Promise<WahaResult<WahaMe | null>> {
      return getJson(
        options,
        { method: 'GET', path: `/api/sessions/${seg(name)}/me` },
        WahaMeSchema.nullish(),
      ).then((r) => (r.ok ? { ok: true, value: r.value ?? null } : r))
    },

    /** QR code as PNG bytes (`format=image`, image Accept). */
    async qrImage(name: string): Promise<WahaResult<{ mimetype: string; bytes: Uint8Array }>> {
      const raw = await callWaha(options, {
        method: 'GET',
        path: `/api/${seg(name)}/auth/qr`,
        query: { format: 'image' },
        accept: 'image/png',
      })
      if (!raw.ok) return raw
      const { bytes, contentType, status, bodyError } = raw.value
      const isPng =
        bytes.length > 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47
      if (bodyError || !isPng)
        return { ok: false, error: unexpectedResponseError(status, contentType, 'not a PNG') }
      return { ok: true, value: { mimetype: 'image/png', bytes } }
    },

    /** QR code as base64 JSON (exactly `Accept: application/json`). */
    qrBase64(name: string) {
      return getJson(
        options,
        {
          method: 'GET',
          path: `/api/${seg(name)}/auth/qr`,
          query: { format: 'image' },
          accept: 'application/json',
        },
        WahaQrBase64Schema,
      )
    },

    /** QR code raw value (`format=raw`) for rendering it ourselves. */
    qrRaw(name: string) {
      return getJson(
        options,
        { method: 'GET', path: `/api/${seg(name)}/auth/qr`, query: { format: 'raw' } },
        WahaQrRawSchema,
      )
    },

    /** POST /api/{name}/auth/request-code: pairing code for "link with phone number" (digits only). */
    requestPairingCode(name: string, phoneNumber: string) {
      return getJson(
        options,
        {
          method: 'POST',
          path: `/api/${seg(name)}/auth/request-code`,
          body: { phoneNumber: phoneNumber.replace(/\D/g, '') },
        },
        WahaPairingCodeSchema,
      )
    },
  }
}
