// A WAHA webhook event as the events consumer receives it (parsed by the same parser the webhook route
// uses), for tests that feed acks, replies and status changes straight to the events queue.
import { parseWahaEvent } from '../../../app/core/waha/webhook'

export function envelope(event: string, session: string, payload: Record<string, unknown>) {
  const parsed = parseWahaEvent({
    id: `evt_${crypto.randomUUID()}`,
    timestamp: Date.now(),
    event,
    session,
    metadata: {},
    me: null,
    payload,
    engine: 'GOWS',
    environment: { version: '2026.7.1', engine: 'GOWS', tier: 'CORE', browser: null },
  })
  if (!parsed.ok) throw new Error(parsed.message)
  return parsed.event
}
