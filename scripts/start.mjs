#!/usr/bin/env node
// `npm start`: build, migrate the local D1, start the WAHA simulator and the Worker on Miniflare
// (local D1, R2, Queues, Durable Objects and cron, persisted under .wrangler/state; see
// scripts/local-worker.mjs). Prints the URL. Ctrl+C stops all.
// Env: PORT (8787), WAHA_SIM_PORT (3100), DISPARO_PERSIST_DIR (.wrangler/state), SKIP_BUILD=1,
// DISPARO_LOG_REQUESTS=0 (no request log lines).
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { ensureDevVars } from './dev-vars.mjs'
import { bundleWorker, startLocalWorker } from './local-worker.mjs'

const root = path.resolve(import.meta.dirname, '..')
const bin = (name) => path.join(root, 'node_modules', '.bin', name)
const port = process.env.PORT ?? '8787'
const simPort = process.env.WAHA_SIM_PORT ?? '3100'
const persist = process.env.DISPARO_PERSIST_DIR ?? '.wrangler/state'
const quiet = {
  ...process.env,
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_HIDE_BANNER: 'true',
  WRANGLER_LOG_PATH: path.join(root, '.wrangler', 'logs'),
  PATH: `${path.join(root, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH}`,
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, env: quiet, stdio: 'inherit' })
  if (r.status !== 0) {
    console.error(`✗ Falhou: ${cmd} ${args.join(' ')}`)
    process.exit(r.status ?? 1)
  }
}

ensureDevVars(root)
if (process.env.SKIP_BUILD !== '1') run(bin('remix'), ['vite:build'])
// The control database and every tenant shard (decision 043).
run(process.execPath, [path.join(root, 'scripts', 'migrate.mjs'), '--local', '--persist-to', persist])

const children = []
/** @type {Awaited<ReturnType<typeof startLocalWorker>> | null} */
let worker = null
let cronInterval = null
let stopping = false

function stop(code = 0) {
  if (stopping) return
  stopping = true
  if (cronInterval) clearInterval(cronInterval)
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM')
  setTimeout(() => process.exit(code), 2000).unref()
  Promise.resolve(worker?.dispose()).finally(() => process.exit(code))
}
process.on('SIGINT', () => stop(0))
process.on('SIGTERM', () => stop(0))

const simEntry = path.join(root, 'tools', 'waha-simulator', 'main.ts')
const simUrl = `http://127.0.0.1:${simPort}`
if (existsSync(simEntry)) {
  const sim = spawn(bin('tsx'), [simEntry], {
    cwd: root,
    env: { ...quiet, WAHA_SIM_PORT: simPort },
    stdio: 'inherit',
  })
  sim.on('exit', (code) => stop(code ?? 0))
  children.push(sim)
}

try {
  const script = bundleWorker({ outdir: path.join(root, '.wrangler', 'local-bundle'), env: quiet })
  worker = await startLocalWorker({
    script,
    port: Number(port),
    persist,
    // HEALTH_GUARD=off only for bench:guard (decision 022); BENCH_D1_METER=1 only for bench:send
    // (counts D1 queries and rows: app/core/db/meter.server.ts).
    vars: {
      DEFAULT_WAHA_URL: simUrl,
      ...(process.env.HEALTH_GUARD ? { HEALTH_GUARD: process.env.HEALTH_GUARD } : {}),
      ...(process.env.BENCH_D1_METER === '1' ? { BENCH_D1_METER: '1' } : {}),
      // Only bench:scale's single-database pass (TENANT_SHARDS=DB): the pool new teams go to (decision 043).
      ...(process.env.TENANT_SHARDS ? { TENANT_SHARDS: process.env.TENANT_SHARDS } : {}),
      // Only the follow-up journey: a step's "minute" in ms (ignored in production, decision 040).
      ...(process.env.STEP_MINUTE_MS ? { STEP_MINUTE_MS: process.env.STEP_MINUTE_MS } : {}),
    },
    logRequests: process.env.DISPARO_LOG_REQUESTS !== '0',
  })
} catch (error) {
  console.error(`✗ O Worker não iniciou: ${error?.message ?? error}`)
  stop(1)
}
if (worker) {
  console.log(`\n✓ Disparo em http://localhost:${port}`)
  if (existsSync(simEntry)) console.log(`✓ WAHA simulado em ${simUrl} (o "celular" de teste)`)
  startCronTicker(worker)
}

// Locally, Cron Triggers do not fire by themselves: tick every minute on the minute, as Cloudflare
// does, so scheduled campaigns start locally too (the release adds the seconds). Tests and benches
// trigger it at will with GET /cdn-cgi/local/scheduled?cron=*+*+*+*+*.
function startCronTicker(running) {
  const tick = () =>
    running.scheduled('* * * * *').catch((error) => console.error(`✗ cron: ${error?.message ?? error}`))
  const msToNextMinute = 60_000 - (Date.now() % 60_000)
  setTimeout(() => {
    tick()
    cronInterval = setInterval(tick, 60_000)
  }, msToNextMinute).unref()
}
