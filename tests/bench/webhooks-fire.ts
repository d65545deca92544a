// The load side of `npm run bench:webhooks`, run as its own process so the firing does not share an
// event loop with the parent. Reads the prepared requests (NDJSON, one signed WAHA delivery a line),
// POSTs them to 127.0.0.1 with a keep-alive agent and bounded concurrency, and prints one JSON line
// with the timings. Bounded in count (the file) and time (FIRE_DEADLINE_MS): it stops by itself.
import { readFileSync } from 'node:fs'
import http from 'node:http'

export interface PreparedRequest {
  path: string
  body: string
  headers: Record<string, string>
}

export interface FireReport {
  sent: number
  ok: number
  non2xx: number
  errors: number
  byStatus: Record<string, number>
  wallMs: number
  latencyMs: { p50: number; p90: number; p99: number; max: number }
  timedOut: boolean
  peakRssMb: number
  cpuMs: number
}

const [file, target] = process.argv.slice(2)
if (!file || !target) throw new Error('usage: webhooks-fire.ts <requests.ndjson> <http://127.0.0.1:port>')
const url = new URL(target)
if (url.hostname !== '127.0.0.1') throw new Error('loopback only (127.0.0.1)')
const CONCURRENCY = Math.max(1, Math.min(256, Number(process.env.FIRE_CONCURRENCY ?? 48)))
const DEADLINE_MS = Number(process.env.FIRE_DEADLINE_MS ?? 10 * 60_000)
const REQUEST_TIMEOUT_MS = 30_000

const requests: PreparedRequest[] = readFileSync(file, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as PreparedRequest)

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY })

function post(req: PreparedRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const body = Buffer.from(req.body, 'utf8')
    const r = http.request(
      {
        host: '127.0.0.1',
        port: url.port,
        path: req.path,
        method: 'POST',
        agent,
        timeout: REQUEST_TIMEOUT_MS,
        headers: { ...req.headers, 'content-length': String(body.byteLength) },
      },
      (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
        res.on('error', reject)
      },
    )
    r.on('timeout', () => r.destroy(new Error('timeout')))
    r.on('error', reject)
    r.end(body)
  })
}

const cpuBefore = process.cpuUsage()
const started = performance.now()
const deadline = started + DEADLINE_MS
const latencies: number[] = []
const byStatus: Record<string, number> = {}
let next = 0
let ok = 0
let non2xx = 0
let errors = 0
let timedOut = false

async function lane() {
  while (next < requests.length) {
    if (performance.now() > deadline) {
      timedOut = true
      return
    }
    const req = requests[next++]!
    const t0 = performance.now()
    try {
      const status = await post(req)
      byStatus[status] = (byStatus[status] ?? 0) + 1
      if (status >= 200 && status < 300) ok++
      else non2xx++
    } catch {
      errors++
    }
    latencies.push(performance.now() - t0)
  }
}

await Promise.all(Array.from({ length: CONCURRENCY }, lane))
const wallMs = performance.now() - started
agent.destroy()
latencies.sort((a, b) => a - b)
const pct = (p: number) =>
  Number((latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0).toFixed(1))
const cpu = process.cpuUsage(cpuBefore)
const report: FireReport = {
  sent: latencies.length,
  ok,
  non2xx,
  errors,
  byStatus,
  wallMs: Math.round(wallMs),
  latencyMs: { p50: pct(0.5), p90: pct(0.9), p99: pct(0.99), max: pct(1) },
  timedOut,
  // maxRSS is in kilobytes on Linux.
  peakRssMb: Number((process.resourceUsage().maxRSS / 1024).toFixed(1)),
  cpuMs: Math.round((cpu.user + cpu.system) / 1000),
}
process.stdout.write(`${JSON.stringify(report)}\n`)
