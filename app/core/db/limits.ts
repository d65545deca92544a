// Named limits of the platform that batching loops respect, and the one helper that cuts work into
// pieces. D1 binds at most 100 parameters per statement; a Queue `sendBatch` takes at most 100
// messages. https://developers.cloudflare.com/d1/platform/limits/ · /queues/platform/limits/

/** D1: bound parameters per statement. */
export const D1_MAX_BOUND_PARAMS = 100
/** Ids per `IN (...)` list, leaving room for the statement's other parameters. */
export const D1_IDS_PER_STATEMENT = 90
/** Statements we send in one D1 batch (one round trip): amortises the trip, stays far below limits. */
export const D1_BATCH_STATEMENTS = 50
/** Queues: messages per `sendBatch`. */
export const QUEUE_SEND_BATCH_MAX = 100

/** `items` in consecutive pieces of at most `size` (the last may be shorter). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`chunk size must be a positive integer, got ${size}`)
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}
