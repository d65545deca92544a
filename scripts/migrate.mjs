#!/usr/bin/env node
// Applies db/migrations to every D1 binding of wrangler.toml: the control database and each tenant shard
// (decision 043). `node scripts/migrate.mjs --local [--persist-to <dir>]` or `--remote`.
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { d1Bindings } from './d1-bindings.mjs'

const root = path.resolve(import.meta.dirname, '..')
const args = process.argv.slice(2)
if (!args.includes('--local') && !args.includes('--remote')) {
  console.error('use: node scripts/migrate.mjs --local [--persist-to <dir>] | --remote')
  process.exit(2)
}
const env = {
  ...process.env,
  CLOUDFLARE_CF_FETCH_ENABLED: process.env.CLOUDFLARE_CF_FETCH_ENABLED ?? 'false',
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_HIDE_BANNER: 'true',
}
for (const binding of d1Bindings(root)) {
  const r = spawnSync(
    path.join(root, 'node_modules', '.bin', 'wrangler'),
    ['d1', 'migrations', 'apply', binding, ...args],
    { cwd: root, env, stdio: 'inherit' },
  )
  if (r.status !== 0) {
    console.error(`✗ migrations failed on ${binding}`)
    process.exit(r.status ?? 1)
  }
}
