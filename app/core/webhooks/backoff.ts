// When a failed webhook delivery is tried again (decision 033): the Standard Webhooks / Svix-like
// schedule 5 s, 5 min, 30 min, 2 h, 5 h, 10 h after each failure, for at most 24 hours after the
// first attempt: the attempt that would fall later happens at the 24-hour mark, and a failure then
// exhausts the delivery. Waits stay under Cloudflare Queues' 12-hour delaySeconds limit.
const RETRY_WAITS_MS = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000] as const
export const RETRY_WINDOW_MS = 24 * 3_600_000

/**
 * The instant of the next attempt after `attempts` failed ones (the last at `now`), or null when the
 * delivery is exhausted. `firstAt` is when the first attempt was made.
 */
export function nextAttemptAt(attempts: number, firstAt: number, now: number): number | null {
  const deadline = firstAt + RETRY_WINDOW_MS
  if (now >= deadline) return null
  const wait = RETRY_WAITS_MS[Math.min(attempts - 1, RETRY_WAITS_MS.length - 1)] ?? 0
  return Math.min(now + wait, deadline)
}
