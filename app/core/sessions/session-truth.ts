// What Disparo holds true about a WhatsApp session is what WAHA says (CONTRACT §3): its status, plus
// one status of our own, NOT_FOUND, for a session WAHA no longer knows (deleted there, or a server
// restarted without its session store). NOT_FOUND is not WORKING, so the router and the sender
// (isSessionHealthy in app/core/sending) give it no work. A WORKING status, from a webhook or a poll,
// clears what the session not working had caused: its last error and a pause for that reason.
// Pure: pages use the constants, live-state.server.ts applies them.
import { ptText } from '../../i18n'
import { type MessageCode, text } from '../../i18n/text'
import { SESSION_NOT_FOUND } from '../waha/errors'
import { WAHA_SESSION_STATUSES } from '../waha/types'

/** Disparo's status for a session WAHA answers it does not know. */
export const NOT_FOUND_STATUS = 'NOT_FOUND'

/** Every status a session row can hold: WAHA's, then NOT_FOUND. */
export const SESSION_STATUSES: readonly string[] = [...WAHA_SESSION_STATUSES, NOT_FOUND_STATUS]

/** Text stored as last_error (code `session.failed`, sentence FAILED_MESSAGE) when WAHA reports FAILED. */
export const FAILED_TEXT = text('session.failed')
export const FAILED_MESSAGE = ptText(FAILED_TEXT)

/** Text stored as last_error when WAHA does not know the session any more. */
export const NOT_FOUND_TEXT = text('session.notFound')
export const NOT_FOUND_MESSAGE = ptText(NOT_FOUND_TEXT)

/**
 * Codes of the reasons, of a session pause or a last error, that say the session itself was not
 * working (failed, unknown to WAHA, not started, not ready to send, whatever its status). A WORKING
 * status cures them; other reasons (rate limits, WhatsApp's reach-out lock, a wrong API key, network
 * failures) stay until they expire. Matched on the stored code, never on the sentence (decision 025).
 */
export const CURED_BY_WORKING: readonly MessageCode[] = [
  FAILED_TEXT.code as MessageCode,
  NOT_FOUND_TEXT.code as MessageCode,
  SESSION_NOT_FOUND.code as MessageCode,
  'waha.session_not_ready',
]
