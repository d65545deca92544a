// Where the evidence comes from: the instants each window's queries use, and the rule that turns the
// session status log into flaps. Both are pure so the engine's SQL and these tests agree on them.
import { type HealthConfig, MINUTE_MS } from './config'

/** The instants the engine's queries use for one window (ms, `from` inclusive, `to` exclusive). */
export interface WindowBounds {
  from: number
  to: number
  /** sent_at range of `matured` / `stillServer` / `replies`. */
  matureFrom: number
  matureTo: number
  /** sent_at range of `fresh` / `freshServer` (the fast delivery check; empty on the long window). */
  freshFrom: number
  freshTo: number
  /** sending_at range of `attempted` / `pendingStuck`. */
  pendingFrom: number
  pendingTo: number
}

/**
 * The windows ending at `now`. `since` clips every range: evidence older than the end of the last
 * cool-down (or a person's release of a block) has been paid for and must not pause the number again.
 */
export function evidenceWindows(
  now: number,
  config: HealthConfig,
  since: number | null = null,
): { short: WindowBounds; long: WindowBounds } {
  const w = config.windows
  const bounds = (minutes: number): WindowBounds => {
    const floor = since ?? Number.NEGATIVE_INFINITY
    const from = Math.max(now - minutes * MINUTE_MS, floor)
    const shifted = (after: number) => {
      const start = Math.max(from - after * MINUTE_MS, floor)
      return [start, Math.max(start, now - after * MINUTE_MS)] as const
    }
    const [matureFrom, matureTo] = shifted(w.serverAfterMinutes)
    const [pendingFrom, pendingTo] = shifted(w.pendingAfterMinutes)
    const start = Math.min(from, now)
    return {
      from: start,
      to: now,
      matureFrom,
      matureTo,
      freshFrom: start,
      freshTo: start,
      pendingFrom,
      pendingTo,
    }
  }
  // The fast delivery check judges the short window only: the window's sends old enough to have
  // reached a phone that is on (`deliveryAfterMinutes`), however recent.
  const short = bounds(w.shortMinutes)
  short.freshTo = Math.max(short.from, now - w.deliveryAfterMinutes * MINUTE_MS)
  return { short, long: bounds(w.longMinutes) }
}

// ---------------------------------------------------------------------------------------------
// Session status log -> flaps

/** WAHA statuses that mean the number needs a person (pairing, passkey) or has failed. */
export const NEEDS_PAIRING = ['SCAN_QR_CODE', 'PASSKEY_REQUIRED', 'PASSKEY_CONFIRMATION_REQUIRED'] as const
const PASSKEY = new Set(['PASSKEY_REQUIRED', 'PASSKEY_CONFIRMATION_REQUIRED'])

/** One row of the session status log (one per session.status webhook or status poll). */
export interface StatusChange {
  status: string
  at: number
}

/**
 * Flaps of one session in [from, to): entering FAILED, entering PASSKEY_REQUIRED or
 * PASSKEY_CONFIRMATION_REQUIRED, and entering SCAN_QR_CODE after the number had been WORKING (a
 * logout: first pairings are not flaps, nor the first pairing after WAHA lost the session). The log may arrive in any order and with repeats: it is
 * sorted, identical (status, at) rows count once, and a status repeated without a change in between
 * (SCAN_QR_CODE is re-sent at every QR rotation) counts once. Pass the log from before `from` too
 * (at least the last row before it, and whether the number ever worked) so changes are judged right.
 */
export function countFlaps(
  log: readonly StatusChange[],
  from: number,
  to: number,
  workedBefore = false,
): number {
  // Sorted, a repeated row sits next to itself and is no change: duplicates never count twice.
  const rows = [...log]
    .filter((r) => typeof r.status === 'string' && Number.isFinite(r.at))
    .sort((a, b) => a.at - b.at || a.status.localeCompare(b.status))
  let previous: string | null = null
  let worked = workedBefore
  let flaps = 0
  for (const { status, at } of rows) {
    const entered = status !== previous
    const inWindow = at >= from && at < to
    if (entered && inWindow) {
      if (status === 'FAILED' || PASSKEY.has(status) || (status === 'SCAN_QR_CODE' && worked)) flaps++
    }
    if (status === 'WORKING') worked = true
    // WAHA itself lost the session (its server restarted without it, or it was deleted there): the
    // next pairing is a new WAHA session, not WhatsApp unlinking the number (decision 022).
    if (status === 'NOT_FOUND') worked = false
    previous = status
  }
  return flaps
}

/**
 * True when WAHA lost the session (`NOT_FOUND`) after it last worked: a pairing now is the new WAHA
 * session's first, not a logout. The log may come in any order.
 */
export function lostByWahaSinceWorking(log: readonly StatusChange[]): boolean {
  let lost = false
  for (const { status } of [...log].sort((a, b) => a.at - b.at)) {
    if (status === 'WORKING') lost = false
    if (status === 'NOT_FOUND') lost = true
  }
  return lost
}
