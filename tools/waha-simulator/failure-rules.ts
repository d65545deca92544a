// What a failure-injection rule is (failures.ts queues and applies them). Its own module so the
// simulator's state (sim-state.ts) can name it without an import cycle.

/** Kinds consumed by requests (sends by default, or check-exists / presence calls). */
export const REQUEST_FAILURES = [
  'error-463', // 500 "server returned error 463" (reach-out time-lock)
  'error-475', // 500 "server returned error 475": message capping
  'rate-overlimit', // 500 NOWEB rate-overlimit (data 429)
  'http-error', // any status (default 500) with a generic engine error
  'timeout', // the message IS sent; the HTTP answer comes only after hangMs
  'silent', // 201, message.any, then no DEVICE/READ ack ever
  'ack-error', // 201, then message.ack -1 ERROR
  'media-fetch', // sendImage: the media URL download fails (as if unreachable)
] as const
export const SESSION_FAILURES = ['session-failed', 'logged-out', 'disconnect'] as const
export type RequestFailureKind = (typeof REQUEST_FAILURES)[number]

export const FAILURE_TARGETS = ['send', 'check-exists', 'presence'] as const
export type FailureTarget = (typeof FAILURE_TARGETS)[number]

/** Kinds that only make sense for sends (they act on the message or its media). */
export const SEND_ONLY: readonly RequestFailureKind[] = ['silent', 'ack-error', 'media-fetch']

export interface FailureRule {
  id: number
  /** Session name, or `*` for any. */
  session: string
  kind: RequestFailureKind
  /** Which calls it hits: send (sendText/sendImage), check-exists, presence (sendSeen/typing). */
  on: FailureTarget
  /** Calls left; `null` = until cleared. */
  remaining: number | null
  /** Only calls for this chat id / phone (digits compared). */
  chatId?: string
  status?: number
  message?: string
  hangMs?: number
  /** For error kinds: WhatsApp got the message anyway (the error came after it left). */
  sent?: boolean
}
