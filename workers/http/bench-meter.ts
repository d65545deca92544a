// GET /_bench/d1: the D1 counters of this isolate (app/core/db/meter.server.ts), only when the Worker
// was started with the bench-only var BENCH_D1_METER = "1". Otherwise the request goes on to the
// pages, which answer 404 as for any unknown address.
import { Hono } from 'hono'
import { d1Counters, meterEnabled } from '../../app/core/db/meter.server'

export const benchMeter = new Hono<{ Bindings: Env }>()

benchMeter.get('/_bench/d1', async (c, next) => {
  if (!meterEnabled(c.env)) return next()
  return c.json(d1Counters())
})
