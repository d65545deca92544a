// The shape of a classified WAHA failure (the rules that classify live in errors.ts, the
// constructors in error-builders.ts); its own module so neither imports the other's types.

import type { Text } from '../../i18n/text'

/** Which kind of WAHA call failed: sends get stricter wording about possible duplicates. */
export type WahaOperation = 'send' | 'other'

interface WahaErrorBase {
  /** For users, by code (`waha.*`, `net.*`): says what to do. */
  text: Text
  /** `text` in pt-BR (logs, tests, stored rows). */
  message: string
  definite: boolean
  retryable: boolean
  httpStatus: number | null
  /** Raw server text for logs (never shown as is). */
  detail: string | null
}

/** A classified WAHA failure (see the rule table in errors.ts). */
export type WahaError =
  | (WahaErrorBase & { kind: 'session_not_working'; sessionStatus: string | null; expected: string[] })
  | (WahaErrorBase & { kind: 'not_found' })
  | (WahaErrorBase & { kind: 'reach_out_limit'; code: number | null; lockedUntil: Date | null })
  | (WahaErrorBase & { kind: 'rate_limited' })
  | (WahaErrorBase & { kind: 'invalid_number' })
  | (WahaErrorBase & { kind: 'auth' })
  | (WahaErrorBase & { kind: 'already_exists' })
  | (WahaErrorBase & { kind: 'bad_request'; problems: string[] })
  | (WahaErrorBase & { kind: 'invalid_config' })
  | (WahaErrorBase & { kind: 'network'; cause: 'connect_failed' | 'origin_unreachable' })
  | (WahaErrorBase & {
      kind: 'ambiguous'
      cause: 'timeout' | 'connection_lost' | 'server_error' | 'unexpected_body' | 'aborted'
    })
  | (WahaErrorBase & { kind: 'unexpected_response'; contentType: string | null })
