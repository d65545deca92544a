// bench:send's WhatsApp acks. The bench's sessions get Disparo's own webhook config (URL, HMAC secret,
// events: buildSessionConfig, as creating a session in the app registers it), so message.any and the
// delivery/read acks reach the Worker like in a real setup and the health guard sees deliveries.
// The simulator holds every event back ACK_DELAY_MS after a send, plus up to ACK_SPREAD_MS at random
// (the guard calls a send undelivered only after 3 minutes), so a run that sends in less than
// ACK_DELAY_MS measures the send path alone, and the acks' own cost (the webhook intake and the events
// consumer) is measured after, while they drain. The spread keeps three events per message from
// arriving at once: the simulator opens a connection per delivery, and a burst of thousands left the
// local Worker unable to accept any connection for seconds.
import { buildSessionConfig } from '../../app/core/waha/types'
import { sleep } from './support'

export const ACK_DELAY_MS = Number(process.env.BENCH_ACK_DELAY_MS ?? 45_000)
const ACK_SPREAD_MS = Number(process.env.BENCH_ACK_SPREAD_MS ?? 45_000)
/** The read ack comes this long after the delivery ack. */
const READ_AFTER_MS = 2_000
export const WEBHOOK_SECRET = 'bench-webhook-secret'

/**
 * fetch for the bench's own calls: a GET that meets a reset or refused connection (a Worker or
 * simulator busy with acks) is tried again a few times; anything else fails at once.
 */
export async function benchFetch(url: string, init: RequestInit = {}): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, init)
    } catch (error) {
      if ((init.method ?? 'GET') !== 'GET' || attempt >= 5) throw error
      await sleep(500 * attempt)
    }
  }
}

/** The id of the bench's session row `i` (the webhook route accepts only ids shaped like the app's). */
export const benchSessionId = (i: number) => `wses_bench${String(i).padStart(11, '0')}`

/** The config the app registers on WAHA for the session row `sessionId` (decision 011). */
export function benchSessionConfig(workerUrl: string, sessionId: string) {
  return buildSessionConfig({
    webhookUrl: `${workerUrl}/webhooks/waha/${sessionId}`,
    webhookSecret: WEBHOOK_SECRET,
    metadata: { 'disparo.session': sessionId },
  })
}

/** The simulator's event timings for the bench: every event of a send ACK_DELAY_MS after it. */
export const ackTimings = {
  messageAnyDelayMs: ACK_DELAY_MS,
  serverAckMs: ACK_DELAY_MS,
  deviceAckMs: ACK_DELAY_MS,
  readAckMs: ACK_DELAY_MS + READ_AFTER_MS,
  // WAHA's own timeout and retry delays (2 s, 4 s, …): the fast preset's 2 s timeout and
  // millisecond retries give up on a busy local Worker within a second and lose the acks.
  webhookTimeoutMs: 10_000,
  webhookRetryScale: 1,
  webhookJitterMs: ACK_SPREAD_MS,
}

/**
 * Waits until the acks of sends made up to `lastSendAt` have arrived and the Worker has stopped
 * working on them: past the last event's time, D1's statement count (`queries`) unchanged for two
 * polls in a row.
 */
export async function waitForAcks(lastSendAt: number, queries: () => Promise<number>): Promise<void> {
  const lastEventAt = lastSendAt + ACK_DELAY_MS + READ_AFTER_MS + ACK_SPREAD_MS
  while (Date.now() < lastEventAt + 1000) await sleep(500)
  // A busy Worker may not answer at once: a failed poll counts as "still working".
  const poll = () => queries().catch(() => -1)
  let before = await poll()
  let still = 0
  const deadline = Date.now() + 5 * 60_000
  while (still < 2 && Date.now() < deadline) {
    await sleep(1500)
    const now = await poll()
    still = now === before && now >= 0 ? still + 1 : 0
    before = now
  }
}

/**
 * The share of the send window during which acks were arriving (the first ones come ACK_DELAY_MS
 * after the first send). 0 for a run shorter than the delay: its CPU is the send path's alone.
 */
export function ackOverlap(seconds: number): number {
  return Math.max(0, (seconds - ACK_DELAY_MS / 1000) / seconds)
}
