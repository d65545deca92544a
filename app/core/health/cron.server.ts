// The cron's part of the health loop (decision 022): every five minutes, every connected number and
// every number the guard holds is evaluated, so acks, replies and opt-outs that arrive between sends
// are judged, cool-downs end on time and blocks stay. One failing number does not stop the others.
import type { AppContext } from '../context.server'
import { evaluateSessionHealth } from './guard.server'
import { sessionsToEvaluate } from './history.server'

export async function evaluateAllSessions(ctx: Pick<AppContext, 'db' | 'clock' | 'env'>): Promise<number> {
  let evaluated = 0
  for (const id of await sessionsToEvaluate(ctx)) {
    try {
      const r = await evaluateSessionHealth(ctx, id, { force: true })
      if (r?.evaluated) evaluated++
    } catch (error) {
      console.warn('health evaluation failed', id, error)
    }
  }
  return evaluated
}
