// Runs the Worker locally on Miniflare, the same workerd and local bindings (D1, R2, Queues, Durable
// Objects) that `wrangler dev` uses, but without wrangler's dev proxy: `wrangler dev` sends every
// request through a second workerd process and a single Durable Object, which caps a no-op route at
// ~600 requests/s on a 2-core machine against ~3,000/s here
// (docs/decisions/011-local-host-and-ack-intake.md).
// The bundle is wrangler's own (`wrangler deploy --dry-run`), so aliases and nodejs_compat match a
// deploy; bindings, vars and .dev.vars come from wrangler.toml through wrangler's own reader.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const require = createRequire(path.join(root, 'package.json'))

/** Bundles workers/app.ts (with the Remix build) exactly as `wrangler deploy` would. */
export function bundleWorker({ outdir, env }) {
  const r = spawnSync(
    path.join(root, 'node_modules', '.bin', 'wrangler'),
    ['deploy', '--dry-run', '--outdir', outdir],
    { cwd: root, env: { ...env, WRANGLER_LOG: 'warn' }, encoding: 'utf8' },
  )
  if (r.status !== 0) throw new Error(`wrangler deploy --dry-run falhou:\n${r.stderr}\n${r.stdout}`)
  return path.join(outdir, 'app.js')
}

/**
 * Starts the bundled Worker. `persist` is the same directory `wrangler --persist-to` takes, so
 * `wrangler d1 migrations apply --persist-to` and `wrangler d1 execute` see the same data.
 * @param {{ script: string, port: number, persist: string, vars?: Record<string, string>, logRequests?: boolean }} options
 */
export async function startLocalWorker({ script, port, persist, vars = {}, logRequests = true }) {
  const { Miniflare, Log, LogLevel, convertV4MiniflareOptions } = require('miniflare')
  const wrangler = require('wrangler')
  const { workerOptions } = wrangler.unstable_getMiniflareWorkerOptions(path.join(root, 'wrangler.toml'))
  // Source options are replaced by the bundle; module rules only apply to unbundled sources.
  const { modulesRules: _rules, rootPath: _root, ...options } = workerOptions
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      host: '127.0.0.1',
      port,
      log: new Log(LogLevel.INFO),
      logRequests,
      // The real Request.cf comes from Cloudflare; locally a placeholder (no fetch from the internet).
      cf: false,
      // GET /cdn-cgi/local/scheduled?cron=... fires the cron handler (tests and benches use it).
      unsafeTriggerHandlers: true,
      // Profiling a bench: DISPARO_INSPECTOR_PORT opens workerd's V8 inspector (never set by default).
      ...(process.env.DISPARO_INSPECTOR_PORT
        ? { inspectorPort: Number(process.env.DISPARO_INSPECTOR_PORT) }
        : {}),
      resourcePersistencePath: path.join(path.resolve(root, persist), 'v3'),
      workers: [
        {
          ...options,
          name: 'disparo',
          modules: true,
          scriptPath: script,
          modulesRoot: path.dirname(script),
          bindings: { ...options.bindings, ...vars },
        },
      ],
    }),
  )
  const url = await mf.ready
  return {
    url: url.href.replace(/\/$/, ''),
    /** Fires the Worker's `scheduled` handler, as a Cron Trigger does. */
    async scheduled(cron) {
      const worker = await mf.getWorker()
      return worker.scheduled({ cron, scheduledTime: new Date() })
    },
    dispose: () => mf.dispose(),
  }
}
